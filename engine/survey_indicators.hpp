#pragma once
// Survey indicator estimates per area × period × indicator, and the change between the
// baseline and follow-up waves (the `survey_indicators` layer).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/period.hpp"
#include "engine/survey_stats.hpp"

namespace kvo::engine {

/// One estimate; `difference` is set on follow-up rows whose area has both waves.
struct SurveyIndicatorRow {
  std::int32_t area = -1;
  PeriodId period = PeriodId::baseline;
  std::size_t indicator = 0;                   ///< index of the indicator
  SurveyEstimate estimate;
  std::optional<SurveyDifference> difference;  ///< follow-up − baseline
};

/// Respondents as columns: area index (< 0: left out), period, weight, and one value
/// column per indicator (1/0 for shares, the mark for means, NaN = not answered).
struct SurveyColumns {
  std::span<const std::int32_t> area;
  std::span<const std::uint8_t> period;
  std::span<const double> weight;
  std::vector<std::span<const double>> values;  ///< per indicator
  std::vector<bool> is_mark;                    ///< per indicator: weighted mean instead of share
};

/// Estimates for every area × present period × indicator with at least one answer,
/// ordered by area, period, indicator.
std::vector<SurveyIndicatorRow> compute_survey_indicators(const SurveyColumns& columns, std::size_t n_areas,
                                                          const SurveyOptions& options = {});

/// Sets `difference` on every follow-up row with a baseline row of the same area and
/// indicator (proportion_difference for shares, mean_difference for marks).
void attach_survey_differences(std::vector<SurveyIndicatorRow>& rows, const std::vector<bool>& is_mark,
                               const SurveyOptions& options = {});

}  // namespace kvo::engine
