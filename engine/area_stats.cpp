#include "engine/area_stats.hpp"

namespace kvo::engine {

AreaStats compute_area_stats(const IncidentSet& incidents, const Areas& areas, const PeriodSet& periods) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  const std::size_t n_areas = areas.size();
  std::vector<std::int64_t> counts(n_areas * kPeriodCount * kThemesWithAll, 0);
  auto slot = [&](std::size_t a, std::size_t p, std::size_t t) { return (a * kPeriodCount + p) * kThemesWithAll + t; };
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    const std::int32_t a = incidents.area[i];
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

}  // namespace kvo::engine
