#include "engine/temporal_profile.hpp"

#include <algorithm>

namespace kvo::engine {

std::vector<TemporalProfileRow> compute_temporal_profiles(const IncidentSet& incidents, std::size_t n_areas,
                                                          const AoristicOptions& options) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  const std::size_t n_groups = n_areas * kPeriodCount * kThemesWithAll;
  // One aoristic pass per incident and area set, into its theme; `all` is then the sum of
  // the themes of the same area and period (each incident is in exactly one theme). The
  // sets' areas are different groups, so the passes add.
  AoristicProfile profile;
  std::vector<std::int32_t> group(incidents.size());
  for (const auto column : incidents.area_columns()) {
    for (std::size_t i = 0; i < incidents.size(); ++i) {
      const std::int32_t a = column[i];
      const std::uint8_t p = incidents.period[i];
      group[i] = a < 0 || p >= kPeriodCount
                     ? -1
                     : static_cast<std::int32_t>((static_cast<std::size_t>(a) * kPeriodCount + p) * kThemesWithAll +
                                                 incidents.theme[i]);
    }
    AoristicProfile part = compute_aoristic_profile(incidents, group, n_groups, options);
    if (profile.groups == 0) {
      profile = std::move(part);
      continue;
    }
    for (std::size_t k = 0; k < profile.weight.size(); ++k) profile.weight[k] += part.weight[k];
    for (std::size_t g = 0; g < n_groups; ++g) {
      profile.total[g] += part.total[g];
      profile.incidents[g] += part.incidents[g];
      profile.long_windows[g] += part.long_windows[g];
      profile.points[g] += part.points[g];
    }
  }
  for (std::size_t base = 0; base < n_groups; base += kThemesWithAll) {
    const std::size_t all = base + kThemeAll;
    double* all_weight = profile.weight.data() + all * kHoursPerWeek;
    for (std::size_t t = 0; t < kThemeCount; ++t) {
      const std::size_t g = base + t;
      if (profile.incidents[g] == 0) continue;
      profile.incidents[all] += profile.incidents[g];
      profile.long_windows[all] += profile.long_windows[g];
      profile.whole_days[all] += profile.whole_days[g];
      const double* w = profile.weight.data() + g * kHoursPerWeek;
      for (std::size_t h = 0; h < kHoursPerWeek; ++h) all_weight[h] += w[h];
    }
  }

  std::vector<TemporalProfileRow> rows;
  for (std::size_t g = 0; g < n_groups; ++g) {
    if (profile.incidents[g] == 0) continue;
    TemporalProfileRow row;
    row.area = static_cast<std::int32_t>(g / (kPeriodCount * kThemesWithAll));
    row.period = static_cast<PeriodId>((g / kThemesWithAll) % kPeriodCount);
    row.theme = static_cast<ThemeId>(g % kThemesWithAll);
    row.incidents = profile.incidents[g];
    row.long_windows = profile.long_windows[g];
    row.whole_days = profile.whole_days[g];
    std::copy_n(profile.weight.begin() + static_cast<std::ptrdiff_t>(g * kHoursPerWeek), kHoursPerWeek, row.weight.begin());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace kvo::engine
