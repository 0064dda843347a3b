#include <catch2/catch.hpp>

#include <stdexcept>

#include "engine/raster.hpp"

using namespace kvo::engine;

namespace {
Envelope env(double x0, double y0, double x1, double y1) {
  Envelope e;
  e.expand(x0, y0);
  e.expand(x1, y1);
  return e;
}
}  // namespace

TEST_CASE("aligned grids snap the envelope outward to the lattice through the alignment origin",
          "[engine][raster]") {
  // x 3..27 on 5 m cells from 0 → 0..30 (6 columns); y 7..19 → 5..20 (3 rows), top at 20.
  const RasterGrid a = aligned_grid(env(3, 7, 27, 19), 0.0, 5.0);
  CHECK(a.origin_x == 0.0);
  CHECK(a.origin_y == 20.0);
  CHECK(a.cols == 6);
  CHECK(a.rows == 3);
  CHECK(a.cell_size_m == 5.0);
  // Aligned to (1, 2): x → 1..31 (6 columns); y → 7..22 (3 rows).
  const RasterGrid b = aligned_grid(env(3, 7, 27, 19), 0.0, 5.0, 1.0, 2.0);
  CHECK(b.origin_x == 1.0);
  CHECK(b.origin_y == 22.0);
  CHECK(b.cols == 6);
  CHECK(b.rows == 3);
  // Padding 4 m: x −1..31 → −5..35 (8 columns); y 3..23 → 0..25 (5 rows).
  const RasterGrid c = aligned_grid(env(3, 7, 27, 19), 4.0, 5.0);
  CHECK(c.origin_x == -5.0);
  CHECK(c.origin_y == 25.0);
  CHECK(c.cols == 8);
  CHECK(c.rows == 5);
}

TEST_CASE("the origin is the top-left corner and rows run south", "[engine][raster]") {
  const RasterGrid g = aligned_grid(env(100, 200, 130, 220), 0.0, 10.0);
  CHECK(g.center_x(0) == 105.0);
  CHECK(g.center_x(2) == 125.0);
  CHECK(g.center_y(0) == 215.0);
  CHECK(g.center_y(1) == 205.0);
  CHECK(g.index(2, 1) == 5);
  CHECK(g.cell_count() == 6);
  CHECK(g.cell_area_m2() == 100.0);
  const Envelope e = g.extent();
  CHECK(e.min_x == 100.0);
  CHECK(e.max_x == 130.0);
  CHECK(e.min_y == 200.0);
  CHECK(e.max_y == 220.0);
  Raster r = make_raster(g, 1.5F);
  r.at(2, 1) = 7.0F;
  CHECK(r.data[5] == 7.0F);
  CHECK(r.at(0, 0) == 1.5F);
  CHECK(r.nodata == kRasterNodata);
  CHECK_FALSE(r.is_nodata(0));
}

TEST_CASE("grids built from different envelopes with one alignment line up cell for cell", "[engine][raster]") {
  const RasterGrid a = aligned_grid(env(155012.3, 463001.7, 158990.1, 466420.9), 0.0, 12.5, 155000.0, 463000.0);
  const RasterGrid b = aligned_grid(env(156333.3, 461234.5, 159999.9, 465000.1), 200.0, 12.5, 155000.0, 463000.0);
  CHECK(aligned(a, b));
  CHECK_FALSE(same_grid(a, b));
  CHECK(same_grid(a, a));
  // A cell centre of one is a cell centre of the other.
  const double col_b = (a.center_x(17) - b.origin_x) / b.cell_size_m - 0.5;
  CHECK(col_b == Approx(std::round(col_b)).margin(1e-9));
  RasterGrid half = a;
  half.origin_x += 6.25;
  CHECK_FALSE(aligned(a, half));
  RasterGrid other_cell = a;
  other_cell.cell_size_m = 10.0;
  CHECK_FALSE(aligned(a, other_cell));
}

TEST_CASE("a degenerate envelope gets one cell and an empty one is refused", "[engine][raster]") {
  Envelope p;
  p.expand(10.0, 10.0);  // on the lattice
  const RasterGrid g = aligned_grid(p, 0.0, 5.0);
  CHECK(g.cols == 1);
  CHECK(g.rows == 1);
  CHECK(g.extent().min_x <= 10.0);
  CHECK(g.extent().max_x >= 10.0);
  CHECK_THROWS_AS(aligned_grid(Envelope{}, 0.0, 5.0), std::invalid_argument);
  CHECK_THROWS_AS(aligned_grid(p, 0.0, 0.0), std::invalid_argument);
}
