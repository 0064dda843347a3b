#pragma once
// The monitor between measurements: emerging hot spots month by month on the hotspot grid,
// and near-repeat risk (Knox test), both over the latest period (docs/emerging.md,
// docs/near_repeat.md).

#include "pipeline/results.hpp"

namespace kvo::cli {

/// The period the monitor looks at: the follow-up when there is one, else the baseline.
engine::PeriodId latest_period(const MethodRecord& method);

/// Space-time Gi*, Mann–Kendall and the 17 categories per cell, for each theme asked for,
/// on `results.grid` (run after compute_hotspots); a warning when there is no grid.
void compute_emerging(const Inputs& inputs, const MethodRecord& method, unsigned threads, Results& results);

/// The Knox table, risk window and the incidents still inside it, for each theme asked for.
void compute_near_repeat(const Inputs& inputs, const MethodRecord& method, unsigned threads, Results& results);

}  // namespace kvo::cli
