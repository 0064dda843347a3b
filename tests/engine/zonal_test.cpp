#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "engine/zonal.hpp"

using namespace kvo::engine;

namespace {

double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

RasterGrid grid_of(double ox, double oy, double cell, std::int32_t cols, std::int32_t rows) {
  RasterGrid g;
  g.origin_x = ox;
  g.origin_y = oy;
  g.cell_size_m = cell;
  g.cols = cols;
  g.rows = rows;
  return g;
}

Polygon rect(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  return p;
}

MultiPolygon multi(const Polygon& p) { return MultiPolygon{p}; }

std::size_t count(const std::vector<std::uint8_t>& m) {
  std::size_t n = 0;
  for (auto v : m) n += v;
  return n;
}

// A star-shaped polygon with k vertices at random radii around (cx, cy), valid and closed.
Polygon star(std::mt19937_64& rng, double cx, double cy, double rmin, double rmax, int k) {
  Polygon p;
  for (int i = 0; i < k; ++i) {
    const double a = 2.0 * std::numbers::pi * (i + 0.8 * unit(rng)) / k;
    const double r = rmin + (rmax - rmin) * unit(rng);
    p.outer().push_back(Point(cx + r * std::cos(a), cy + r * std::sin(a)));
  }
  bg::correct(p);
  return p;
}

}  // namespace

TEST_CASE("cells whose centres lie in a rectangle with a hole are counted by hand", "[engine][zonal]") {
  // 10 m cells on 0..100; centres at 5, 15, …, 95. Rectangle x 12..47 × y 12..63 holds
  // centres x ∈ {15, 25, 35, 45}, y ∈ {15, …, 55}: 4 × 5 = 20. The hole 22..38 × 22..44
  // holds x ∈ {25, 35}, y ∈ {25, 35}: 4.
  const RasterGrid g = grid_of(0.0, 100.0, 10.0, 10, 10);
  Polygon p = rect(12, 12, 47, 63);
  const auto solid = cells_inside(g, multi(p));
  CHECK(count(solid) == 20);
  CHECK(solid[g.index(1, 8)] == 1);  // centre (15, 15)
  CHECK(solid[g.index(4, 4)] == 1);  // centre (45, 55)
  CHECK(solid[g.index(5, 4)] == 0);  // centre (55, 55)
  CHECK(solid[g.index(1, 3)] == 0);  // centre (15, 65)
  p.inners().push_back({{22, 22}, {38, 22}, {38, 44}, {22, 44}, {22, 22}});
  const auto holed = cells_inside(g, multi(p));
  CHECK(count(holed) == 16);
  CHECK(holed[g.index(2, 7)] == 0);  // centre (25, 25) in the hole
}

TEST_CASE("areas sharing an edge through cell centres claim every centre exactly once", "[engine][zonal]") {
  const RasterGrid g = grid_of(0.0, 100.0, 10.0, 10, 10);
  SECTION("a vertical edge") {
    // x = 45 and y = 15, 85 run through centres.
    const auto a = cells_inside(g, multi(rect(10, 15, 45, 85)));
    const auto b = cells_inside(g, multi(rect(45, 15, 80, 85)));
    const auto whole = cells_inside(g, multi(rect(10, 15, 80, 85)));
    for (std::size_t i = 0; i < whole.size(); ++i) CHECK(a[i] + b[i] == whole[i]);
    CHECK(count(whole) == 7 * 7);  // x 15..75, y 15..75 (the top edge 85 is open)
  }
  SECTION("a diagonal edge") {
    Polygon t1, t2;
    t1.outer() = {{10, 10}, {90, 90}, {90, 10}, {10, 10}};
    t2.outer() = {{10, 10}, {10, 90}, {90, 90}, {10, 10}};
    const auto a = cells_inside(g, multi(t1));
    const auto b = cells_inside(g, multi(t2));
    const auto whole = cells_inside(g, multi(rect(10, 10, 90, 90)));
    for (std::size_t i = 0; i < whole.size(); ++i) CHECK(a[i] + b[i] == whole[i]);
    CHECK(count(whole) == 64);
  }
}

