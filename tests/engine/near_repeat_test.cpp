#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "engine/near_repeat.hpp"

using namespace kvo::engine;

namespace {

struct Events {
  std::vector<double> x, y, t;
  void add(double px, double py, double pt) {
    x.push_back(px);
    y.push_back(py);
    t.push_back(pt);
  }
};

double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Reference Knox table by brute force over all pairs, from the definitions of
// docs/near_repeat.md written out plainly: rows [0, same), [same, b), [b, 2b), …, beyond;
// columns [0, bt), [bt, 2bt), …, beyond.
std::vector<std::int64_t> brute_force_table(const Events& e, const NearRepeatOptions& o) {
  const std::size_t first = o.same_location_m > 0 ? 1 : 0;
  const std::size_t rows = first + static_cast<std::size_t>(o.distance_bands) + 1;
  const std::size_t cols = static_cast<std::size_t>(o.time_bands) + 1;
  std::vector<std::int64_t> table(rows * cols, 0);
  for (std::size_t i = 0; i < e.x.size(); ++i)
    for (std::size_t j = i + 1; j < e.x.size(); ++j) {
      const double dx = e.x[i] - e.x[j], dy = e.y[i] - e.y[j];
      const double d =
          o.metric == NearRepeatMetric::euclidean ? std::sqrt(dx * dx + dy * dy) : std::fabs(dx) + std::fabs(dy);
      std::size_t row = rows - 1;
      if (first == 1 && d < o.same_location_m)
        row = 0;
      else
        for (int k = 0; k < o.distance_bands; ++k)
          if (d < (k + 1) * o.distance_band_m) {
            row = first + static_cast<std::size_t>(k);
            break;
          }
      const double dt = std::fabs(e.t[i] - e.t[j]);
      std::size_t col = cols - 1;
      for (int k = 0; k < o.time_bands; ++k)
        if (dt < (k + 1) * o.time_band_days) {
          col = static_cast<std::size_t>(k);
          break;
        }
      ++table[row * cols + col];
    }
  return table;
}

Events uniform_events(std::size_t n, double side_m, double days, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Events e;
  for (std::size_t i = 0; i < n; ++i) e.add(side_m * uniform(rng), side_m * uniform(rng), days * uniform(rng));
  return e;
}

}  // namespace

TEST_CASE("near repeat: the Knox table of eight events counted by hand", "[near_repeat]") {
  // Bands: same location [0, 1) m, then [1, 100), [100, 200), [200, 300), beyond (>= 300 m);
  // time [0, 7), [7, 14), beyond (>= 14 days).
  //   A (0, 0) day 0     B (0, 0) day 3     C (50, 0) day 5      D (150, 0) day 10
  //   E (0, 250) day 1   F (1000, 0) day 2  G (1000, 60) day 20  H (1080, 0) day 8
  // The 28 pairs (distance m, days → row, column):
  //   AB 0, 3 → same, 0-7      AC 50, 5 → 1-100, 0-7    AD 150, 10 → 100-200, 7-14
  //   AE 250, 1 → 200-300, 0-7 AF 1000, 2 → beyond, 0-7 AG 1001.8, 20 → beyond, 14+
  //   AH 1080, 8 → beyond, 7-14
  //   BC 50, 2 → 1-100, 0-7    BD 150, 7 → 100-200, 7-14 (7 days opens the second band)
  //   BE 250, 2 → 200-300, 0-7 BF 1000, 1 → beyond, 0-7 BG 1001.8, 17 → beyond, 14+
  //   BH 1080, 5 → beyond, 0-7
  //   CD 100, 5 → 100-200, 0-7 (100 m opens the second band)   CE 255.0, 4 → 200-300, 0-7
  //   CF 950, 3 → beyond, 0-7  CG 951.9, 15 → beyond, 14+  CH 1030, 3 → beyond, 0-7
  //   DE 291.5, 9 → 200-300, 7-14  DF 850, 8 → beyond, 7-14  DG 852.1, 10 → beyond, 7-14
  //   DH 930, 2 → beyond, 0-7
  //   EF 1030.8, 1 → beyond, 0-7  EG 1017.9, 19 → beyond, 14+  EH 1108.6, 7 → beyond, 7-14
  //   FG 60, 18 → 1-100, 14+   FH 80, 6 → 1-100, 0-7
  //   GH 100 (exactly: 80² + 60² = 100²), 12 → 100-200, 7-14
  // Tally:             0-7  7-14  14+
  //   same location     1     0    0
  //   1-100             3     0    1
  //   100-200           1     3    0
  //   200-300           3     1    0
  //   beyond            7     4    4      (28 in all)
  Events e;
  e.add(0, 0, 0);
  e.add(0, 0, 3);
  e.add(50, 0, 5);
  e.add(150, 0, 10);
  e.add(0, 250, 1);
  e.add(1000, 0, 2);
  e.add(1000, 60, 20);
  e.add(1080, 0, 8);
  NearRepeatOptions o;
  o.distance_band_m = 100;
  o.distance_bands = 3;
  o.same_location_m = 1;
  o.time_band_days = 7;
  o.time_bands = 2;
  o.iterations = 9;
  const NearRepeatResult r = near_repeat(e.x, e.y, e.t, o);
  REQUIRE(r.rows == 5);
  REQUIRE(r.cols == 3);
  const std::vector<std::int64_t> expected = {1, 0, 0, 3, 0, 1, 1, 3, 0, 3, 1, 0, 7, 4, 4};
  CHECK(r.observed == expected);
  CHECK(r.pairs == 28);
  CHECK(r.close_pairs == 13);
  CHECK(r.distance_from_m == std::vector<double>{0, 1, 100, 200, 300});
  CHECK(r.distance_to_m[3] == 300);
  CHECK(std::isinf(r.distance_to_m[4]));
  CHECK(r.time_from_days == std::vector<double>{0, 7, 14});

  // Manhattan: CE is 50 + 250 = 300 and DE 150 + 250 = 400, both beyond; GH is 140, still
  // 100-200.
  o.metric = NearRepeatMetric::manhattan;
  const NearRepeatResult m = near_repeat(e.x, e.y, e.t, o);
  const std::vector<std::int64_t> manhattan = {1, 0, 0, 3, 0, 1, 1, 3, 0, 2, 0, 0, 8, 5, 4};
  CHECK(m.observed == manhattan);

  // Without a same-location row, AB joins [0, 100).
  o.metric = NearRepeatMetric::euclidean;
  o.same_location_m = 0;
  const NearRepeatResult nosame = near_repeat(e.x, e.y, e.t, o);
  CHECK(nosame.rows == 4);
  CHECK(nosame.observed == std::vector<std::int64_t>{4, 0, 1, 1, 3, 0, 3, 1, 0, 7, 4, 4});
}

