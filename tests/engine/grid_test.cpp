#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "engine/grid.hpp"

using namespace kvo::engine;

namespace {

MultiPolygon rectangle(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  return {p};
}

// An L-shaped area with a hole, clockwise outer ring, counter-clockwise hole.
MultiPolygon l_shape() {
  Polygon p;
  p.outer() = {{0, 0}, {0, 300}, {120, 300}, {120, 130}, {310, 130}, {310, 0}, {0, 0}};
  p.inners().push_back({{40, 40}, {90, 40}, {90, 90}, {40, 90}, {40, 40}});
  return {p};
}

}  // namespace

TEST_CASE("a square grid snaps its origin down to a multiple of the cell size and keeps whole cells",
          "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {rectangle(155003.0, 463007.0, 155097.0, 463051.0)};
  const GridSpec spec = make_grid_spec(CellShape::square, 10.0, envelope_of(areas[0]));
  CHECK(spec.origin_x == 155000.0);
  CHECK(spec.origin_y == 463000.0);
  const Grid grid = build_grid(spec, areas);
  // Columns 0..9 (155000..155100) and rows 0..5 (463000..463060): 60 cells, none clipped.
  REQUIRE(grid.size() == 60);
  CHECK(grid.col.front() == 0);
  CHECK(grid.row.front() == 0);
  CHECK(grid.centre_x.front() == 155005.0);
  CHECK(grid.centre_y.front() == 463005.0);
  CHECK(grid.cell_name(0) == "r0c0");
  CHECK(grid.cell_name(59) == "r5c9");
  CHECK(grid.cell_id(59) == (std::int64_t{5} << 32 | 9));
  const Polygon outline = grid.cell_polygon(59);
  CHECK(bg::area(outline) == Approx(100.0));  // clockwise ring: positive area in Boost
  CHECK(outline.outer().front().x() == outline.outer().back().x());
  CHECK(grid.locate(155003.0, 463007.0) == 0);
  CHECK(grid.locate(155096.0, 463050.5) == 59);
  CHECK(grid.locate(155010.0, 463000.0) == 1);  // on the edge: the cell to the east
  CHECK(grid.locate(154999.0, 463007.0) == kNoCell);
  CHECK(grid.locate(155050.0, 463100.0) == kNoCell);
}

TEST_CASE("cells that only touch the study area along an edge are not kept", "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {rectangle(0, 0, 100, 100)};
  const Grid grid = build_grid(make_grid_spec(CellShape::square, 10.0, envelope_of(areas[0])), areas);
  CHECK(grid.size() == 100);
  CHECK(grid.locate(100.0, 50.0) == kNoCell);  // on the east boundary: the cell outside is not kept
}

TEST_CASE("a follow-up that passes the baseline's origin and size back gets the very same cells and ids",
          "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {l_shape()};
  for (const CellShape shape : {CellShape::square, CellShape::hexagon}) {
    const GridSpec baseline = make_grid_spec(shape, 25.0, envelope_of(areas[0]));
    const Grid a = build_grid(baseline, areas);
    GridSpec stored;
    stored.shape = shape;
    stored.cell_size_m = baseline.cell_size_m;
    stored.origin_x = baseline.origin_x;
    stored.origin_y = baseline.origin_y;
    const Grid b = build_grid(stored, areas);
    REQUIRE(a.size() == b.size());
    CHECK(a.size() > 50);
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a.cell_id(i) == b.cell_id(i));
      CHECK(a.centre_x[i] == b.centre_x[i]);
      CHECK(a.centre_y[i] == b.centre_y[i]);
    }
    // Ids decode back to the lattice position and are non-negative for the snapped origin.
    for (std::size_t i = 0; i < a.size(); ++i) {
      const CellIndex c = lattice_cell_from_id(a.cell_id(i));
      CHECK(c.col == a.col[i]);
      CHECK(c.row == a.row[i]);
      CHECK(c.col >= 0);
      CHECK(c.row >= 0);
    }
  }
}

