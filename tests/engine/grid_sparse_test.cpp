// The sparse hotspot grid (`[grid] extent = "incidents"`): the cells holding incidents plus
// the cells within the distance band of them, inside the areas. Reference: the dense grid
// over the same areas, filtered by that definition by brute force.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <set>

#include "engine/grid.hpp"
#include "engine/grid_sparse.hpp"

using namespace kvo::engine;

namespace {

MultiPolygon polygon(std::vector<Point> ring) {
  Polygon p;
  for (const auto& pt : ring) p.outer().push_back(pt);
  p.outer().push_back(ring.front());
  boost::geometry::correct(p);
  MultiPolygon mp;
  mp.push_back(p);
  return mp;
}

MultiPolygon square(double x0, double y0, double x1, double y1) {
  return polygon({{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}});
}

// The definition, by brute force over the dense grid's cells.
std::set<std::pair<int, int>> expected_cells(const Grid& dense, const std::vector<double>& x,
                                             const std::vector<double>& y, double band) {
  std::set<std::pair<int, int>> held_cells;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const CellIndex c = lattice_cell(dense.spec, x[i], y[i]);
    held_cells.insert({c.row, c.col});
  }
  std::set<std::pair<int, int>> out;
  const double reach = band * (1 + 1e-9);
  for (std::size_t k = 0; k < dense.size(); ++k) {
    for (const auto& [r, c] : held_cells) {
      const Point h = lattice_centre(dense.spec, {c, r});
      if (std::hypot(h.x() - dense.centre_x[k], h.y() - dense.centre_y[k]) <= reach) {
        out.insert({dense.row[k], dense.col[k]});
        break;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a sparse grid holds an incident's cell and the cells within the band of it", "[engine][grid_sparse]") {
  // 10 m squares from (0, 0); one incident at (505, 505) is in cell (50, 50). Centres within
  // the band: 0 m → 1 cell; 10 m → the 4 side cells too (5); 15 m → the diagonals at 14.1 m
  // (9); 20 m → the cells 2 away along the axes (13, the lattice points of a radius-2 disc).
  const std::vector<MultiPolygon> town{square(0, 0, 1000, 1000)};
  const GridSpec spec{CellShape::square, 10.0, 0.0, 0.0};
  const std::vector<double> x{505.0}, y{505.0};
  for (const auto& [band, cells] :
       std::vector<std::pair<double, std::size_t>>{{0.0, 1}, {10.0, 5}, {15.0, 9}, {20.0, 13}, {30.0, 29}}) {
    INFO("band " << band);
    const Grid g = build_sparse_grid(spec, town, x, y, band);
    CHECK(g.size() == cells);
    CHECK(g.lookup.empty());
    CHECK(g.locate(505, 505) != kNoCell);
    CHECK(g.centre_x[static_cast<std::size_t>(g.locate(505, 505))] == 505.0);
  }
  // At the corner of the areas the cells outside are not kept: 3 × 3 queen block → 4 inside.
  const Grid corner = build_sparse_grid(spec, town, std::vector<double>{5.0}, std::vector<double>{5.0}, 15.0);
  CHECK(corner.size() == 4);
  // Incidents outside the areas hold no kept cell, but their band may reach into the areas.
  const Grid outside = build_sparse_grid(spec, town, std::vector<double>{-5.0}, std::vector<double>{505.0}, 10.0);
  REQUIRE(outside.size() == 1);
  CHECK(outside.centre_x[0] == 5.0);
}

TEST_CASE("a sparse grid is the dense grid cut to the incident cells and their band", "[engine][grid_sparse]") {
  // An L-shaped area with a hole, points scattered in and around it, both cell shapes,
  // bands that fall on exact lattice distances and between them.
  MultiPolygon area = polygon({{0, 0}, {800, 0}, {800, 300}, {300, 300}, {300, 700}, {0, 700}});
  Polygon hole;
  hole.outer() = {{100, 100}, {100, 200}, {200, 200}, {200, 100}, {100, 100}};
  boost::geometry::correct(hole);
  area.front().inners().push_back(hole.outer());
  const std::vector<MultiPolygon> areas{area};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> ux(-50, 850), uy(-50, 750);
  std::vector<double> x, y;
  for (int i = 0; i < 60; ++i) x.push_back(ux(rng)), y.push_back(uy(rng));
  for (const CellShape shape : {CellShape::square, CellShape::hexagon}) {
    Envelope env;
    env.expand(0, 0);
    env.expand(800, 700);
    const GridSpec spec = make_grid_spec(shape, 25.0, env);
    const Grid dense = build_grid(spec, areas);
    for (const double band : {0.0, 25.0, 26.9, 50.0, 70.0}) {
      INFO((shape == CellShape::square ? "square" : "hexagon") << " band " << band);
      const Grid sparse = build_sparse_grid(spec, areas, x, y, band);
      std::set<std::pair<int, int>> got;
      for (std::size_t k = 0; k < sparse.size(); ++k) got.insert({sparse.row[k], sparse.col[k]});
      const auto want = band == 0.0 ? [&] {
        std::set<std::pair<int, int>> held;
        for (std::size_t i = 0; i < x.size(); ++i)
          if (const auto k = dense.locate(x[i], y[i]); k != kNoCell)
            held.insert({dense.row[static_cast<std::size_t>(k)], dense.col[static_cast<std::size_t>(k)]});
        return held;
      }()
                                    : expected_cells(dense, x, y, band);
      CHECK(got == want);
      CHECK(got.size() == sparse.size());  // no cell twice
      // Ordered by row, then column, as build_grid orders them.
      for (std::size_t k = 1; k < sparse.size(); ++k)
        CHECK((sparse.row[k - 1] < sparse.row[k] ||
               (sparse.row[k - 1] == sparse.row[k] && sparse.col[k - 1] < sparse.col[k])));
      // locate() agrees with the dense grid wherever the sparse grid has the cell.
      for (std::size_t i = 0; i < x.size(); ++i) {
        const auto d = dense.locate(x[i], y[i]);
        const auto s = sparse.locate(x[i], y[i]);
        if (d == kNoCell) {
          CHECK(s == kNoCell);
        } else {
          REQUIRE(s != kNoCell);
          CHECK(sparse.cell_id(static_cast<std::size_t>(s)) == dense.cell_id(static_cast<std::size_t>(d)));
        }
      }
    }
  }
}