TEST_CASE("near repeat: the table matches a brute-force pair scan on random events", "[near_repeat]") {
  const Events e = uniform_events(700, 2000.0, 120.0, 7);
  for (auto metric : {NearRepeatMetric::euclidean, NearRepeatMetric::manhattan})
    for (double same : {0.0, 5.0}) {
      NearRepeatOptions o;
      o.distance_band_m = 75;
      o.distance_bands = 4;
      o.same_location_m = same;
      o.time_band_days = 5;
      o.time_bands = 6;
      o.metric = metric;
      o.iterations = 0;
      const NearRepeatResult r = near_repeat(e.x, e.y, e.t, o);
      CHECK(r.observed == brute_force_table(e, o));
      CHECK(std::isnan(r.p[0]));
    }
}

TEST_CASE("near repeat: the Monte Carlo p-value of four events against all 24 permutations", "[near_repeat]") {
  // Two close pairs, far apart: P0 (0, 0) and P1 (10, 0); P2 (1000, 0) and P3 (1010, 0); times
  // 0, 1, 50, 51. One band of 100 m, one band of 7 days. Observed close-and-recent pairs: 2.
  Events e;
  e.add(0, 0, 0);
  e.add(10, 0, 1);
  e.add(1000, 0, 50);
  e.add(1010, 0, 51);
  NearRepeatOptions o;
  o.distance_band_m = 100;
  o.distance_bands = 1;
  o.same_location_m = 0;
  o.time_band_days = 7;
  o.time_bands = 1;
  // The permutation distribution of cell (0, 0), enumerated: every assignment of the four
  // times to the four events (8 of the 24 give 2, the other 16 give 0).
  std::array<double, 4> times = {0, 1, 50, 51};
  int permutations = 0, at_least = 0;
  double sum = 0;
  do {
    Events p = e;
    std::copy(times.begin(), times.end(), p.t.begin());
    const std::int64_t count = brute_force_table(p, o)[0];
    ++permutations;
    sum += static_cast<double>(count);
    at_least += count >= 2;
  } while (std::next_permutation(times.begin(), times.end()));
  REQUIRE(permutations == 24);
  REQUIRE(at_least == 8);
  const double exact_mean = sum / 24.0, exact_tail = at_least / 24.0;  // 2/3 and 1/3

  o.iterations = 20000;
  o.seed = 99;
  const NearRepeatResult r = near_repeat(e.x, e.y, e.t, o);
  CHECK(r.observed[0] == 2);
  // Monte Carlo error: sd of the mean 0.943/√20000 = 0.0067, of the tail √(2/9/20000) = 0.0033;
  // 5 standard errors.
  CHECK(r.expected[0] == Approx(exact_mean).margin(0.034));
  CHECK(r.p[0] == Approx((1.0 + 20000.0 * exact_tail) / 20001.0).margin(0.017));
  CHECK(r.p[0] == static_cast<double>(1 + r.simulated_ge[0]) / 20001.0);
  CHECK(r.knox_ratio[0] == Approx(2.0 / r.expected[0]).epsilon(1e-15));
  // Beyond-distance, first time band: the two time-close pairs that are not space-close.
  CHECK(r.observed[r.at(1, 0)] == 0);
  CHECK(r.expected[r.at(1, 0)] == Approx(2.0 - exact_mean).margin(0.034));
}

