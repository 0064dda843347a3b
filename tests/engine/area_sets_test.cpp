// Overlapping area sets (one per [[areas]] table): an incident counts in its area of every
// set; within one set the smallest containing area wins. Hand-made squares, hand-counted.

#include <catch2/catch.hpp>

#include <array>
#include <map>

#include "engine/area_change.hpp"
#include "engine/area_index.hpp"
#include "engine/area_stats.hpp"
#include "engine/civil_time.hpp"
#include "engine/temporal_profile.hpp"

using namespace kvo::engine;

namespace {

MultiPolygon square(double x0, double y0, double size) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y0 + size}, {x0 + size, y0 + size}, {x0 + size, y0}, {x0, y0}};
  return {p};
}

// Areas with their set numbers: {geometry, set}.
Areas make_areas(std::initializer_list<std::pair<MultiPolygon, std::uint16_t>> list) {
  Areas a;
  for (const auto& [g, s] : list) {
    a.geometry.push_back(g);
    a.area_m2.push_back(bg::area(g));
    a.set.push_back(s);
  }
  return a;
}

std::size_t row_of(const AreaStats& s, std::int32_t area, PeriodId period, ThemeId theme) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.area[i] == area && s.period[i] == period && s.theme[i] == theme) return i;
  FAIL("no area_stats row");
  return 0;
}

std::size_t change_row(const AreaChange& c, std::int32_t area, ThemeId theme) {
  for (std::size_t i = 0; i < c.size(); ++i)
    if (c.area[i] == area && c.theme[i] == theme) return i;
  FAIL("no area_change row");
  return 0;
}

std::int64_t utc_noon(int year, unsigned month, unsigned day) {
  return static_cast<std::int64_t>(days_from_civil({year, month, day})) * 86400 + 12 * 3600;
}

}  // namespace

TEST_CASE("a point in a big square of one set and a small square of another has an area in each set",
          "[engine][areas]") {
  // Set 0: a big square and, nested in it, a smaller one (smallest wins within the set);
  // set 1: a small square overlapping both.
  const Areas areas = make_areas({{square(0, 0, 1000), 0}, {square(0, 0, 300), 0}, {square(100, 100, 100), 1}});
  REQUIRE(areas.set_count() == 2);
  const AreaIndex index(areas);
  std::array<std::int32_t, 2> per_set{};
  CHECK(index.locate_sets(150, 150, per_set) == 2);  // most specific: the 1 ha square
  CHECK(per_set == std::array<std::int32_t, 2>{1, 2});
  CHECK(index.locate_sets(500, 500, per_set) == 0);
  CHECK(per_set == std::array<std::int32_t, 2>{0, kNoArea});
  CHECK(index.locate_sets(2000, 2000, per_set) == kNoArea);
  CHECK(per_set == std::array<std::int32_t, 2>{kNoArea, kNoArea});

  IncidentSet set;
  for (int i = 0; i < 9000; ++i)  // enough for several threads
    set.push_back((i * 37) % 1100, (i * 91) % 1100, 0, kNoTime, 0, 0, kNoArea, 1.0f, 0);
  index.assign(set, 2);
  REQUIRE(set.set_area.size() == 2);
  for (std::size_t i = 0; i < set.size(); ++i) {
    const double x = set.x[i], y = set.y[i];
    const bool in_big = x <= 1000 && y <= 1000, in_mid = x <= 300 && y <= 300;
    const bool in_small = x >= 100 && x <= 200 && y >= 100 && y <= 200;
    REQUIRE(set.set_area[0][i] == (in_mid ? 1 : in_big ? 0 : kNoArea));
    REQUIRE(set.set_area[1][i] == (in_small ? 2 : kNoArea));
    REQUIRE(set.area[i] == (in_small ? 2 : in_mid ? 1 : in_big ? 0 : kNoArea));
  }
}

TEST_CASE("area stats count an incident in its area of every set", "[engine][areas][area_stats]") {
  const Areas areas = make_areas({{square(0, 0, 1000), 0}, {square(100, 100, 100), 1}});
  IncidentSet set;
  const ThemeId shoplifting = *theme_from_name("shoplifting");
  set.push_back(150, 150, 0, kNoTime, shoplifting, 0, kNoArea, 1.0f, 0);  // inside both
  set.push_back(160, 120, 0, kNoTime, shoplifting, 0, kNoArea, 1.0f, 0);  // inside both
  set.push_back(700, 700, 0, kNoTime, shoplifting, 0, kNoArea, 1.0f, 0);  // big square only
  AreaIndex(areas).assign(set, 1);
  PeriodSet periods;
  periods.present = {true, false};
  periods.range[0] = {0, 364};
  const AreaStats s = compute_area_stats(set, areas, periods);
  CHECK(s.count[row_of(s, 0, PeriodId::baseline, shoplifting)] == 3);  // the big square keeps all three
  CHECK(s.count[row_of(s, 1, PeriodId::baseline, shoplifting)] == 2);
  CHECK(s.count[row_of(s, 0, PeriodId::baseline, kThemeAll)] == 3);
  CHECK(s.count[row_of(s, 1, PeriodId::baseline, kThemeAll)] == 2);

  const auto profiles = compute_temporal_profiles(set, areas.size());
  std::map<std::int32_t, std::int64_t> profiled;
  for (const auto& r : profiles)
    if (r.theme == kThemeAll) profiled[r.area] += r.incidents;
  CHECK(profiled[0] == 3);
  CHECK(profiled[1] == 2);
}

