#pragma once
// Between the method and the computation: records outside the study region and its
// context leave the run. They were valid, so they are not rejects; each source counts
// them as outside_study_region, and read = accepted + rejected + excluded +
// outside_study_region.

#include <cstdint>

#include "pipeline/inputs.hpp"
#include "pipeline/method_record.hpp"

namespace kvo::cli {

/// Removes the incidents and observations outside `scope.region()` from `inputs`, moves
/// their count from accepted to outside_study_region in their source's counts, and sets
/// `inputs.scoped`.
void apply_scope(Inputs& inputs, const StudyScope& scope);

}  // namespace kvo::cli