TEST_CASE("near repeat: a permutation-invariant table gives p = 1 and Knox ratio 1 exactly", "[near_repeat]") {
  // All events on the same day: every permutation is the data itself.
  const Events base = uniform_events(60, 500.0, 1.0, 3);
  Events e = base;
  std::fill(e.t.begin(), e.t.end(), 12.0);
  NearRepeatOptions o;
  o.iterations = 99;
  const NearRepeatResult r = near_repeat(e.x, e.y, e.t, o);
  for (std::size_t c = 0; c < r.observed.size(); ++c) {
    CHECK(r.simulated_ge[c] == 99);
    CHECK(r.p[c] == 1.0);
    CHECK(r.expected[c] == static_cast<double>(r.observed[c]));
    if (r.observed[c] > 0)
      CHECK(r.knox_ratio[c] == 1.0);
    else
      CHECK(std::isnan(r.knox_ratio[c]));
  }
}

TEST_CASE("near repeat: results depend on the seed only, never on the thread count", "[near_repeat]") {
  const Events e = uniform_events(3000, 4000.0, 365.0, 11);
  NearRepeatOptions o;
  o.iterations = 39;
  o.seed = 5;
  o.threads = 1;
  const NearRepeatResult a = near_repeat(e.x, e.y, e.t, o);
  o.threads = 4;
  const NearRepeatResult b = near_repeat(e.x, e.y, e.t, o);
  const NearRepeatResult c = near_repeat(e.x, e.y, e.t, o);
  CHECK(a.observed == b.observed);
  CHECK(a.simulated_ge == b.simulated_ge);
  CHECK(a.expected == b.expected);
  CHECK(a.p == c.p);
  o.seed = 6;
  const NearRepeatResult d = near_repeat(e.x, e.y, e.t, o);
  CHECK(d.observed == a.observed);
  CHECK(d.expected != a.expected);
}

TEST_CASE("near repeat: a planted near-repeat pattern is significant, a random one is not", "[near_repeat]") {
  // 600 burglaries uniform over 3 km × 3 km and a year; then for 80 of them two follow-ups
  // 0-80 m away within 0-6 days.
  const Events random = uniform_events(600, 3000.0, 365.0, 2024);
  Events planted = random;
  std::mt19937_64 rng(77);
  for (std::size_t s = 0; s < 80; ++s) {
    const std::size_t src = s * 7;
    for (int f = 0; f < 2; ++f) {
      const double a = 2.0 * std::numbers::pi * uniform(rng), d = 80.0 * uniform(rng);
      planted.add(random.x[src] + d * std::cos(a), random.y[src] + d * std::sin(a), random.t[src] + 6.0 * uniform(rng));
    }
  }
  NearRepeatOptions o;
  o.distance_band_m = 100;
  o.distance_bands = 5;
  o.time_band_days = 7;
  o.time_bands = 5;
  o.iterations = 99;
  o.seed = 1;
  const NearRepeatResult hot = near_repeat(planted.x, planted.y, planted.t, o);
  const std::size_t origin = hot.at(hot.first_band_row(), 0);
  CHECK(hot.p[origin] == Approx(0.01));  // no simulation reached the observed count
  CHECK(hot.knox_ratio[origin] > 5.0);
  const NearRepeatWindow w = near_repeat_window(hot);
  CHECK(w.near_repeat);
  CHECK(w.distance_m >= 100.0);
  CHECK(w.days >= 7.0);

  const NearRepeatResult cold = near_repeat(random.x, random.y, random.t, o);
  const std::size_t o0 = cold.at(cold.first_band_row(), 0);
  CHECK(cold.p[o0] > 0.05);
  CHECK_FALSE(near_repeat_window(cold).near_repeat);
}

