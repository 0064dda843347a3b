#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "engine/aoristic.hpp"
#include "engine/civil_time.hpp"

using namespace kvo::engine;

namespace {

constexpr std::int64_t kH = 3600;

std::int64_t utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return static_cast<std::int64_t>(days_from_civil({y, m, d})) * 86400 + h * kH + min * 60;
}

AoristicProfile one(std::int64_t start, std::int64_t end, float weight = 1.0f) {
  const std::vector<std::int64_t> s = {start}, e = {end};
  const std::vector<std::int32_t> g = {0};
  const std::vector<float> w = {weight};
  return compute_aoristic_profile(s, e, g, 1, w);
}

double sum_of(const AoristicProfile& p, std::size_t group) {
  const auto begin = p.weight.begin() + static_cast<std::ptrdiff_t>(group * kHoursPerWeek);
  return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(kHoursPerWeek), 0.0);
}

// Unbiased bounded draw in [0, bound) by rejection (portable, unlike std::uniform_*).
std::uint64_t draw(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t v = 0;
  do v = rng(); while (v >= limit);
  return v % bound;
}

}  // namespace

TEST_CASE("week hours count from Monday 00:00 Amsterdam time", "[engine][aoristic]") {
  // Monday 15 January 2024 00:00 CET is Sunday 23:00 UTC.
  CHECK(week_hour_of(utc(2024, 1, 14, 23)) == 0);
  CHECK(week_hour_of(utc(2024, 1, 14, 22, 59)) == 167);
  // Friday 12 July 2024 18:30 CEST is 16:30 UTC: Friday = 4, 4·24 + 18.
  CHECK(week_hour_of(utc(2024, 7, 12, 16, 30)) == 4 * 24 + 18);
}

// Friday 12 January 2024 18:00 CET (17:00 UTC) to Monday 15 January 08:00 CET (07:00 UTC):
// Fri 18–23 (6 h) + Sat (24) + Sun (24) + Mon 00–07 (8) = 62 hours, each 1/62.
TEST_CASE("a weekend burglary window spreads evenly over its 62 hours", "[engine][aoristic]") {
  const AoristicProfile p = one(utc(2024, 1, 12, 17), utc(2024, 1, 15, 7));
  int covered = 0;
  for (int day = 0; day < 7; ++day)
    for (int hour = 0; hour < 24; ++hour) {
      const bool inside = (day == 4 && hour >= 18) || day == 5 || day == 6 || (day == 0 && hour < 8);
      INFO("weekday " << day << " hour " << hour);
      if (inside) {
        ++covered;
        CHECK(p.at(0, day, hour) == Approx(1.0 / 62.0).epsilon(1e-12));
      } else {
        CHECK(p.at(0, day, hour) == 0.0);
      }
    }
  CHECK(covered == 62);
  CHECK(sum_of(p, 0) == Approx(1.0).epsilon(1e-12));
  CHECK(p.incidents[0] == 1);
  CHECK(p.long_windows[0] == 0);
  CHECK(p.total[0] == 1.0);
}

// Spring forward, Sunday 31 March 2024: at 01:00 UTC the clock jumps from 02:00 to 03:00.
// Saturday 23:00 CET (22:00 UTC) to Sunday 04:00 CEST (02:00 UTC) is 4 real hours, which
// fall in local hours Sat 23, Sun 00, Sun 01 and Sun 03; the skipped 02:00 gets nothing.
TEST_CASE("across the spring change the skipped hour gets nothing", "[engine][aoristic]") {
  const AoristicProfile p = one(utc(2024, 3, 30, 22), utc(2024, 3, 31, 2));
  CHECK(p.at(0, 5, 23) == Approx(0.25).epsilon(1e-14));
  CHECK(p.at(0, 6, 0) == Approx(0.25).epsilon(1e-14));
  CHECK(p.at(0, 6, 1) == Approx(0.25).epsilon(1e-14));
  CHECK(p.at(0, 6, 2) == 0.0);
  CHECK(p.at(0, 6, 3) == Approx(0.25).epsilon(1e-14));
  CHECK(sum_of(p, 0) == Approx(1.0).epsilon(1e-14));
}

