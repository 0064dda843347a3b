#include <catch2/catch.hpp>

#include "io/gpkg/baseline_lock.hpp"

using namespace kvo::io;
using kvo::engine::MultiPolygon;

namespace {

MultiPolygon square(double x0, double y0, double side) {
  MultiPolygon mp;
  mp.resize(1);
  auto& ring = mp[0].outer();
  for (auto [x, y] : {std::pair{x0, y0}, {x0, y0 + side}, {x0 + side, y0 + side}, {x0 + side, y0}, {x0, y0}})
    ring.emplace_back(x, y);
  return mp;
}

AreaTable table(std::vector<std::pair<std::string, MultiPolygon>> areas) {
  AreaTable t;
  for (auto& [id, g] : areas) {
    t.id.push_back(id);
    t.name.push_back("Winkelcentrum 't Zand");
    t.kind.push_back("kvo");
    t.repaired.push_back(0);
    t.areas.area_m2.push_back(0);
    t.areas.geometry.push_back(g);
  }
  return t;
}

}  // namespace

TEST_CASE("the area hash is SHA-256 over millimetre vertices as documented", "[io][baseline]") {
  // Reference: Python hashlib over struct.pack('<q', …) of 1 polygon, 0 inner rings,
  // 5 points, then x and y in millimetres per point (docs/comparison.md).
  CHECK(area_geometry_sha256(square(150000, 410000, 500)) ==
        "a0cb0af09dd0f86bb93fca77f988858e4cf0138b69a93d1da9c2296adf2809dd");
  // Below half a millimetre is the same geometry; a millimetre is not.
  auto nudged = square(150000, 410000, 500);
  nudged[0].outer()[1].x(150000.0004);
  CHECK(area_geometry_sha256(nudged) == area_geometry_sha256(square(150000, 410000, 500)));
  CHECK(area_geometry_sha256(square(150000.001, 410000, 500)) != area_geometry_sha256(square(150000, 410000, 500)));
}

TEST_CASE("compare_areas names added, removed and moved area ids", "[io][baseline]") {
  const auto base = table({{"'t Zand", square(0, 0, 10)}, {"BU02", square(20, 0, 10)}, {"BU03", square(40, 0, 10)}});
  CHECK_FALSE(compare_areas(base, base));
  // Order alone is no difference.
  CHECK_FALSE(compare_areas(
      base, table({{"BU03", square(40, 0, 10)}, {"'t Zand", square(0, 0, 10)}, {"BU02", square(20, 0, 10)}})));
  const auto d = compare_areas(
      base,
      table({{"'t Zand", square(0, 0, 11)}, {"BU03", square(40, 0, 10)}, {"KVO 's-Hertogenbosch", square(60, 0, 5)}}));
  REQUIRE(d);
  CHECK(d->key == "areas");
  CHECK(d->baseline == R"({"only_in_baseline":["BU02"],"other_geometry":["'t Zand"]})");
  CHECK(d->followup == R"({"only_in_followup":["KVO 's-Hertogenbosch"],"other_geometry":["'t Zand"]})");
}