TEST_CASE("near repeat: the risk window is the elevated component around the origin", "[near_repeat]") {
  // An empty run gives the band edges; the p-values and ratios are then set by hand.
  NearRepeatOptions o;
  o.distance_band_m = 100;
  o.distance_bands = 3;
  o.same_location_m = 1;
  o.time_band_days = 7;
  o.time_bands = 3;
  o.iterations = 1;
  NearRepeatResult k = near_repeat({}, {}, {}, o);
  REQUIRE(k.rows == 5);
  REQUIRE(k.cols == 4);
  std::fill(k.p.begin(), k.p.end(), 0.5);
  std::fill(k.knox_ratio.begin(), k.knox_ratio.end(), 1.0);
  auto set = [&](std::size_t row, std::size_t col, double p, double ratio) {
    k.p[k.at(row, col)] = p;
    k.knox_ratio[k.at(row, col)] = ratio;
  };
  // Same location: elevated in 0-7 and 14-21 (interrupted): repeat window 7 days.
  set(0, 0, 0.01, 4.0);
  set(0, 2, 0.01, 4.0);
  // Bands (row 1 = 1-100 m, 2 = 100-200 m, 3 = 200-300 m):
  //        0-7  7-14  14-21  beyond
  //   1     E     E     .      E      (beyond columns never count)
  //   2     E     x     .
  //   3     .     .     E             (not connected)
  // x: p small but ratio < 1 (fewer than expected) — not elevated.
  set(1, 0, 0.01, 3.0);
  set(1, 1, 0.02, 1.5);
  set(1, 3, 0.01, 1.2);
  set(2, 0, 0.03, 1.8);
  set(2, 1, 0.01, 0.5);
  set(3, 2, 0.01, 2.0);
  NearRepeatWindow w = near_repeat_window(k);
  CHECK(w.repeat);
  CHECK(w.repeat_days == 7.0);
  CHECK(w.near_repeat);
  CHECK(w.distance_m == 200.0);
  CHECK(w.days == 14.0);
  CHECK(w.days_by_band == std::vector<double>{14.0, 7.0, 0.0});
  // Connecting the lone cell through (3, 0) and (3, 1): the window grows to 300 m and 21 days.
  set(3, 0, 0.04, 1.1);
  set(3, 1, 0.04, 1.1);
  w = near_repeat_window(k);
  CHECK(w.distance_m == 300.0);
  CHECK(w.days == 21.0);
  CHECK(w.days_by_band == std::vector<double>{14.0, 7.0, 21.0});
  // p exactly alpha is not below it; with the origin cell not elevated there is no window.
  set(1, 0, 0.05, 3.0);
  w = near_repeat_window(k);
  CHECK_FALSE(w.near_repeat);
  CHECK(w.distance_m == 0.0);
  CHECK(near_repeat_window(k, 0.051).near_repeat);

  // Zones at day 14 for events at days 0, 5, 10, 13.5 and 20 (a later event is not recent):
  // near window 14 days, repeat window 7.
  NearRepeatWindow z;
  z.near_repeat = true;
  z.distance_m = 200;
  z.days = 14;
  z.repeat = true;
  z.repeat_days = 7;
  const std::vector<double> t = {0, 5, 10, 13.5, 20};
  const std::vector<NearRepeatZone> zones = near_repeat_zones(t, z, 14.0);
  REQUIRE(zones.size() == 3);
  CHECK(zones[0].event == 1);
  CHECK(zones[0].near);
  CHECK_FALSE(zones[0].repeat);
  CHECK(zones[0].radius_m == 200);
  CHECK(zones[0].until_days == 19);
  CHECK(zones[1].event == 2);
  CHECK(zones[1].repeat);
  CHECK(zones[1].repeat_until_days == 17);
  CHECK(zones[2].event == 3);
  CHECK(zones[2].until_days == 27.5);
}

TEST_CASE("near repeat: UTC seconds convert to days, and bad input is refused", "[near_repeat]") {
  const std::vector<std::int64_t> s = {0, 86400, 129600, -43200};
  CHECK(days_from_utc_seconds(s) == std::vector<double>{0.0, 1.0, 1.5, -0.5});
  const std::vector<double> v = {0, 1}, w = {0};
  CHECK_THROWS_AS(near_repeat(v, v, w), std::invalid_argument);
  NearRepeatOptions o;
  o.distance_band_m = 0;
  CHECK_THROWS_AS(near_repeat(v, v, v, o), std::invalid_argument);
  o = {};
  o.time_bands = 0;
  CHECK_THROWS_AS(near_repeat(v, v, v, o), std::invalid_argument);
  o = {};
  o.same_location_m = 100;  // must be below the bandwidth
  CHECK_THROWS_AS(near_repeat(v, v, v, o), std::invalid_argument);
  const std::vector<double> bad = {0, std::nan("")};
  CHECK_THROWS_AS(near_repeat(v, v, bad), std::invalid_argument);
}
