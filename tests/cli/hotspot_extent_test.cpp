// `[grid] extent = "kvo"` end to end: the hotspot grid covers the KVO area and the cells
// within the distance band of it, not the other areas.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/small_town.hpp"

namespace {

// A KVO shopping area (500 × 500 m) and a buurt of the same size directly north of it.
const char* kAreas =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"WC01","naam":"Winkelcentrum 't Zand","soort":"kvo_winkelgebied"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[150500,410000],[150500,410500],[150000,410500],[150000,410000]]]}},
{"type":"Feature","properties":{"code":"BU03","naam":"Café-kwartier","soort":"buurt"},"geometry":{"type":"Polygon","coordinates":[[[150000,410500],[150500,410500],[150500,411000],[150000,411000],[150000,410500]]]}}]})";

std::string kvo_spec(const std::string& extent) {
  std::string spec =
      kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv",
                                 "[grid]\nshape = \"square\"\ncell_size = 50\nextent = \"" + extent + "\"\n");
  const std::string from = "path = \"gebieden 's-Hertogenbosch.geojson\"";
  spec.replace(spec.find(from), from.size(), "path = \"kvo.geojson\"\nkind_field = \"soort\"");
  return spec;
}

}  // namespace

TEST_CASE("grid extent kvo keeps only the cells over the KVO area and within the distance band of it",
          "[cli][hotspot_extent]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir);
  dir.write("kvo.geojson", kAreas);
  dir.write("kvo.toml", kvo_spec("kvo"));
  dir.write("areas.toml", kvo_spec("areas"));
  for (const char* name : {"kvo", "areas"}) {
    std::ostringstream out, err;
    const auto spec = (dir.path() / (std::string(name) + ".toml")).string();
    const auto gpkg = (dir.path() / (std::string(name) + ".gpkg")).string();
    INFO(err.str());
    REQUIRE(kvo::cli::run({"run", spec, "-o", gpkg, "-q"}, out, err) == 0);
  }
  const auto kvo_out = (dir.path() / "kvo.gpkg");
  const auto manifest = kvo::io::read_gpkg_contents(kvo_out).manifest;
  const double band = manifest.at("spec")["hotspots"]["distance"].get<double>();
  // 10 × 10 cells of 50 m over each area: 200 over both; the KVO area's 100 plus the rows of
  // the buurt whose centres lie within the band of the KVO cells' centres (last at y 410475).
  const int rows = static_cast<int>((band + 1e-9) / 50.0);
  CHECK(manifest.at("grid")["cells_over_all_areas"] == 200);
  CHECK(manifest.at("grid")["cells"] == 100 + 10 * rows);
  CHECK(manifest.at("spec")["grid"]["extent"] == "kvo");
  const auto cells = kvo::io::query_gpkg(
      kvo_out, "SELECT COUNT(DISTINCT cell_id), MAX(ST_MaxY(geom)) FROM hotspot_cells WHERE period = 'baseline'");
  CHECK(std::stoi(cells[0][0]) == 100 + 10 * rows);
  CHECK(std::stod(cells[0][1]) == Approx(410500.0 + 50.0 * rows));
  const auto all = kvo::io::query_gpkg(dir.path() / "areas.gpkg",
                                       "SELECT COUNT(DISTINCT cell_id) FROM hotspot_cells WHERE period = 'baseline'");
  CHECK(all[0][0] == "200");
}
