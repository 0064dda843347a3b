#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "engine/spatial_weights.hpp"
#include "hotspot_columbus_data.hpp"

using namespace kvo::engine;

namespace {

struct Points {
  std::vector<double> x, y;
};

Points lattice(int cols, int rows, double spacing) {
  Points p;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      p.x.push_back(c * spacing);
      p.y.push_back(r * spacing);
    }
  return p;
}

std::vector<std::int32_t> row_of(const SpatialWeights& w, std::size_t i) {
  return {w.columns.begin() + w.row_offsets[i], w.columns.begin() + w.row_offsets[i + 1]};
}

MultiPolygon square(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  return {p};
}

}  // namespace

TEST_CASE("a distance band of one cell on a 5 x 5 lattice gives rook neighbours, of the diagonal gives queen",
          "[engine][spatial_weights]") {
  const Points p = lattice(5, 5, 10.0);
  const SpatialWeights rook = distance_band_weights(p.x, p.y, {10.0, 1});
  CHECK(rook.size() == 25);
  CHECK(rook.binary());
  CHECK(rook.neighbours(0) == 2);   // corner
  CHECK(rook.neighbours(2) == 3);   // edge
  CHECK(rook.neighbours(12) == 4);  // centre
  CHECK(row_of(rook, 12) == std::vector<std::int32_t>{7, 11, 13, 17});
  CHECK(rook.links() == 2 * (20 + 20));  // 20 horizontal + 20 vertical pairs, stored both ways
  const SpatialWeights queen = distance_band_weights(p.x, p.y, {10.0 * std::sqrt(2.0), 1});
  CHECK(queen.neighbours(0) == 3);
  CHECK(queen.neighbours(2) == 5);
  CHECK(row_of(queen, 12) == std::vector<std::int32_t>{6, 7, 8, 11, 13, 16, 17, 18});
  CHECK(islands(queen).empty());
}

TEST_CASE("distance-band weights equal a brute-force pair scan on random points, whatever the thread count",
          "[engine][spatial_weights]") {
  std::mt19937_64 rng(11);
  Points p;
  for (int i = 0; i < 3000; ++i) {
    p.x.push_back(static_cast<double>(rng() % 100000) / 100.0);
    p.y.push_back(static_cast<double>(rng() % 60000) / 100.0);
  }
  p.x.push_back(5000.0);  // far away: an island
  p.y.push_back(5000.0);
  const double d = 23.7;
  const SpatialWeights w1 = distance_band_weights(p.x, p.y, {d, 1});
  const SpatialWeights w3 = distance_band_weights(p.x, p.y, {d, 3});
  CHECK(w1.row_offsets == w3.row_offsets);
  CHECK(w1.columns == w3.columns);
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    std::vector<std::int32_t> expected;
    for (std::size_t j = 0; j < p.x.size(); ++j)
      if (j != i && std::hypot(p.x[i] - p.x[j], p.y[i] - p.y[j]) <= d) expected.push_back(static_cast<std::int32_t>(j));
    REQUIRE(row_of(w1, i) == expected);
  }
  CHECK(islands(w1) == std::vector<std::int32_t>{3000});
}

TEST_CASE("k-nearest-neighbour weights break distance ties by the lower index", "[engine][spatial_weights]") {
  const Points p = lattice(12, 9, 5.0);  // a lattice: many equal distances
  for (const int k : {1, 4, 6, 9}) {
    const SpatialWeights w = knn_weights(p.x, p.y, {k, 2});
    for (std::size_t i = 0; i < p.x.size(); ++i) {
      std::vector<std::pair<double, std::int32_t>> all;
      for (std::size_t j = 0; j < p.x.size(); ++j)
        if (j != i) {
          const double dx = p.x[i] - p.x[j], dy = p.y[i] - p.y[j];
          all.emplace_back(dx * dx + dy * dy, static_cast<std::int32_t>(j));
        }
      std::sort(all.begin(), all.end());
      std::vector<std::int32_t> expected;
      for (int t = 0; t < k; ++t) expected.push_back(all[static_cast<std::size_t>(t)].second);
      std::sort(expected.begin(), expected.end());
      REQUIRE(row_of(w, i) == expected);
    }
  }
}

TEST_CASE("queen contiguity of a 3 x 3 block of squares links corners as well as edges", "[engine][spatial_weights]") {
  std::vector<MultiPolygon> polys;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) polys.push_back(square(c * 100.0, r * 100.0, (c + 1) * 100.0, (r + 1) * 100.0));
  const SpatialWeights w = queen_weights(polys);
  CHECK(row_of(w, 4) == std::vector<std::int32_t>{0, 1, 2, 3, 5, 6, 7, 8});
  CHECK(row_of(w, 0) == std::vector<std::int32_t>{1, 3, 4});
  CHECK(w.links() == 40);
}