TEST_CASE("a whole-day record counts as one in the profile of its area in every set", "[engine][areas][temporal]") {
  const Areas areas = make_areas({{square(0, 0, 1000), 0}, {square(100, 100, 100), 1}});
  IncidentSet set;
  const ThemeId shoplifting = *theme_from_name("shoplifting");
  // Tuesday 7 February 2023, known only to the day: 00:00–24:00 local time.
  const std::int64_t day = amsterdam_to_utc({{2023, 2, 7}, 0, 0, 0});
  set.push_back(150, 150, day, day + 24 * 3600, shoplifting, 0, kNoArea, 1.0f, 0);
  AreaIndex(areas).assign(set, 1);
  std::map<std::int32_t, std::int64_t> whole_days;
  std::map<std::int32_t, double> tuesday_noon;
  for (const auto& r : compute_temporal_profiles(set, areas.size()))
    if (r.theme == kThemeAll) {
      whole_days[r.area] += r.whole_days;
      tuesday_noon[r.area] += r.weight[1 * 24 + 12];
    }
  CHECK(whole_days[0] == 1);
  CHECK(whole_days[1] == 1);  // the second set's pass used to lose its whole-day count
  CHECK(tuesday_noon[0] == Approx(1.0 / 24));
  CHECK(tuesday_noon[1] == Approx(1.0 / 24));
}

TEST_CASE("temporal profiles of many areas hold rows only where incidents are", "[engine][temporal]") {
  // 100,000 areas with two incidents: two themes + all = three rows, and no dense table.
  IncidentSet set;
  set.push_back(0, 0, 0, kNoTime, *theme_from_name("shoplifting"), 0, 99'999, 1.0f, 0);
  set.push_back(0, 0, 0, kNoTime, *theme_from_name("burglary"), 1, 7, 1.0f, 0);
  const auto rows = compute_temporal_profiles(set, 100'000);
  REQUIRE(rows.size() == 4);  // area 7 follow-up: burglary + all; area 99,999 baseline: shoplifting + all
  CHECK(rows[0].area == 7);
  CHECK(rows[0].period == PeriodId::followup);
  CHECK(rows[1].theme == kThemeAll);
  CHECK(rows[2].area == 99'999);
  CHECK(rows[3].incidents == 1);
}

TEST_CASE("a gemeente with a KVO area inside compares all of its incidents, trend included",
          "[engine][areas][area_change]") {
  // Set 0: the gemeente (10 km square); set 1: a KVO shopping area of 1 ha inside it.
  const Areas areas = make_areas({{square(0, 0, 10000), 0}, {square(5000, 5000, 100), 1}});
  const ThemeId shoplifting = *theme_from_name("shoplifting");
  IncidentSet set;
  // Baseline 2023: 20 shopliftings in the KVO area, 80 elsewhere in the gemeente.
  for (int i = 0; i < 100; ++i) {
    const double x = i < 20 ? 5050 : 1000 + i, y = i < 20 ? 5050 : 1000;
    set.push_back(x, y, utc_noon(2023, 1 + static_cast<unsigned>(i % 12), 10), kNoTime, shoplifting, 0, kNoArea, 1.0f,
                  0);
  }
  // Follow-up 2025: 66 shopliftings, all in the KVO area, m − 1 of them in month m (0 in
  // January … 11 in December), none elsewhere.
  for (unsigned m = 1; m <= 12; ++m)
    for (unsigned k = 0; k + 1 < m; ++k)
      set.push_back(5050, 5050, utc_noon(2025, m, 10), kNoTime, shoplifting, 1, kNoArea, 1.0f, 0);
  AreaIndex(areas).assign(set, 1);
  PeriodSet periods;
  periods.present = {true, true};
  periods.range[0] = {days_from_civil({2023, 1, 1}), days_from_civil({2023, 12, 31})};
  periods.range[1] = {days_from_civil({2025, 1, 1}), days_from_civil({2025, 12, 31})};  // both 365 days
  const AreaStats stats = compute_area_stats(set, areas, periods);
  const AreaChange change = compute_area_changes(stats, set, areas.size(), periods);
  const std::size_t gemeente = change_row(change, 0, shoplifting), kvo = change_row(change, 1, shoplifting);
  CHECK(change.rates.count_baseline[gemeente] == 100);
  CHECK(change.rates.count_followup[gemeente] == 66);
  CHECK(change.rates.rate_ratio[gemeente] == Approx(0.66));  // (66/365)/(100/365): a fall of 34 %
  CHECK(change.rates.count_baseline[kvo] == 20);
  CHECK(change.rates.count_followup[kvo] == 66);
  CHECK(change.rates.rate_ratio[kvo] == Approx(3.3));
  // Both monthly series are 0, 1, …, 11: S = 12·11/2 = 66 for the gemeente as for the KVO area.
  REQUIRE(change.has_trend);
  CHECK(change.trend[gemeente].s == 66);
  CHECK(change.trend[kvo].s == 66);
  CHECK(change.trend[change_row(change, 0, kThemeAll)].s == 66);
}

TEST_CASE("appending incident sets keeps the per-set area columns aligned", "[engine][areas]") {
  IncidentSet a, b;
  a.push_back(0, 0, 0, kNoTime, 0, 0, 0, 1.0f, 0);
  a.set_area = {{0}, {1}};
  b.push_back(1, 1, 0, kNoTime, 0, 0, kNoArea, 1.0f, 0);
  a.append(b);
  REQUIRE(a.set_area.size() == 2);
  CHECK(a.set_area[0] == std::vector<std::int32_t>{0, kNoArea});
  CHECK(a.set_area[1] == std::vector<std::int32_t>{1, kNoArea});
  a.push_back(2, 2, 0, kNoTime, 0, 0, kNoArea, 1.0f, 0);
  CHECK(a.set_area[1].size() == 3);
  CHECK(a.area_columns().size() == 2);
  CHECK(b.area_columns().size() == 1);  // one set: `area` itself
}
