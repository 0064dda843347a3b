#include <catch2/catch.hpp>

#include "engine/area_index.hpp"

using namespace kvo::engine;

static MultiPolygon square(double x0, double y0, double size) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y0 + size}, {x0 + size, y0 + size}, {x0 + size, y0}, {x0, y0}};
  return {p};
}

static Areas make_areas(std::initializer_list<MultiPolygon> geoms) {
  Areas a;
  for (const auto& g : geoms) {
    a.geometry.push_back(g);
    a.area_m2.push_back(bg::area(g));
  }
  return a;
}

TEST_CASE("a point in overlapping areas belongs to the smallest one", "[engine][areas]") {
  const Areas areas = make_areas({square(0, 0, 100), square(10, 10, 20), square(200, 0, 50)});
  AreaIndex index(areas);
  CHECK(index.locate(15, 15) == 1);   // inside the small square nested in the big one
  CHECK(index.locate(50, 50) == 0);   // only the big one
  CHECK(index.locate(220, 20) == 2);
  CHECK(index.locate(150, 50) == kNoArea);
  CHECK(index.locate(0, 50) == 0);    // on the boundary counts as inside
}

TEST_CASE("assigning many incidents gives the same answer as one-by-one lookup", "[engine][areas]") {
  const Areas areas = make_areas({square(0, 0, 100), square(50, 50, 100)});
  AreaIndex index(areas);
  IncidentSet set;
  for (int i = 0; i < 20000; ++i)
    set.push_back((i * 37) % 160, (i * 91) % 170, 0, kNoTime, 0, 0, kNoArea, 1.0f, 0);
  index.assign(set, 2);
  for (std::size_t i = 0; i < set.size(); ++i) REQUIRE(set.area[i] == index.locate(set.x[i], set.y[i]));
  // (120, 120) lies only in the second square, (10, 10) only in the first, (75, 75) in both (equal size: lower index).
  CHECK(index.locate(120, 120) == 1);
  CHECK(index.locate(10, 10) == 0);
  CHECK(index.locate(75, 75) == 0);
}
