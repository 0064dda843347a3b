#pragma once
// Baseline versus follow-up per area × theme (the `area_change` layer): counts compared as
// rates, exact test, BH q, and a Mann–Kendall trend over the follow-up's monthly counts.

#include <cstdint>
#include <vector>

#include "engine/area_stats.hpp"
#include "engine/rate_compare.hpp"
#include "engine/trend.hpp"

namespace kvo::engine {

/// Rows for every area × theme (`all` included) in area_stats order.
struct AreaChange {
  std::vector<std::int32_t> area;
  std::vector<ThemeId> theme;
  double years_baseline = 0, years_followup = 0;  ///< exposures
  RateComparison rates;                           ///< one entry per row; BH q over all rows
  bool has_trend = false;                         ///< the follow-up spans 12 or more whole months
  std::vector<TrendResult> trend;                 ///< per row when has_trend
  std::int32_t trend_months = 0;                  ///< months in the trend series

  /// Number of rows.
  [[nodiscard]] std::size_t size() const { return area.size(); }
};

/// Compares the two periods of `stats` (both must be present) and, when the follow-up spans
/// at least 12 whole months, runs Mann–Kendall on each row's monthly follow-up counts.
AreaChange compute_area_changes(const AreaStats& stats, const IncidentSet& incidents, std::size_t n_areas,
                                const PeriodSet& periods, const RateCompareOptions& options = {});

}  // namespace kvo::engine
