#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "engine/hotspot_distance.hpp"
#include "engine/spatial_weights.hpp"

using namespace kvo::engine;

namespace {

struct Lattice {
  std::vector<double> x, y;
};

Lattice lattice(int cols, int rows, double spacing) {
  Lattice p;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      p.x.push_back(c * spacing);
      p.y.push_back(r * spacing);
    }
  return p;
}

}  // namespace

TEST_CASE("global Moran's I variance under randomisation matches esda on a 3 x 3 rook lattice",
          "[engine][hotspot_distance]") {
  // esda tests/test_moran.py test_variance: Moran(y = 1..9, lat2W(3, 3), transformation="B")
  // has VI_rand = 0.0596875.
  const Lattice p = lattice(3, 3, 1.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {1.0, 1});
  std::vector<double> z(9);
  for (std::size_t i = 0; i < 9; ++i) z[i] = static_cast<double>(i + 1) - 5.0;
  double cross = 0.0, s0 = 0.0, k2 = 0.0, ss = 0.0, s4 = 0.0;
  for (std::size_t i = 0; i < 9; ++i) {
    double lag = 0.0;
    for (auto e = static_cast<std::size_t>(w.row_offsets[i]); e < static_cast<std::size_t>(w.row_offsets[i + 1]); ++e)
      lag += z[static_cast<std::size_t>(w.columns[e])];
    cross += z[i] * lag;
    const double k = static_cast<double>(w.neighbours(i));
    s0 += k;
    k2 += k * k;
    ss += z[i] * z[i];
    s4 += z[i] * z[i] * z[i] * z[i];
  }
  const auto [moran, zscore] = global_moran_binary(cross, s0, k2, 9.0, ss, s4);
  const double ei = -1.0 / 8.0;
  CHECK(moran == Approx(9.0 / 24.0 * cross / ss));
  CHECK((moran - ei) / zscore * ((moran - ei) / zscore) == Approx(0.0596875).epsilon(1e-12));
}

TEST_CASE("a clustered field has a Moran's I peak that becomes the distance band", "[engine][hotspot_distance]") {
  // Smooth blobs of about 60 m radius on a 10 m lattice: autocorrelation peaks at a few cells.
  const int side = 60;
  const Lattice p = lattice(side, side, 10.0);
  std::mt19937_64 rng(4);
  std::vector<double> v(p.x.size(), 0.0);
  for (int b = 0; b < 12; ++b) {
    const double cx = static_cast<double>(rng() % 600), cy = static_cast<double>(rng() % 600);
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double d = std::hypot(p.x[i] - cx, p.y[i] - cy);
      if (d < 40.0) v[i] += 5.0;
    }
  }
  for (double& x : v) x += static_cast<double>(rng() % 3);
  const AutoDistanceResult r = auto_distance_band(p.x, p.y, v, {10, 8, 1.96, 2});
  CHECK(r.start_m == Approx(10.0));
  CHECK(r.increment_m == Approx(10.0));
  REQUIRE(r.band_m.size() == 10);
  REQUIRE(r.peak_found);
  std::size_t b = 0;
  while (b + 1 < r.band_m.size() && r.band_m[b] != r.chosen_m) ++b;
  REQUIRE(r.band_m[b] == r.chosen_m);
  REQUIRE(b > 0);
  CHECK(r.moran_z[b] > r.moran_z[b - 1]);
  CHECK(r.moran_z[b] > r.moran_z[b + 1]);
  CHECK(r.moran_z[b] > 1.96);
  // The same with another thread count.
  const AutoDistanceResult r1 = auto_distance_band(p.x, p.y, v, {10, 8, 1.96, 1});
  CHECK(r1.moran_z == r.moran_z);
}

