#pragma once
// Counts and rates per area × period × theme (the `area_stats` layer).

#include <array>
#include <cstdint>
#include <vector>

#include "engine/incident_set.hpp"

namespace kvo::engine {

/// One row per area × present period × theme (kThemeAll included), zero counts included,
/// ordered by area, then period, then theme.
struct AreaStats {
  std::vector<std::int32_t> area;     ///< area index
  std::vector<PeriodId> period;
  std::vector<ThemeId> theme;         ///< kThemeAll for the total
  std::vector<std::int64_t> count;    ///< incidents
  std::vector<double> per_ha_year;    ///< count / (area in ha) / (period length in years)

  /// Number of rows.
  [[nodiscard]] std::size_t size() const { return area.size(); }
};

/// Period lengths and presence, indexed by PeriodId.
struct PeriodSet {
  std::array<bool, kPeriodCount> present{};     ///< period is analysed
  std::array<PeriodRange, kPeriodCount> range{};  ///< its days
};

/// Counts incidents per area × period × theme; an incident counts in its area of every
/// area set (IncidentSet::area_columns). Incidents without area or period are skipped. A
/// year is 365.25 days; a hectare 10 000 m².
AreaStats compute_area_stats(const IncidentSet& incidents, const Areas& areas, const PeriodSet& periods);

/// Pre-aggregated counts (e.g. open police data per buurt per month) as columns.
struct AreaCounts {
  std::vector<std::int32_t> area;
  std::vector<PeriodId> period;
  std::vector<ThemeId> theme;   ///< never kThemeAll
  std::vector<std::int64_t> count;
};

/// Adds pre-aggregated counts to `stats` (their theme and `all`) and recomputes the rates.
void add_area_counts(AreaStats& stats, const AreaCounts& counts, const Areas& areas, const PeriodSet& periods);

}  // namespace kvo::engine