TEST_CASE("hexagons have the area of a square of the cell size and tile the plane", "[engine][grid]") {
  const GridSpec spec{CellShape::hexagon, 50.0, 1000.0, 2000.0};
  const double a = hexagon_edge_m(50.0);
  CHECK(a == Approx(50.0 * std::sqrt(2.0 / (3.0 * std::sqrt(3.0)))));
  CHECK(bg::area(lattice_polygon(spec, {3, 4})) == Approx(2500.0).epsilon(1e-12));
  CHECK(cell_spacing_m(spec) == Approx(std::sqrt(3.0) * a));
  // Origin = lower-left corner of the bounding box of cell (0, 0).
  const Box box = bg::return_envelope<Box>(lattice_polygon(spec, {0, 0}));
  CHECK(box.min_corner().x() == Approx(1000.0));
  CHECK(box.min_corner().y() == Approx(2000.0));
  // Neighbouring centres are one spacing apart: east, and north-east on the next row.
  const Point c00 = lattice_centre(spec, {0, 0}), c10 = lattice_centre(spec, {1, 0}), c01 = lattice_centre(spec, {0, 1});
  CHECK(bg::distance(c00, c10) == Approx(cell_spacing_m(spec)));
  CHECK(bg::distance(c00, c01) == Approx(cell_spacing_m(spec)));
}

TEST_CASE("neighbouring cells share bit-identical vertices, so the tessellation has no slivers", "[engine][grid]") {
  const GridSpec hex{CellShape::hexagon, 33.3, 155123.4, 463987.6};
  for (const int row : {-3, 0, 5}) {
    const auto a = lattice_polygon(hex, {4, row}).outer(), b = lattice_polygon(hex, {5, row}).outer();
    CHECK((a[1].x() == b[5].x() && a[1].y() == b[5].y()));  // east neighbour: upper-right = its upper-left
    CHECK((a[2].x() == b[4].x() && a[2].y() == b[4].y()));
    // North-east neighbour on the next row (odd-r offsets).
    const auto n = lattice_polygon(hex, {(row & 1) != 0 ? 5 : 4, row + 1}).outer();
    CHECK((a[0].x() == n[4].x() && a[0].y() == n[4].y()));
  }
  const GridSpec sq{CellShape::square, 0.1, 155123.4, 463987.6};
  const auto a = lattice_polygon(sq, {7, 3}).outer(), b = lattice_polygon(sq, {8, 3}).outer();
  CHECK((a[2].x() == b[1].x() && a[2].y() == b[1].y()));
}

TEST_CASE("point-to-cell arithmetic agrees with a polygon test on random points", "[engine][grid]") {
  std::mt19937_64 rng(7);
  for (const CellShape shape : {CellShape::square, CellShape::hexagon}) {
    const GridSpec spec{shape, 37.0, 120000.0, 480000.0};
    for (int t = 0; t < 3000; ++t) {
      const double x = 120000.0 + static_cast<double>(rng() % 1000000) / 1000.0;
      const double y = 480000.0 + static_cast<double>(rng() % 1000000) / 1000.0;
      const CellIndex c = lattice_cell(spec, x, y);
      // The chosen cell contains the point (boundary included)...
      REQUIRE(bg::covered_by(Point(x, y), lattice_polygon(spec, c)));
      // ...and no other nearby cell's centre is strictly closer (hexagons are Voronoi cells).
      const double d = bg::distance(Point(x, y), lattice_centre(spec, c));
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc)
          CHECK(bg::distance(Point(x, y), lattice_centre(spec, {c.col + dc, c.row + dr})) >= d - 1e-9);
    }
  }
}

TEST_CASE("the kept cells are exactly those whose interior overlaps the area, holes respected", "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {l_shape()};
  for (const CellShape shape : {CellShape::square, CellShape::hexagon}) {
    const GridSpec spec = make_grid_spec(shape, 20.0, envelope_of(areas[0]));
    const Grid grid = build_grid(spec, areas);
    // Brute-force oracle: every cell of a generous window, tested with Boost.Geometry.
    std::size_t expected = 0;
    for (int r = -3; r < 30; ++r)
      for (int c = -3; c < 30; ++c) {
        const Polygon outline = lattice_polygon(spec, {c, r});
        const bool overlaps = bg::relate(outline, areas[0][0], bg::de9im::mask("T********"));
        const Point centre = lattice_centre(spec, {c, r});
        const std::int32_t found = grid.locate(centre.x(), centre.y());
        CHECK((found != kNoCell) == overlaps);
        if (overlaps) {
          ++expected;
          CHECK(grid.col[static_cast<std::size_t>(found)] == c);
          CHECK(grid.row[static_cast<std::size_t>(found)] == r);
        }
      }
    CHECK(grid.size() == expected);
  }
  // The hole (40..90)² holds the whole square cell (40..60)², which is therefore dropped.
  const Grid sq = build_grid(make_grid_spec(CellShape::square, 20.0, envelope_of(areas[0])), areas);
  CHECK(sq.locate(50.0, 50.0) == kNoCell);
  CHECK(sq.locate(30.0, 50.0) != kNoCell);
}