TEST_CASE("without a peak the band is the smallest that gives every feature eight neighbours",
          "[engine][hotspot_distance]") {
  const Lattice p = lattice(30, 30, 10.0);
  std::mt19937_64 rng(12);
  std::vector<double> v(p.x.size());
  for (double& x : v) x = static_cast<double>(rng() % 1000);  // no spatial structure
  const AutoDistanceResult r = auto_distance_band(p.x, p.y, v, {10, 8, 100.0, 1});  // no peak can pass z > 100
  CHECK_FALSE(r.peak_found);
  // Corner cells need (2,2) to reach eight neighbours: 2√2 cells. That is a lattice shell,
  // so the band used is the next whole metre, 29 m, short of the next shell at 3 cells.
  CHECK(r.chosen_m == Approx(20.0 * std::sqrt(2.0)));
  CHECK(r.next_pair_m == Approx(30.0));
  CHECK(r.distance_m == 29.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {r.distance_m, 1});
  for (std::size_t i = 0; i < w.size(); ++i) CHECK(w.neighbours(i) >= 8);
  const SpatialWeights less = distance_band_weights(p.x, p.y, {r.chosen_m * 0.999, 1});
  CHECK(less.neighbours(0) < 8);
}

TEST_CASE("a locational outlier does not stretch the first band", "[engine][hotspot_distance]") {
  Lattice p = lattice(20, 20, 10.0);
  p.x.push_back(5000.0);
  p.y.push_back(5000.0);
  std::vector<double> v(p.x.size(), 1.0);
  v[0] = 3.0;
  const AutoDistanceResult r = auto_distance_band(p.x, p.y, v);
  CHECK(r.start_m == Approx(10.0));
  CHECK_THROWS_AS(auto_distance_band(std::vector<double>{0, 1}, std::vector<double>{0, 1}, std::vector<double>{1, 2}),
                  std::invalid_argument);
}

namespace {

// Pointy-topped hexagon centres with spacing s between neighbours: rows √3/2 s apart, odd
// rows shifted s/2. Pair-distance shells: s, √3 s, 2s, √7 s, 3s, 2√3 s, √13 s, 4s, …
Lattice hex_lattice(int cols, int rows, double s) {
  Lattice p;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      p.x.push_back(c * s + (r % 2 ? 0.5 * s : 0.0));
      p.y.push_back(r * s * std::sqrt(3.0) / 2.0);
    }
  return p;
}

// The band lies between the two given shells with at least 1 cm to spare on both sides.
void check_between(double band, double shell, double next_shell) {
  INFO("band " << band << " between " << shell << " and " << next_shell);
  CHECK(band >= shell + 0.01);
  CHECK(band <= next_shell - 0.01);
}

bool same_neighbours(const SpatialWeights& a, const SpatialWeights& b) {
  return a.row_offsets == b.row_offsets && a.columns == b.columns;
}

}  // namespace

TEST_CASE("a band on a square lattice shell is moved to the next whole metre below the next shell",
          "[engine][hotspot_distance]") {
  // Shells of a square lattice with spacing a = 100 m: a, a√2, 2a, a√5, 2a√2, 3a.
  const Lattice p = lattice(12, 12, 100.0);
  const double a = 100.0;
  const std::vector<double> shells = {a, a * std::sqrt(2.0), 2 * a, a * std::sqrt(5.0), 2 * a * std::sqrt(2.0), 3 * a};
  const std::vector<double> expected = {101.0, 142.0, 201.0, 224.0, 283.0};
  for (std::size_t k = 0; k + 1 < shells.size(); ++k) {
    double next = 0.0;
    const double band = band_between_shells(p.x, p.y, shells[k], &next, 1);
    CHECK(next == Approx(shells[k + 1]));
    check_between(band, shells[k], shells[k + 1]);
    CHECK(band == expected[k]);
    CHECK(same_neighbours(distance_band_weights(p.x, p.y, {band, 1}), distance_band_weights(p.x, p.y, {shells[k], 1})));
  }
}

