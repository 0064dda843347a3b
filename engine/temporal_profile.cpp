#include "engine/temporal_profile.hpp"

#include <algorithm>

namespace kvo::engine {

namespace {

constexpr std::size_t kThemesWithAll = kThemeCount + 1;

// A group is area × period × theme; its key orders like the rows (area, period, theme).
std::int64_t group_key(std::int32_t area, std::size_t period, std::size_t theme) {
  return (static_cast<std::int64_t>(area) * static_cast<std::int64_t>(kPeriodCount) +
          static_cast<std::int64_t>(period)) *
             static_cast<std::int64_t>(kThemesWithAll) +
         static_cast<std::int64_t>(theme);
}

bool has_group(const IncidentSet& incidents, std::int32_t area, std::size_t i) {
  return area >= 0 && incidents.period[i] < kPeriodCount;
}

}  // namespace

std::vector<TemporalProfileRow> compute_temporal_profiles(const IncidentSet& incidents, std::size_t n_areas,
                                                          const AoristicOptions& options) {
  // Only the groups that hold incidents get 168 weights, so memory follows the incidents,
  // not areas × themes (50,000 areas would otherwise need 1.1 GB of zeros).
  std::vector<std::int64_t> keys;
  for (const auto column : incidents.area_columns())
    for (std::size_t i = 0; i < incidents.size(); ++i) {
      if (!has_group(incidents, column[i], i) || static_cast<std::size_t>(column[i]) >= n_areas) continue;
      keys.push_back(group_key(column[i], incidents.period[i], incidents.theme[i]));
      keys.push_back(group_key(column[i], incidents.period[i], kThemeAll));
    }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  const auto index_of = [&keys](std::int64_t key) {
    return static_cast<std::int32_t>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
  };
  const std::size_t n_groups = keys.size();

  // One aoristic pass per area set, into the incident's theme; `all` is then the sum of the
  // themes of the same area and period (each incident is in exactly one theme). The sets'
  // areas are different groups, so the passes add.
  AoristicProfile profile;
  std::vector<std::int32_t> group(incidents.size());
  for (const auto column : incidents.area_columns()) {
    for (std::size_t i = 0; i < incidents.size(); ++i)
      group[i] = has_group(incidents, column[i], i) && static_cast<std::size_t>(column[i]) < n_areas
                     ? index_of(group_key(column[i], incidents.period[i], incidents.theme[i]))
                     : -1;
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
      profile.whole_days[g] += part.whole_days[g];
    }
  }
  if (n_groups == 0) return {};
  for (std::size_t g = 0; g < n_groups; ++g) {
    if (keys[g] % static_cast<std::int64_t>(kThemesWithAll) == kThemeAll) continue;
    // The `all` key of the same area and period follows its themes, so it sorts after g.
    const std::size_t all =
        static_cast<std::size_t>(index_of(keys[g] - keys[g] % static_cast<std::int64_t>(kThemesWithAll) + kThemeAll));
    profile.incidents[all] += profile.incidents[g];
    profile.long_windows[all] += profile.long_windows[g];
    profile.whole_days[all] += profile.whole_days[g];
    const double* w = profile.weight.data() + g * kHoursPerWeek;
    double* all_weight = profile.weight.data() + all * kHoursPerWeek;
    for (std::size_t h = 0; h < kHoursPerWeek; ++h) all_weight[h] += w[h];
  }

  std::vector<TemporalProfileRow> rows;
  rows.reserve(n_groups);
  for (std::size_t g = 0; g < n_groups; ++g) {
    if (profile.incidents[g] == 0) continue;
    const std::int64_t key = keys[g];
    TemporalProfileRow row;
    row.area = static_cast<std::int32_t>(key / static_cast<std::int64_t>(kPeriodCount * kThemesWithAll));
    row.period = static_cast<PeriodId>((key / static_cast<std::int64_t>(kThemesWithAll)) %
                                       static_cast<std::int64_t>(kPeriodCount));
    row.theme = static_cast<ThemeId>(key % static_cast<std::int64_t>(kThemesWithAll));
    row.incidents = profile.incidents[g];
    row.long_windows = profile.long_windows[g];
    row.whole_days = profile.whole_days[g];
    std::copy_n(profile.weight.begin() + static_cast<std::ptrdiff_t>(g * kHoursPerWeek), kHoursPerWeek,
                row.weight.begin());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace kvo::engine
