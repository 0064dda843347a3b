#include <catch2/catch.hpp>

#include <numeric>

#include "engine/civil_time.hpp"
#include "engine/temporal_profile.hpp"

using namespace kvo::engine;

TEST_CASE("temporal profiles hold one row per area, period and theme with an 'all' row", "[engine][temporal]") {
  IncidentSet set;
  const ThemeId burglary = *theme_from_name("burglary");
  const ThemeId vandalism = *theme_from_name("vandalism");
  // Monday 9 January 2023 10:00 CET = 09:00Z, a point in time.
  const std::int64_t monday10 = amsterdam_to_utc({{2023, 1, 9}, 10, 0, 0});
  set.push_back(0, 0, monday10, kNoTime, burglary, 0, 1, 1.0f, 0);
  // Tuesday 10 January 2023 from 22:00 to 00:00 local: two hours, half each.
  set.push_back(0, 0, amsterdam_to_utc({{2023, 1, 10}, 22, 0, 0}), amsterdam_to_utc({{2023, 1, 11}, 0, 0, 0}),
                vandalism, 0, 1, 1.0f, 0);
  set.push_back(0, 0, monday10, kNoTime, burglary, 0, kNoArea, 1.0f, 0);  // no area: left out
  const auto rows = compute_temporal_profiles(set, 2);
  REQUIRE(rows.size() == 3);  // area 1: burglary, vandalism, all
  CHECK(rows[0].area == 1);
  CHECK(rows[0].theme == burglary);
  CHECK(rows[0].weight[0 * 24 + 10] == Approx(1.0));
  CHECK(rows[1].theme == vandalism);
  CHECK(rows[1].weight[1 * 24 + 22] == Approx(0.5));
  CHECK(rows[1].weight[1 * 24 + 23] == Approx(0.5));
  CHECK(rows[2].theme == kThemeAll);
  CHECK(rows[2].incidents == 2);
  CHECK(std::accumulate(rows[2].weight.begin(), rows[2].weight.end(), 0.0) == Approx(2.0));
  CHECK(rows[2].weight[0 * 24 + 10] == Approx(1.0));  // the 'all' row holds both themes' hours
  CHECK(rows[2].weight[1 * 24 + 22] == Approx(0.5));
  CHECK(rows[2].weight[1 * 24 + 23] == Approx(0.5));
  CHECK(rows[2].long_windows == 0);
}
