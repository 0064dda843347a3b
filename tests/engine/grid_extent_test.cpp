#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/grid_extent.hpp"

using namespace kvo::engine;

namespace {

MultiPolygon square(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  MultiPolygon mp;
  mp.push_back(p);
  return mp;
}

}  // namespace

TEST_CASE("the kvo extent keeps the cells over the KVO areas plus the distance band", "[engine][grid_extent]") {
  // A 1 km town of 10 m cells (100 × 100) with a KVO area of 200 × 200 m in the middle:
  // 20 × 20 = 400 cells overlap it (the cells that only touch its edge do not).
  const std::vector<MultiPolygon> town{square(0, 0, 1000, 1000)};
  const std::vector<MultiPolygon> kvo{square(400, 400, 600, 600)};
  const Grid grid = build_grid({CellShape::square, 10.0, 0.0, 0.0}, town);
  REQUIRE(grid.size() == 10000);
  // Band 10 m (rook): one ring of side cells, 4 × 20. Band 15 m (queen): 22 × 22.
  // Band 20 m: two rings of side cells (4 × 2 × 20) and the four diagonal corners at 14.1 m.
  for (const auto& [band, cells] : std::vector<std::pair<double, std::size_t>>{{10.0, 480}, {15.0, 484}, {20.0, 564}}) {
    INFO("band " << band);
    const SpatialWeights w = distance_band_weights(grid.centre_x, grid.centre_y, {band, 1});
    const Grid kept = restrict_grid(grid, core_and_neighbour_cells(grid, kvo, w));
    CHECK(kept.size() == cells);
    // Every kept cell is in the KVO area or within the band of a cell that is.
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const double dx = std::max({0.0, 405.0 - kept.centre_x[i], kept.centre_x[i] - 595.0});
      const double dy = std::max({0.0, 405.0 - kept.centre_y[i], kept.centre_y[i] - 595.0});
      CHECK(std::hypot(dx, dy) <= band + 1e-9);
    }
    // Same lattice and ids; lookups go to the kept cells only.
    const auto c = static_cast<std::size_t>(kept.locate(505.0, 505.0));
    CHECK(kept.cell_name(c) == "r50c50");
    CHECK(kept.centre_x[c] == 505.0);
    CHECK(kept.locate(50.0, 50.0) == kNoCell);
    CHECK(kept.locate(395.0, 505.0) != kNoCell);  // the first ring
    CHECK(kept.locate(375.0, 505.0) == kNoCell);  // three cells out
    // A KVO cell at the edge keeps its whole neighbourhood on the cut grid.
    const SpatialWeights wk = distance_band_weights(kept.centre_x, kept.centre_y, {band, 1});
    const auto e = static_cast<std::size_t>(kept.locate(405.0, 505.0));
    const auto e_full = static_cast<std::size_t>(grid.locate(405.0, 505.0));
    CHECK(wk.neighbours(e) == w.neighbours(e_full));
  }
  CHECK_THROWS_AS(restrict_grid(grid, std::vector<std::uint8_t>(3, 1)), std::invalid_argument);
}
