#include "engine/temporal_profile.hpp"

#include <algorithm>

namespace kvo::engine {

std::vector<TemporalProfileRow> compute_temporal_profiles(const IncidentSet& incidents, std::size_t n_areas,
                                                          const AoristicOptions& options) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  const std::size_t n_groups = n_areas * kPeriodCount * kThemesWithAll;
  auto group_of = [&](std::size_t i, ThemeId theme) -> std::int32_t {
    const std::int32_t a = incidents.area[i];
    const std::uint8_t p = incidents.period[i];
    if (a < 0 || p >= kPeriodCount) return -1;
    return static_cast<std::int32_t>((static_cast<std::size_t>(a) * kPeriodCount + p) * kThemesWithAll + theme);
  };
  // Each incident counts in its own theme and in `all`: two passes over the same windows.
  std::vector<std::int32_t> by_theme(incidents.size()), by_all(incidents.size());
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    by_theme[i] = group_of(i, incidents.theme[i]);
    by_all[i] = group_of(i, kThemeAll);
  }
  const AoristicProfile themes = compute_aoristic_profile(incidents, by_theme, n_groups, options);
  const AoristicProfile all = compute_aoristic_profile(incidents, by_all, n_groups, options);

  std::vector<TemporalProfileRow> rows;
  for (std::size_t g = 0; g < n_groups; ++g) {
    const AoristicProfile& source = (g % kThemesWithAll == kThemeAll) ? all : themes;
    if (source.incidents[g] == 0) continue;
    TemporalProfileRow row;
    row.area = static_cast<std::int32_t>(g / (kPeriodCount * kThemesWithAll));
    row.period = static_cast<PeriodId>((g / kThemesWithAll) % kPeriodCount);
    row.theme = static_cast<ThemeId>(g % kThemesWithAll);
    row.incidents = source.incidents[g];
    row.long_windows = source.long_windows[g];
    std::copy_n(source.weight.begin() + static_cast<std::ptrdiff_t>(g * kHoursPerWeek), kHoursPerWeek, row.weight.begin());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace kvo::engine
