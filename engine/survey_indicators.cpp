#include "engine/survey_indicators.hpp"

#include <map>
#include <tuple>

namespace kvo::engine {

std::vector<SurveyIndicatorRow> compute_survey_indicators(const SurveyColumns& c, std::size_t n_areas,
                                                          const SurveyOptions& options) {
  const std::size_t n = c.weight.size();
  std::vector<std::int32_t> group(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    if (c.area[i] >= 0 && c.period[i] < kPeriodCount)
      group[i] = static_cast<std::int32_t>(static_cast<std::size_t>(c.area[i]) * kPeriodCount + c.period[i]);
  const std::size_t n_groups = n_areas * kPeriodCount;
  std::vector<std::vector<SurveyEstimate>> per_indicator;
  for (std::size_t k = 0; k < c.values.size(); ++k)
    per_indicator.push_back(c.is_mark[k] ? weighted_means(c.values[k], c.weight, group, n_groups, options)
                                         : weighted_proportions(c.values[k], c.weight, group, n_groups, options));
  std::vector<SurveyIndicatorRow> rows;
  for (std::size_t g = 0; g < n_groups; ++g)
    for (std::size_t k = 0; k < c.values.size(); ++k) {
      const SurveyEstimate& e = per_indicator[k][g];
      if (e.n == 0) continue;
      rows.push_back({static_cast<std::int32_t>(g / kPeriodCount), static_cast<PeriodId>(g % kPeriodCount), k, e, {}});
    }
  return rows;
}

void attach_survey_differences(std::vector<SurveyIndicatorRow>& rows, const std::vector<bool>& is_mark,
                               const SurveyOptions& options) {
  std::map<std::pair<std::int32_t, std::size_t>, const SurveyEstimate*> baseline;
  for (const auto& r : rows)
    if (r.period == PeriodId::baseline) baseline[{r.area, r.indicator}] = &r.estimate;
  for (auto& r : rows) {
    if (r.period != PeriodId::followup) continue;
    const auto it = baseline.find({r.area, r.indicator});
    if (it == baseline.end()) continue;
    r.difference = is_mark[r.indicator] ? mean_difference(*it->second, r.estimate, options)
                                        : proportion_difference(*it->second, r.estimate, options);
  }
}

}  // namespace kvo::engine