TEST_CASE("the bounding-box extent keeps every cell of the areas' envelope", "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {l_shape()};
  const GridSpec spec = make_grid_spec(CellShape::square, 20.0, envelope_of(areas[0]));
  const Grid grid = build_grid(spec, areas, {StudyExtent::bounding_box});
  // Envelope 0..310 × 0..300 with 20 m cells: 16 columns × 15 rows.
  CHECK(grid.size() == 16 * 15);
  CHECK(grid.locate(300.0, 250.0) != kNoCell);  // outside the L, inside the box
}

TEST_CASE("incidents are counted per cell for a period and theme in one pass, 'all' included",
          "[engine][grid]") {
  const std::vector<MultiPolygon> areas = {rectangle(0, 0, 30, 10)};
  const Grid grid = build_grid(make_grid_spec(CellShape::square, 10.0, envelope_of(areas[0])), areas);
  REQUIRE(grid.size() == 3);
  IncidentSet set;
  const ThemeId burglary = *theme_from_name("burglary");
  const ThemeId fire = *theme_from_name("fire");
  set.push_back(1, 1, 0, kNoTime, burglary, 0, 0, 1.0f, 0);
  set.push_back(2, 2, 0, kNoTime, fire, 0, 0, 1.0f, 0);
  set.push_back(15, 5, 0, kNoTime, burglary, 0, 0, 2.0f, 0);   // weight 2
  set.push_back(25, 5, 0, kNoTime, burglary, 1, 0, 1.0f, 0);   // follow-up
  set.push_back(45, 5, 0, kNoTime, burglary, 0, 0, 1.0f, 0);   // outside the grid
  const auto cell_of = assign_cells(grid, set.x, set.y, 2);
  CHECK(cell_of == std::vector<std::int32_t>{0, 0, 1, 2, kNoCell});
  CHECK(count_cells(grid, cell_of, set, PeriodId::baseline, kThemeAll) == std::vector<double>{2, 2, 0});
  CHECK(count_cells(grid, cell_of, set, PeriodId::baseline, burglary) == std::vector<double>{1, 2, 0});
  CHECK(count_cells(grid, cell_of, set, PeriodId::followup, kThemeAll) == std::vector<double>{0, 0, 1});
  const std::vector<std::size_t> some = {0, 1, 4};
  CHECK(count_indices(grid, cell_of, some) == std::vector<double>{2, 0, 0});
}

TEST_CASE("the automatic cell size follows the nearest-neighbour spacing of distinct locations",
          "[engine][grid]") {
  std::vector<double> x, y;
  for (int r = 0; r < 20; ++r)
    for (int c = 0; c < 20; ++c) {
      x.push_back(c * 23.5);
      y.push_back(r * 23.5);
      x.push_back(c * 23.5);  // a duplicate location: ignored
      y.push_back(r * 23.5);
    }
  CHECK(auto_cell_size(x, y) == 24.0);
  CHECK(auto_cell_size(x, y, 50.0) == 50.0);
  const std::vector<double> one = {1.0, 1.0};
  CHECK_THROWS_AS(auto_cell_size(one, one), std::invalid_argument);
}

TEST_CASE("a bad cell size is rejected", "[engine][grid]") {
  Envelope env;
  env.expand(0, 0);
  env.expand(10, 10);
  CHECK_THROWS_AS(make_grid_spec(CellShape::square, 0.0, env), std::invalid_argument);
  CHECK_THROWS_AS(make_grid_spec(CellShape::hexagon, -5.0, env), std::invalid_argument);
}
