#pragma once
// The `temporal_profile` rows: aoristic hour-of-week weights per area × period × theme.

#include <array>
#include <cstdint>
#include <vector>

#include "engine/aoristic.hpp"
#include "engine/incident_set.hpp"

namespace kvo::engine {

/// Hour-of-week weights of one area × period × theme (kThemeAll for every theme).
struct TemporalProfileRow {
  std::int32_t area = kNoArea;
  PeriodId period = PeriodId::baseline;
  ThemeId theme = kThemeAll;
  std::int64_t incidents = 0;                     ///< incidents spread into this row
  std::int64_t long_windows = 0;                  ///< of which spread evenly (window > a week)
  std::int64_t whole_days = 0;                    ///< of which known only to the day (00:00–24:00)
  std::array<double, kHoursPerWeek> weight{};     ///< weekday·24 + local hour (Monday 0)
};

/// Profiles of every area × period × theme that has incidents (`all` included), ordered by
/// area, period, theme. An incident counts in its area of every area set
/// (IncidentSet::area_columns); incidents without area or period are left out.
std::vector<TemporalProfileRow> compute_temporal_profiles(const IncidentSet& incidents, std::size_t n_areas,
                                                          const AoristicOptions& options = {});

}  // namespace kvo::engine