TEST_CASE("a band on a hexagon lattice shell is moved strictly between shells with the same neighbours",
          "[engine][hotspot_distance]") {
  // A 100 m hexagon grid cell (area 100²) has centre spacing s = √3 · 100 √(2/(3√3)).
  const double s = std::sqrt(3.0) * 100.0 * std::sqrt(2.0 / (3.0 * std::sqrt(3.0)));
  const Lattice p = hex_lattice(12, 12, s);
  const std::vector<double> shells = {s, s * std::sqrt(3.0), 2 * s, s * std::sqrt(7.0), 3 * s};
  for (std::size_t k = 0; k + 1 < shells.size(); ++k) {
    double next = 0.0;
    const double band = band_between_shells(p.x, p.y, shells[k], &next, 2);
    CHECK(next == Approx(shells[k + 1]));
    check_between(band, shells[k], shells[k + 1]);
    CHECK(band == std::ceil(shells[k]));  // every gap here is wider than a metre
    CHECK(same_neighbours(distance_band_weights(p.x, p.y, {band, 1}), distance_band_weights(p.x, p.y, {shells[k], 1})));
  }
}

TEST_CASE("the automatic band is reported between shells on square and hexagon lattices",
          "[engine][hotspot_distance]") {
  std::mt19937_64 rng(7);
  for (const bool hex : {false, true}) {
    const double s = hex ? 107.45699318 : 100.0;
    const Lattice p = hex ? hex_lattice(25, 25, s) : lattice(25, 25, s);
    // Shells from the lattice geometry: s√(i² + j²) for squares, s√(i² + ij + j²) for
    // hexagons (Löschian numbers), i, j >= 0.
    std::vector<double> shells;
    for (int i = 0; i <= 12; ++i)
      for (int j = 0; j <= 12; ++j)
        if (i + j > 0) shells.push_back(s * std::sqrt(static_cast<double>(i * i + j * j + (hex ? i * j : 0))));
    std::sort(shells.begin(), shells.end());
    shells.erase(std::unique(shells.begin(), shells.end(), [&](double u, double w) { return w - u < 1e-9 * s; }),
                 shells.end());
    for (const double min_z : {1.96, 100.0}) {  // a peak, then the 8-neighbour fallback
      std::vector<double> v(p.x.size());
      for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = static_cast<double>(rng() % 3) + (std::hypot(p.x[i] - 12 * s, p.y[i] - 10 * s) < 3 * s ? 6.0 : 0.0);
      const AutoDistanceResult r = auto_distance_band(p.x, p.y, v, {10, 8, min_z, 1});
      INFO((hex ? "hexagons" : "squares") << ", min_z " << min_z << ", chosen " << r.chosen_m);
      // The rule picks a shell here (bands are whole multiples of the spacing, or the
      // 8th-neighbour distance); the band used lies strictly between it and the next one.
      std::size_t k = 0;
      while (k + 1 < shells.size() && std::fabs(shells[k] - r.chosen_m) > 1e-6 * s) ++k;
      REQUIRE(k + 1 < shells.size());
      check_between(r.distance_m, shells[k], shells[k + 1]);
      CHECK(same_neighbours(distance_band_weights(p.x, p.y, {r.distance_m, 1}),
                            distance_band_weights(p.x, p.y, {r.chosen_m, 1})));
    }
  }
}

TEST_CASE("shells closer than a few centimetres get the midpoint", "[engine][hotspot_distance]") {
  // Pairs at 10 m and 10.015 m: neither 11, 10.1 nor 10.01 keeps 1 cm from the next pair.
  const std::vector<double> x = {0.0, 10.0, 0.0}, y = {0.0, 0.0, 10.015};
  double next = 0.0;
  const double band = band_between_shells(x, y, 10.0, &next);
  CHECK(next == Approx(10.015));
  CHECK(band == Approx(10.0075));
  // No pair beyond the band: the next whole metre, and no next shell.
  CHECK(band_between_shells(x, y, 20.0, &next) == 21.0);
  CHECK(std::isinf(next));
  CHECK_THROWS_AS(band_between_shells(x, y, 0.0), std::invalid_argument);
}
