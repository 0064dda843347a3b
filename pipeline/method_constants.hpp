#pragma once
// The fixed choices of kvo's methods that are not spec keys but decide results. The run
// manifest records them (`method_constants`) and a follow-up refuses a baseline computed
// with other values, as it refuses a changed spec key (docs/comparison.md).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/gpkg/baseline.hpp"

namespace kvo::cli {

struct MethodConstants {
  double survey_confidence = 0.95;             ///< level of every survey interval
  double cell_size_fallback_m = 100;           ///< hotspot cell size when the automatic rule is undefined
  std::int64_t max_window_hours = 168;         ///< longer time windows spread evenly over the week
  std::string time_zone = "Europe/Amsterdam";  ///< wall clock of the temporal profile
};

/// The constants as the manifest row `method_constants`.
nlohmann::json method_constants_json(const MethodConstants& constants);

/// The constants whose values in a baseline's `method_constants` row differ from
/// `current`; a baseline without the row was computed with the version-1 values, which
/// are the defaults above.
std::vector<io::Deviation> method_constant_deviations(const nlohmann::json& baseline_row,
                                                      const MethodConstants& current);

}  // namespace kvo::cli
