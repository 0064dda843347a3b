#include "engine/area_stats.hpp"

namespace kvo::engine {

AreaStats compute_area_stats(const IncidentSet& incidents, const Areas& areas, const PeriodSet& periods) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  const std::size_t n_areas = areas.size();
  std::vector<std::int64_t> counts(n_areas * kPeriodCount * kThemesWithAll, 0);
  auto slot = [&](std::size_t a, std::size_t p, std::size_t t) { return (a * kPeriodCount + p) * kThemesWithAll + t; };
  // Once per area set: an incident counts in its area of every set.
  for (const auto column : incidents.area_columns())
    for (std::size_t i = 0; i < incidents.size(); ++i) {
      const std::int32_t a = column[i];
      const std::uint8_t p = incidents.period[i];
      if (a < 0 || p >= kPeriodCount) continue;
      ++counts[slot(static_cast<std::size_t>(a), p, incidents.theme[i])];
      ++counts[slot(static_cast<std::size_t>(a), p, kThemeAll)];
    }
  AreaStats out;
  for (std::size_t a = 0; a < n_areas; ++a)
    for (std::size_t p = 0; p < kPeriodCount; ++p) {
      if (!periods.present[p]) continue;
      const double ha = areas.area_m2[a] / 10000.0;
      const double years = periods.range[p].years();
      for (std::size_t t = 0; t < kThemesWithAll; ++t) {
        const std::int64_t c = counts[slot(a, p, t)];
        out.area.push_back(static_cast<std::int32_t>(a));
        out.period.push_back(static_cast<PeriodId>(p));
        out.theme.push_back(static_cast<ThemeId>(t));
        out.count.push_back(c);
        out.per_ha_year.push_back(ha > 0 && years > 0 ? static_cast<double>(c) / ha / years : 0.0);
      }
    }
  return out;
}

void add_area_counts(AreaStats& stats, const AreaCounts& counts, const Areas& areas, const PeriodSet& periods) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  // compute_area_stats writes every area × present period × theme in a fixed order.
  std::vector<std::int64_t> index(areas.size() * kPeriodCount * kThemesWithAll, -1);
  auto slot = [&](std::size_t a, std::size_t p, std::size_t t) { return (a * kPeriodCount + p) * kThemesWithAll + t; };
  for (std::size_t r = 0; r < stats.size(); ++r)
    index[slot(static_cast<std::size_t>(stats.area[r]), static_cast<std::size_t>(stats.period[r]), stats.theme[r])] =
        static_cast<std::int64_t>(r);
  for (std::size_t i = 0; i < counts.area.size(); ++i) {
    const auto a = static_cast<std::size_t>(counts.area[i]);
    const auto p = static_cast<std::size_t>(counts.period[i]);
    for (std::size_t t : {static_cast<std::size_t>(counts.theme[i]), static_cast<std::size_t>(kThemeAll)}) {
      const std::int64_t r = index[slot(a, p, t)];
      if (r >= 0) stats.count[static_cast<std::size_t>(r)] += counts.count[i];
    }
  }
  for (std::size_t r = 0; r < stats.size(); ++r) {
    const double ha = areas.area_m2[static_cast<std::size_t>(stats.area[r])] / 10000.0;
    const double years = periods.range[static_cast<std::size_t>(stats.period[r])].years();
    stats.per_ha_year[r] = ha > 0 && years > 0 ? static_cast<double>(stats.count[r]) / ha / years : 0.0;
  }
}

}  // namespace kvo::engine
