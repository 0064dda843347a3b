#include "pipeline/method_constants.hpp"

namespace kvo::cli {

nlohmann::json method_constants_json(const MethodConstants& c) {
  return {{"survey_confidence", c.survey_confidence},
          {"cell_size_fallback_m", c.cell_size_fallback_m},
          {"max_window_hours", c.max_window_hours},
          {"time_zone", c.time_zone}};
}

std::vector<io::Deviation> method_constant_deviations(const nlohmann::json& baseline_row,
                                                      const MethodConstants& current) {
  const nlohmann::json baseline = baseline_row.is_object() ? baseline_row : method_constants_json(MethodConstants{});
  const nlohmann::json mine = method_constants_json(current);
  std::vector<io::Deviation> out;
  for (const auto& [key, value] : mine.items()) {
    const nlohmann::json theirs = baseline.contains(key) ? baseline[key] : nlohmann::json();
    if (theirs != value)
      out.push_back({"method_constants." + key, theirs.is_null() ? "(unset)" : theirs.dump(), value.dump()});
  }
  return out;
}

}  // namespace kvo::cli