// Fall back, Sunday 27 October 2024: at 01:00 UTC the clock goes from 03:00 back to 02:00.
// Sunday 00:00 CEST (Saturday 22:00 UTC) to 04:00 CET (03:00 UTC) is 5 real hours: local
// 00, 01, 02 (CEST), 02 (CET), 03; the repeated 02:00 hour gets two fifths.
TEST_CASE("across the autumn change the repeated hour gets both real hours", "[engine][aoristic]") {
  const AoristicProfile p = one(utc(2024, 10, 26, 22), utc(2024, 10, 27, 3));
  CHECK(p.at(0, 6, 0) == Approx(0.2).epsilon(1e-14));
  CHECK(p.at(0, 6, 1) == Approx(0.2).epsilon(1e-14));
  CHECK(p.at(0, 6, 2) == Approx(0.4).epsilon(1e-14));
  CHECK(p.at(0, 6, 3) == Approx(0.2).epsilon(1e-14));
  CHECK(p.at(0, 6, 4) == 0.0);
  CHECK(sum_of(p, 0) == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("partial hours get their share of the window", "[engine][aoristic]") {
  // Wednesday 10 January 2024 10:30 to 12:15 CET: 1.75 h = 30 + 60 + 15 minutes.
  const AoristicProfile p = one(utc(2024, 1, 10, 9, 30), utc(2024, 1, 10, 11, 15), 2.0f);
  CHECK(p.at(0, 2, 10) == Approx(2.0 * 30.0 / 105.0).epsilon(1e-14));
  CHECK(p.at(0, 2, 11) == Approx(2.0 * 60.0 / 105.0).epsilon(1e-14));
  CHECK(p.at(0, 2, 12) == Approx(2.0 * 15.0 / 105.0).epsilon(1e-14));
  CHECK(sum_of(p, 0) == Approx(2.0).epsilon(1e-14));
  CHECK(p.total[0] == 2.0);
}

TEST_CASE("points in time and week-long windows are handled as documented", "[engine][aoristic]") {
  // No end time: everything to the hour holding the start (Thursday 11 January 14:59 CET).
  const AoristicProfile point = one(utc(2024, 1, 11, 13, 59), kNoTime);
  CHECK(point.at(0, 3, 14) == 1.0);
  CHECK(point.points[0] == 1);
  const AoristicProfile same = one(utc(2024, 1, 11, 13, 59), utc(2024, 1, 11, 13, 59));
  CHECK(same.at(0, 3, 14) == 1.0);

  // Exactly one winter week: every hour once, not a "long" window.
  const AoristicProfile week = one(utc(2024, 1, 10, 9, 30), utc(2024, 1, 17, 9, 30));
  CHECK(week.long_windows[0] == 0);
  for (std::size_t h = 0; h < kHoursPerWeek; ++h) CHECK(week.weight[h] == Approx(1.0 / 168).epsilon(1e-12));

  // Longer than a week (and across the spring change): evenly 1/168, counted.
  const AoristicProfile month = one(utc(2024, 3, 10, 0), utc(2024, 4, 10, 0), 3.0f);
  CHECK(month.long_windows[0] == 1);
  for (std::size_t h = 0; h < kHoursPerWeek; ++h) CHECK(month.weight[h] == Approx(3.0 / 168).epsilon(1e-14));

  AoristicOptions short_max;
  short_max.max_window_h = 24;
  const std::vector<std::int64_t> s = {utc(2024, 1, 12, 17)}, e = {utc(2024, 1, 15, 7)};
  const std::vector<std::int32_t> g = {0};
  const AoristicProfile capped = compute_aoristic_profile(s, e, g, 1, {}, short_max);
  CHECK(capped.long_windows[0] == 1);
  CHECK(capped.at(0, 2, 3) == Approx(1.0 / 168).epsilon(1e-14));
  short_max.max_window_h = 169;
  CHECK_THROWS_AS(compute_aoristic_profile(s, e, g, 1, {}, short_max), std::invalid_argument);
}

TEST_CASE("groups collect their own incidents and bad windows are counted", "[engine][aoristic]") {
  const std::vector<std::int64_t> s = {utc(2024, 1, 12, 17), utc(2024, 1, 11, 13), utc(2024, 1, 11, 13),
                                       utc(2024, 1, 11, 13)};
  const std::vector<std::int64_t> e = {utc(2024, 1, 15, 7), kNoTime, utc(2024, 1, 11, 12), kNoTime};
  const std::vector<std::int32_t> g = {1, 0, 0, -1};
  const AoristicProfile p = compute_aoristic_profile(s, e, g, 2);
  CHECK(p.groups == 2);
  CHECK(p.invalid == 1);
  CHECK(p.incidents[0] == 1);
  CHECK(p.incidents[1] == 1);
  CHECK(sum_of(p, 0) == 1.0);
  CHECK(p.at(0, 3, 14) == 1.0);
  CHECK(sum_of(p, 1) == Approx(1.0).epsilon(1e-12));
  CHECK(p.at(1, 5, 12) == Approx(1.0 / 62).epsilon(1e-12));
  const std::vector<std::int32_t> bad = {2, 0, 0, 0};
  CHECK_THROWS_AS(compute_aoristic_profile(s, e, bad, 2), std::invalid_argument);

  IncidentSet set;
  set.push_back(0, 0, utc(2024, 1, 12, 17), utc(2024, 1, 15, 7), 0, 0, 0, 2.0f, 0);
  const std::vector<std::int32_t> g1 = {0};
  const AoristicProfile from_set = compute_aoristic_profile(set, g1, 1);
  CHECK(from_set.at(0, 6, 12) == Approx(2.0 / 62).epsilon(1e-12));
}

// Oracle: walk each window minute by minute through utc_to_amsterdam (a different code
// path from the hour walk), on seeded random minute-aligned windows, many around the
// 2024 clock changes.
TEST_CASE("the hour walk equals a minute-by-minute walk on random windows", "[engine][aoristic]") {
  std::mt19937_64 rng(20240331);
  const std::array<std::int64_t, 3> anchors = {utc(2024, 3, 29, 0), utc(2024, 10, 25, 0), utc(2024, 6, 1, 0)};
  for (int trial = 0; trial < 120; ++trial) {
    const std::int64_t start = anchors[static_cast<std::size_t>(trial % 3)] + static_cast<std::int64_t>(draw(rng, 4 * 1440)) * 60;
    const std::int64_t minutes = static_cast<std::int64_t>(1 + draw(rng, trial % 4 == 0 ? 168 * 60 : 48 * 60));
    const AoristicProfile p = one(start, start + minutes * 60);
    std::array<double, kHoursPerWeek> oracle{};
    for (std::int64_t m = 0; m < minutes; ++m) {
      const LocalDateTime local = utc_to_amsterdam(start + m * 60);
      const int wd = weekday_from_days(days_from_civil(local.date));
      oracle[static_cast<std::size_t>(wd * 24 + local.hour)] += 1.0 / static_cast<double>(minutes);
    }
    INFO("start " << start << ", minutes " << minutes);
    for (std::size_t h = 0; h < kHoursPerWeek; ++h) CHECK(p.weight[h] == Approx(oracle[h]).margin(1e-9));
  }
}

TEST_CASE("a record known only to its date spreads 1/24, or 1/23 and 1/25 on the days the clocks change",
          "[engine][aoristic]") {
  // Local days 00:00–24:00 (docs/temporal.md): Tue 2023-02-07 from 2023-02-06 23:00Z (CET),
  // Sun 2023-03-26 from 2023-03-25 23:00Z for 23 hours, Sun 2023-10-29 from 2023-10-28 22:00Z for 25.
  const auto tue = one(utc(2023, 2, 6, 23), utc(2023, 2, 7, 23));
  for (int h = 0; h < 24; ++h) CHECK(tue.at(0, 1, h) == Approx(1.0 / 24));
  CHECK(tue.whole_days[0] == 1);
  const auto spring = one(utc(2023, 3, 25, 23), utc(2023, 3, 26, 22));
  for (int h = 0; h < 24; ++h) CHECK(spring.at(0, 6, h) == Approx(h == 2 ? 0.0 : 1.0 / 23).margin(1e-12));
  CHECK(spring.whole_days[0] == 1);
  const auto autumn = one(utc(2023, 10, 28, 22), utc(2023, 10, 29, 23));
  for (int h = 0; h < 24; ++h) CHECK(autumn.at(0, 6, h) == Approx(h == 2 ? 2.0 / 25 : 1.0 / 25));
  CHECK(autumn.whole_days[0] == 1);
  // A 24-hour window from noon is not a whole local day.
  CHECK(one(utc(2023, 2, 7, 11), utc(2023, 2, 8, 11)).whole_days[0] == 0);
}