TEST_CASE("the scanline agrees with a point-in-polygon test per cell on random polygons", "[engine][zonal]") {
  std::mt19937_64 rng(424242);
  const RasterGrid g = grid_of(-3.0, 207.0, 2.5, 90, 85);
  for (int trial = 0; trial < 20; ++trial) {
    MultiPolygon mp;
    Polygon a = star(rng, 60.0, 120.0, 15.0, 70.0, 5 + trial);
    // A hole: a small star inside the kernel of the outer star, reversed to CCW.
    Polygon hole = star(rng, 60.0, 120.0, 3.0, 12.0, 7);
    a.inners().push_back(hole.outer());
    bg::correct(a);
    mp.push_back(a);
    mp.push_back(star(rng, 175.0, 40.0, 5.0, 60.0, 9));  // reaches past the grid's edges
    const auto mask = cells_inside(g, mp);
    std::size_t inside = 0;
    for (std::int32_t r = 0; r < g.rows; ++r)
      for (std::int32_t c = 0; c < g.cols; ++c) {
        const bool expect = bg::within(Point(g.center_x(c), g.center_y(r)), mp);
        inside += expect;
        REQUIRE(mask[g.index(c, r)] == (expect ? 1 : 0));
      }
    CHECK(inside > 100);
  }
}

TEST_CASE("zonal sum and mean skip nodata cells", "[engine][zonal]") {
  const RasterGrid g = grid_of(0.0, 30.0, 10.0, 3, 3);
  Raster r = make_raster(g);
  for (std::int32_t row = 0; row < 3; ++row)
    for (std::int32_t col = 0; col < 3; ++col) r.at(col, row) = static_cast<float>(col + 10 * row);
  r.at(1, 1) = r.nodata;
  // x 0..20 × y 0..20 holds columns 0–1 of rows 1–2: values 10, (11 nodata), 20, 21.
  const ZonalStats z = zonal_stats(r, multi(rect(0, 0, 20, 20)));
  CHECK(z.cells == 3);
  CHECK(z.nodata_cells == 1);
  CHECK(z.sum == 51.0);
  CHECK(z.mean == 17.0);
  const ZonalStats none = zonal_stats(r, multi(rect(100, 100, 120, 120)));
  CHECK(none.cells == 0);
  CHECK(std::isnan(none.mean));
  Areas areas;
  areas.geometry = {multi(rect(0, 0, 20, 20)), multi(rect(0, 0, 30, 30))};
  const auto per_area = zonal_stats(r, areas);
  REQUIRE(per_area.size() == 2);
  CHECK(per_area[1].sum == 0 + 1 + 2 + 10 + 12 + 20 + 21 + 22);
}

TEST_CASE("masking sets cells outside every area to nodata and keeps overlapping areas' cells", "[engine][zonal]") {
  const RasterGrid g = grid_of(0.0, 100.0, 10.0, 10, 10);
  Raster r = make_raster(g, 1.0F);
  const std::vector<MultiPolygon> areas{multi(rect(0, 0, 50, 50)), multi(rect(30, 30, 70, 70))};
  mask_outside(r, areas);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < r.data.size(); ++i) kept += !r.is_nodata(i);
  CHECK(kept == 25 + 16 - 4);  // union of 5 × 5 and 4 × 4 cells overlapping in 2 × 2
  CHECK(r.at(0, 9) == 1.0F);   // centre (5, 5)
  CHECK(r.is_nodata(g.index(9, 0)));
  Raster one = make_raster(g, 2.0F);
  mask_outside(one, areas[0]);
  std::size_t kept_one = 0;
  for (std::size_t i = 0; i < one.data.size(); ++i) kept_one += !one.is_nodata(i);
  CHECK(kept_one == 25);
}
