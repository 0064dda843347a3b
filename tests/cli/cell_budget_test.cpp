// Grids and rasters beyond the memory budget, and areas outside the CRS's extent: clear
// errors in check and run that name the key or the area, never an "internal error".

#include <catch2/catch.hpp>

#include <filesystem>

#include <cmath>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

namespace fs = std::filesystem;

namespace {
using kvo::test::kvo_cli;
constexpr auto p = &kvo::test::path_in;

// The small town's areas plus a 1 km square 100 km east and 190 km north of it.
void add_far_area(const kvo::test::TempDir& dir) {
  dir.write(
      "ver weg.geojson",
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"VER","naam":"Ver weg"},"geometry":{"type":"Polygon","coordinates":[[[249000,599000],[250000,599000],[250000,600000],[249000,600000],[249000,599000]]]}}]})");
}

std::string spec_with(const std::string& density_cell, const std::string& extra_areas, const std::string& grid = "") {
  std::string s = kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv", grid);
  s.replace(s.find("cell_size = 50"), 14, "cell_size = " + density_cell);
  s.replace(s.find("[areas]"), 7, "[[areas]]");
  return s + extra_areas;
}

const std::string far_areas = "[[areas]]\npath = \"ver weg.geojson\"\nid = \"code\"\nname = \"naam\"\n";
}  // namespace

TEST_CASE("a density raster beyond the cell budget fails check and run, naming the key and a size that fits",
          "[cli][budget]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  add_far_area(dir);
  // The areas span x 150,000–250,000 and y 410,000–600,000: at 10 m that is
  // (100,000/10 + 1) × (190,000/10 + 1) = 10,001 × 19,001 = 190,029,001 cells, over 25,000,000.
  dir.write("groot.toml", spec_with("10", far_areas, "[grid]\ncell_size = 1000\n"));
  const auto c = kvo_cli({"check", p(dir, "groot.toml")});
  INFO(c.out << c.err);
  CHECK(c.code == 1);
  CHECK(c.out.find("190,029,001 cells") != std::string::npos);
  // 10 · √(190,029,001 / 25,000,000) = 27.6 m, rounded up (with 1 % to spare) to 28 m:
  // 3,572 × 6,786 = 24,239,592 cells.
  CHECK(c.out.find("set [density] cell_size to at least 28 m") != std::string::npos);
  const auto r = kvo_cli({"run", p(dir, "groot.toml"), "-q"});
  CHECK(r.code == 1);
  CHECK(r.err.find("[density] cell_size") != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "nulmeting.gpkg"));
  // The suggested size fits.
  dir.write("groot.toml", spec_with("28", far_areas, "[grid]\ncell_size = 1000\n"));
  const auto ok = kvo_cli({"check", p(dir, "groot.toml")});
  CHECK(ok.code == 0);
  CHECK(ok.out.find("budget") == std::string::npos);
}

TEST_CASE("a dense hotspot grid beyond the cell budget names [grid] cell_size", "[cli][budget]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  add_far_area(dir);
  // 50 m cells: 2,001 × 3,801 = 7,605,801 cells, over 4,000,000.
  dir.write("grid.toml", spec_with("1000", far_areas, "[grid]\ncell_size = 50\nextent = \"areas\"\n"));
  const auto c = kvo_cli({"check", p(dir, "grid.toml")});
  CHECK(c.code == 1);
  CHECK(c.out.find("7,605,801 cells of 50 m") != std::string::npos);
  CHECK(c.out.find("set [grid] cell_size to at least") != std::string::npos);
  CHECK(c.out.find("extent = \"incidents\"") != std::string::npos);
  const auto r = kvo_cli({"run", p(dir, "grid.toml"), "-q"});
  CHECK(r.code == 1);
  CHECK(r.err.find("[grid] cell_size") != std::string::npos);
  // With the default extent the same spec keeps the grid sparse and runs.
  dir.write("grid.toml", spec_with("1000", far_areas, "[grid]\ncell_size = 50\n"));
  const auto sparse = kvo_cli({"check", p(dir, "grid.toml")});
  INFO(sparse.out << sparse.err);
  CHECK(sparse.code == 0);
  CHECK(sparse.out.find("only the cells where incidents are") != std::string::npos);
}

TEST_CASE("an area outside the RD New extent is an error naming the file, row and area", "[cli][areas]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  // Degrees written into an RD file (a wrong crs), then x and y exchanged.
  dir.write(
      "ver weg.geojson",
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"GRAD","naam":"In graden"},"geometry":{"type":"Polygon","coordinates":[[[5.30,51.69],[5.31,51.69],[5.31,51.70],[5.30,51.69]]]}}]})");
  dir.write("fout.toml", spec_with("50", far_areas));
  const auto c = kvo_cli({"check", p(dir, "fout.toml")});
  CHECK(c.code == 1);
  CHECK(c.err.find("ver weg.geojson") != std::string::npos);
  CHECK(c.err.find("'GRAD' lies outside the RD New extent") != std::string::npos);
  CHECK(c.err.find("'crs'") != std::string::npos);
  dir.write(
      "ver weg.geojson",
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"OM","naam":"Omgedraaid"},"geometry":{"type":"Polygon","coordinates":[[[410000,150000],[410500,150000],[410500,150500],[410000,150000]]]}}]})");
  const auto r = kvo_cli({"run", p(dir, "fout.toml"), "-q"});
  CHECK(r.code != 0);
  CHECK(r.err.find("'OM' lies outside the RD New extent") != std::string::npos);
  CHECK(r.err.find("exchanged") != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
}

TEST_CASE("an automatic hotspot cell size is never finer than the extent's shorter side / 250", "[cli][budget]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 900, 40);  // dense: the spacing rule alone gives 10-odd metres
  add_far_area(dir);
  // [grid] cell_size left automatic, the dense extent asked for.
  dir.write("auto.toml", spec_with("1000", far_areas, "[grid]\nextent = \"areas\"\n"));
  const auto r = kvo_cli({"run", p(dir, "auto.toml"), "-q", "-o", p(dir, "auto.gpkg")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("the automatic hotspot cell size of") == std::string::npos);  // nothing to coarsen
  const auto grid = nlohmann::json::parse(
      kvo::io::query_gpkg(dir.path() / "auto.gpkg", "SELECT value FROM run_manifest WHERE key = 'grid'")[0][0]);
  // The areas' envelope is 100 × 190 km: 100,000 / 250 = 400 m.
  CHECK(grid["cell_size_m"].get<double>() == 400.0);
  CHECK(grid["extent"] == "areas");
  // The same town alone (1 × 1 km: 4 m) keeps the spacing rule's finer cells.
  const auto town = kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "town.gpkg")});
  REQUIRE(town.code == 0);
  const auto town_grid = nlohmann::json::parse(
      kvo::io::query_gpkg(dir.path() / "town.gpkg", "SELECT value FROM run_manifest WHERE key = 'grid'")[0][0]);
  CHECK(town_grid["cell_size_m"].get<double>() >= 10.0);
  CHECK(town_grid["cell_size_m"].get<double>() < 400.0);
}
