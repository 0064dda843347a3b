// A study region too large for a dense hotspot grid (areas 100 km apart) keeps the grid
// sparse by default: only the cells holding incidents and the cells within the distance
// band of them. Gi*'s n, mean and variance are those of the cells analysed; the reference
// below is the textbook Gi* (Getis & Ord 1995, binary weights with self) computed from
// the layer's own counts.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;

namespace {

constexpr auto p = &kvo::test::path_in;

// The small town's areas plus a 1 km square 100 km east and 190 km north of it (no incidents).
std::string far_town_spec(const std::string& period = "baseline", const std::string& grid_extra = "") {
  const bool baseline = period == "baseline";
  std::string s = kvo::test::small_town_spec(
      period, baseline ? "2023-01-01" : "2025-01-01", baseline ? "2023-12-31" : "2025-12-31",
      baseline ? "politie 2023.csv" : "politie 2025.csv", "[grid]\nshape = \"square\"\ncell_size = 50\n" + grid_extra);
  s.replace(s.find("[hotspots]\n"), 11, "[hotspots]\ndistance = 120\n");
  s.replace(s.find("[areas]"), 7, "[[areas]]");
  return s + "[[areas]]\npath = \"ver weg.geojson\"\nid = \"code\"\nname = \"naam\"\n";
}

}  // namespace

TEST_CASE("a country-size study region gets a sparse hotspot grid with Gi* over its own cells",
          "[cli][hotspots][sparse]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 80);
  dir.write(
      "ver weg.geojson",
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"VER","naam":"Ver weg"},"geometry":{"type":"Polygon","coordinates":[[[249000,599000],[250000,599000],[250000,600000],[249000,600000],[249000,599000]]]}}]})");
  dir.write("land.toml", far_town_spec());
  const auto r = kvo_cli({"run", p(dir, "land.toml"), "-o", p(dir, "land.gpkg")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("only the cells where incidents are") != std::string::npos);
  const auto out = dir.path() / "land.gpkg";
  const auto grid = nlohmann::json::parse(query_gpkg(out, "SELECT value FROM run_manifest WHERE key = 'grid'")[0][0]);
  CHECK(grid["extent"] == "incidents");
  const auto spec = nlohmann::json::parse(query_gpkg(out, "SELECT value FROM run_manifest WHERE key = 'spec'")[0][0]);
  CHECK(spec["grid"]["extent"] == "incidents");  // what a follow-up repeats
  const double ox = grid["origin_x"], oy = grid["origin_y"];

  const auto rows =
      query_gpkg(out, "SELECT cell_id, count, gi_z FROM hotspot_cells WHERE theme = 'all' AND period = 'baseline'");
  REQUIRE(rows.size() == grid["cells"].get<std::size_t>());
  // Cell centres from the ids ("r<row>c<col>"), counts, and the Gi* z kvo wrote.
  struct Cell {
    double x, y, count;
    std::string z;
  };
  std::vector<Cell> cells;
  for (const auto& row : rows) {
    const auto c = row[0].find('c');
    const int r_ = std::stoi(row[0].substr(1, c - 1)), c_ = std::stoi(row[0].substr(c + 1));
    cells.push_back({ox + (c_ + 0.5) * 50, oy + (r_ + 0.5) * 50, std::stod(row[1]), row[2]});
  }
  // Sparse: nothing over the far area (no incidents there), and every cell holds an
  // incident or lies within the 120 m band of a cell that does.
  for (const auto& c : cells) {
    CHECK(c.x < 160000);
    bool near = c.count > 0;
    for (const auto& o : cells)
      if (o.count > 0 && std::hypot(o.x - c.x, o.y - c.y) <= 120 + 1e-6) near = true;
    CHECK(near);
  }
  // The dense grid would have kept the far area's 400 cells as well.
  CHECK(cells.size() < 700);

  // Gi* with n = the cells analysed: z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n W_i − W_i²)/(n − 1))).
  const double n = static_cast<double>(cells.size());
  double sum = 0, sum2 = 0;
  for (const auto& c : cells) sum += c.count, sum2 += c.count * c.count;
  const double mean = sum / n, s = std::sqrt(sum2 / n - mean * mean);
  std::size_t compared = 0;
  for (const auto& c : cells) {
    if (c.z.empty()) continue;
    double wx = 0, w = 0;
    for (const auto& o : cells)
      if (std::hypot(o.x - c.x, o.y - c.y) <= 120 + 1e-6) wx += o.count, w += 1;
    const double z = (wx - mean * w) / (s * std::sqrt((n * w - w * w) / (n - 1)));
    CHECK(std::stod(c.z) == Approx(z).epsilon(1e-9).margin(1e-9));
    ++compared;
  }
  CHECK(compared > cells.size() / 2);

  // The density raster is stored sparsely too: GeoPackage tiles only where the areas are
  // (cells outside the areas are nodata, and GDAL writes no tile that holds only nodata;
  // a reader gets nodata for an absent tile).
  const auto matrix = query_gpkg(out,
                                 "SELECT zoom_level, matrix_width * matrix_height FROM gpkg_tile_matrix "
                                 "WHERE table_name = 'density_baseline' ORDER BY zoom_level DESC LIMIT 1");
  REQUIRE(matrix.size() == 1);
  CHECK(std::stoi(matrix[0][1]) >= 100);  // 2,000 × 3,800 cells of 50 m in tiles of 256
  const auto tiles = query_gpkg(out, "SELECT COUNT(*) FROM density_baseline WHERE zoom_level = " + matrix[0][0])[0][0];
  CHECK(std::stoi(tiles) >= 2);  // the town and the far area
  CHECK(std::stoi(tiles) <= 8);  // each over at most 4 tiles

  // The follow-up repeats the sparse extent: "auto" adopts it, "areas" differs from it.
  dir.write("vervolg.toml", far_town_spec("followup"));
  const auto f =
      kvo_cli({"run", p(dir, "vervolg.toml"), "-q", "--baseline", p(dir, "land.gpkg"), "-o", p(dir, "vervolg.gpkg")});
  INFO(f.err);
  REQUIRE(f.code == 0);
  const auto fgrid = nlohmann::json::parse(
      query_gpkg(dir.path() / "vervolg.gpkg", "SELECT value FROM run_manifest WHERE key = 'grid'")[0][0]);
  CHECK(fgrid["extent"] == "incidents");
  dir.write("vervolg dicht.toml", far_town_spec("followup", "extent = \"areas\"\n"));
  const auto d = kvo_cli(
      {"run", p(dir, "vervolg dicht.toml"), "-q", "--baseline", p(dir, "land.gpkg"), "-o", p(dir, "dicht.gpkg")});
  CHECK(d.code == 1);
  CHECK(d.err.find("grid.extent: baseline \"incidents\", follow-up \"areas\"") != std::string::npos);
}