TEST_CASE("queen contiguity finds an edge shared at a T-junction and ignores gaps beyond the tolerance",
          "[engine][spatial_weights]") {
  // A long rectangle below two small ones; the long one has no vertex at x = 50.
  const std::vector<MultiPolygon> polys = {square(0, 0, 100, 50), square(10, 50, 50, 100), square(50, 50, 90, 100),
                                           square(200, 0, 300, 50), square(100.002, 0, 150, 50)};
  const SpatialWeights w = queen_weights(polys, {0.001});
  CHECK(row_of(w, 0) == std::vector<std::int32_t>{1, 2});
  CHECK(row_of(w, 1) == std::vector<std::int32_t>{0, 2});
  CHECK(row_of(w, 3) == std::vector<std::int32_t>{});      // an island
  CHECK(row_of(w, 4) == std::vector<std::int32_t>{});      // 2 mm gap > 1 mm tolerance
  const SpatialWeights loose = queen_weights(polys, {0.01});
  CHECK(row_of(loose, 4) == std::vector<std::int32_t>{0});  // within 1 cm
  CHECK(islands(w) == std::vector<std::int32_t>{3, 4});
}

TEST_CASE("queen contiguity of the Columbus neighbourhoods matches R spdep poly2nb", "[engine][spatial_weights]") {
  // Reference: spdep 1.2-7, poly2nb(st_read("columbus.json"), queen = TRUE) on the libpysal
  // copy of the Columbus data: 236 links; card() per polygon below (snap = 1.5e-8).
  std::vector<MultiPolygon> polys;
  for (const auto& ring : kvo::test::columbus::kRings) {
    Polygon p;
    for (std::size_t v = 0; v + 1 < ring.size(); v += 2) p.outer().emplace_back(ring[v], ring[v + 1]);
    polys.push_back({p});
  }
  const SpatialWeights w = queen_weights(polys, {1.5e-8});
  const std::vector<std::size_t> card = {2, 3, 4, 4, 8, 2, 4, 6, 8, 4, 5, 6, 4, 6, 6, 8, 3, 4, 3, 10, 3, 6, 3, 7, 8,
                                         6, 4, 9, 7, 5, 3, 4, 4, 4, 7, 5, 6, 6, 3, 5, 3, 2, 6, 5, 4, 2, 2, 4, 3};
  REQUIRE(w.size() == 49);
  CHECK(w.links() == 236);
  for (std::size_t i = 0; i < 49; ++i) CHECK(w.neighbours(i) == card[i]);
  // Symmetric.
  for (std::size_t i = 0; i < 49; ++i)
    for (const std::int32_t j : row_of(w, i)) {
      const auto r = row_of(w, static_cast<std::size_t>(j));
      CHECK(std::find(r.begin(), r.end(), static_cast<std::int32_t>(i)) != r.end());
    }
}

TEST_CASE("row standardisation makes every non-island row sum to one", "[engine][spatial_weights]") {
  const Points p = lattice(4, 4, 1.0);
  SpatialWeights w = distance_band_weights(p.x, p.y, {1.5, 1});
  const SpatialWeights r = row_standardised(w);
  CHECK_FALSE(r.binary());
  for (std::size_t i = 0; i < r.size(); ++i) {
    double s = 0.0;
    for (auto e = static_cast<std::size_t>(r.row_offsets[i]); e < static_cast<std::size_t>(r.row_offsets[i + 1]); ++e)
      s += r.value(e);
    CHECK(s == Approx(1.0));
  }
  CHECK(r.value(static_cast<std::size_t>(r.row_offsets[0])) == Approx(1.0 / 3.0));  // corner: 3 neighbours
}

TEST_CASE("nearest and k-th neighbour distances", "[engine][spatial_weights]") {
  const std::vector<double> x = {0, 3, 3, 10};
  const std::vector<double> y = {0, 4, 0, 0};
  CHECK(nearest_neighbour_distances(x, y) == std::vector<double>{3, 4, 3, 7});
  const auto d2 = kth_neighbour_distances(x, y, 2);
  CHECK(d2[0] == Approx(5.0));
  CHECK(d2[3] == Approx(std::hypot(7.0, 4.0)));
  const auto d9 = kth_neighbour_distances(x, y, 9);
  CHECK(std::isinf(d9[0]));
}

TEST_CASE("a non-positive distance band is rejected", "[engine][spatial_weights]") {
  const std::vector<double> x = {0, 1};
  CHECK_THROWS_AS(distance_band_weights(x, x, {0.0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(knn_weights(x, x, {0, 1}), std::invalid_argument);
}
