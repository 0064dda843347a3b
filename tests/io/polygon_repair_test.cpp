#include <catch2/catch.hpp>

#include "io/read/polygon_repair.hpp"

using namespace kvo::io;
using kvo::engine::MultiPolygon;
using kvo::engine::Point;
using kvo::engine::Polygon;

static MultiPolygon one_ring(std::initializer_list<Point> pts) {
  Polygon p;
  for (const auto& q : pts) p.outer().push_back(q);
  return MultiPolygon{p};
}

TEST_CASE("a valid square passes unchanged and is not flagged", "[io][repair]") {
  const auto out = repair_polygonal(one_ring({{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}));
  CHECK_FALSE(out.repaired);
  CHECK(kvo::engine::bg::area(out.geometry) == Approx(100.0));
}

TEST_CASE("a counter-clockwise ring is valid and gets a positive area", "[io][repair]") {
  const auto out = repair_polygonal(one_ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}));
  CHECK_FALSE(out.repaired);
  CHECK(kvo::engine::bg::area(out.geometry) == Approx(100.0));
}

TEST_CASE("a hand-drawn bowtie is repaired into two triangles with the drawn area", "[io][repair]") {
  // (0,0)-(10,10)-(10,0)-(0,10): two triangles of area 25 each, touching at (5,5).
  const auto out = repair_polygonal(one_ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}));
  CHECK(out.repaired);
  CHECK_FALSE(out.reason.empty());
  CHECK(out.geometry.size() == 2);
  CHECK(kvo::engine::bg::area(out.geometry) == Approx(50.0));
  CHECK(kvo::engine::bg::is_valid(out.geometry));
}
