#include <catch2/catch.hpp>

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
  while (r.band_m[b] != r.distance_m) ++b;
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
  // Corner cells need (2,2) to reach eight neighbours: 2√2 cells.
  CHECK(r.distance_m == Approx(20.0 * std::sqrt(2.0)));
  const SpatialWeights w = distance_band_weights(p.x, p.y, {r.distance_m, 1});
  for (std::size_t i = 0; i < w.size(); ++i) CHECK(w.neighbours(i) >= 8);
  const SpatialWeights less = distance_band_weights(p.x, p.y, {r.distance_m * 0.999, 1});
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
