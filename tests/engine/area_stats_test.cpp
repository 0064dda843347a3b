#include <catch2/catch.hpp>

#include "engine/area_stats.hpp"

using namespace kvo::engine;

TEST_CASE("area stats count per area, period and theme with an 'all' total and a per-hectare-year rate",
          "[engine][area_stats]") {
  Areas areas;
  Polygon sq;
  sq.outer() = {{0, 0}, {0, 100}, {100, 100}, {100, 0}, {0, 0}};  // 1 ha
  areas.geometry = {{sq}, {sq}};
  areas.area_m2 = {10000.0, 40000.0};  // the second pretends to be 4 ha
  IncidentSet set;
  const ThemeId shoplifting = *theme_from_name("shoplifting");
  const ThemeId burglary = *theme_from_name("burglary");
  set.push_back(1, 1, 0, kNoTime, shoplifting, 0, 0, 1.0f, 0);
  set.push_back(1, 1, 0, kNoTime, shoplifting, 0, 0, 1.0f, 0);
  set.push_back(1, 1, 0, kNoTime, burglary, 0, 1, 1.0f, 0);
  set.push_back(1, 1, 0, kNoTime, burglary, 1, 1, 1.0f, 0);
  set.push_back(1, 1, 0, kNoTime, burglary, 0, kNoArea, 1.0f, 0);  // no area: skipped
  PeriodSet periods;
  periods.present = {true, true};
  periods.range[0] = {0, 364};     // 365 days
  periods.range[1] = {730, 730 + 730};  // 731 days
  const AreaStats s = compute_area_stats(set, areas, periods);
  REQUIRE(s.size() == 2 * 2 * (kThemeCount + 1));
  auto row = [&](int a, int p, ThemeId t) {
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s.area[i] == a && s.period[i] == static_cast<PeriodId>(p) && s.theme[i] == t) return i;
    FAIL("row not found");
    return std::size_t{0};
  };
  CHECK(s.count[row(0, 0, shoplifting)] == 2);
  CHECK(s.count[row(0, 0, kThemeAll)] == 2);
  CHECK(s.per_ha_year[row(0, 0, shoplifting)] == Approx(2.0 / 1.0 / (365.0 / 365.25)));
  CHECK(s.count[row(1, 0, burglary)] == 1);
  CHECK(s.count[row(1, 1, kThemeAll)] == 1);
  CHECK(s.per_ha_year[row(1, 1, burglary)] == Approx(1.0 / 4.0 / (731.0 / 365.25)));
  CHECK(s.count[row(1, 1, shoplifting)] == 0);
}

TEST_CASE("pre-aggregated area counts add to their theme and to 'all', and the rates follow", "[engine][area_stats]") {
  Areas areas;
  Polygon sq;
  sq.outer() = {{0, 0}, {0, 100}, {100, 100}, {100, 0}, {0, 0}};
  areas.geometry = {{sq}};
  areas.area_m2 = {20000.0};  // 2 ha
  PeriodSet periods;
  periods.present = {true, false};
  periods.range[0] = {0, 364};
  IncidentSet none;
  AreaStats stats = compute_area_stats(none, areas, periods);
  const ThemeId shoplifting = *theme_from_name("shoplifting");
  AreaCounts counts;
  counts.area = {0, 0};
  counts.period = {PeriodId::baseline, PeriodId::baseline};
  counts.theme = {shoplifting, shoplifting};
  counts.count = {3, 4};
  add_area_counts(stats, counts, areas, periods);
  for (std::size_t i = 0; i < stats.size(); ++i) {
    if (stats.theme[i] == shoplifting || stats.theme[i] == kThemeAll) {
      CHECK(stats.count[i] == 7);
      CHECK(stats.per_ha_year[i] == Approx(7.0 / 2.0 / (365.0 / 365.25)));
    } else {
      CHECK(stats.count[i] == 0);
    }
  }
}
