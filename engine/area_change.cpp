#include "engine/area_change.hpp"

#include <algorithm>
#include <map>

namespace kvo::engine {

AreaChange compute_area_changes(const AreaStats& stats, const IncidentSet& incidents, std::size_t n_areas,
                                const PeriodSet& periods, const RateCompareOptions& options) {
  constexpr std::size_t kThemesWithAll = kThemeCount + 1;
  AreaChange out;
  out.years_baseline = periods.range[0].years();
  out.years_followup = periods.range[1].years();
  std::map<std::pair<std::int32_t, ThemeId>, std::pair<std::int64_t, std::int64_t>> counts;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    auto& c = counts[{stats.area[i], stats.theme[i]}];
    (stats.period[i] == PeriodId::baseline ? c.first : c.second) = stats.count[i];
  }
  std::vector<std::int64_t> c0, c1;
  for (const auto& [key, c] : counts) {
    out.area.push_back(key.first);
    out.theme.push_back(key.second);
    c0.push_back(c.first);
    c1.push_back(c.second);
  }
  out.rates = compare_rates(c0, c1, out.years_baseline, out.years_followup, options);

  const MonthBins bins = whole_months(periods.range[1]);
  out.trend_months = bins.months;
  out.has_trend = bins.months >= 12;
  if (!out.has_trend) return out;
  // Monthly follow-up counts per area × theme, and per area for `all`.
  const std::size_t n_groups = n_areas * kThemesWithAll;
  // Once per area set (an incident is in one area of each set; the sets' areas are
  // different groups, so their series simply add).
  const auto months = static_cast<std::size_t>(bins.months);
  std::vector<double> series(n_groups * months, 0.0), all(n_groups * months, 0.0);
  std::vector<std::int32_t> by_theme(incidents.size()), by_all(incidents.size());
  for (const auto column : incidents.area_columns()) {
    std::fill(by_theme.begin(), by_theme.end(), -1);
    std::fill(by_all.begin(), by_all.end(), -1);
    for (std::size_t i = 0; i < incidents.size(); ++i) {
      if (column[i] < 0 || incidents.period[i] != static_cast<std::uint8_t>(PeriodId::followup)) continue;
      const auto a = static_cast<std::size_t>(column[i]);
      by_theme[i] = static_cast<std::int32_t>(a * kThemesWithAll + incidents.theme[i]);
      by_all[i] = static_cast<std::int32_t>(a * kThemesWithAll + kThemeAll);
    }
    const std::vector<double> theme_part = monthly_counts(incidents.start_utc, by_theme, n_groups, bins);
    const std::vector<double> all_part = monthly_counts(incidents.start_utc, by_all, n_groups, bins);
    for (std::size_t k = 0; k < series.size(); ++k) series[k] += theme_part[k], all[k] += all_part[k];
  }
  for (std::size_t a = 0; a < n_areas; ++a)
    for (std::size_t m = 0; m < months; ++m) {
      const std::size_t g = a * kThemesWithAll + kThemeAll;
      series[g * months + m] = all[g * months + m];
    }
  const std::vector<TrendResult> per_group = mann_kendall_rows(series, months);
  for (std::size_t r = 0; r < out.size(); ++r)
    out.trend.push_back(per_group[static_cast<std::size_t>(out.area[r]) * kThemesWithAll + out.theme[r]]);
  return out;
}

}  // namespace kvo::engine
