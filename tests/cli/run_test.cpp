#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::cli::run;
using kvo::io::query_gpkg;
using kvo::io::read_gpkg_contents;
namespace fs = std::filesystem;

namespace {
using kvo::test::kvo_cli;
using kvo::test::Outcome;
constexpr auto p = &kvo::test::path_in;
}  // namespace

TEST_CASE("kvo run writes every baseline layer, in RD New, with counts that add up", "[cli][run]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir);
  const auto r = kvo_cli({"run", p(dir, "nulmeting.toml"), "-o", p(dir, "uit 't Zand.gpkg"), "--quiet"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("303 read = 300 accepted + 3 rejected)") != std::string::npos);
  const auto contents = read_gpkg_contents(p(dir, "uit 't Zand.gpkg"));
  std::map<std::string, std::int64_t> rows;
  for (const auto& l : contents.layers) rows[l.name] = l.features;
  CHECK(rows["areas"] == 3);
  CHECK(rows["incidents"] == 300);
  CHECK(rows["rejects"] == 3);
  CHECK(rows["area_stats"] == 3 * 17);
  CHECK(rows.count("hotspot_cells") == 1);
  CHECK(rows.count("temporal_profile") == 1);
  CHECK(rows.count("density_baseline") == 1);
  // The raster's band is named for what it holds (QGIS shows "Band 1: <name>", GDAL's default is "Height").
  CHECK(query_gpkg(p(dir, "uit 't Zand.gpkg"),
                   "SELECT field_name, uom FROM gpkg_2d_gridded_coverage_ancillary WHERE "
                   "tile_matrix_set_name = 'density_baseline'")[0] ==
        std::vector<std::string>{"Density, incidents per ha per year", "incidents per hectare per year"});
  const auto& src = contents.manifest.at("sources")[0];
  CHECK(src["read"] == 303);
  CHECK(src["accepted"].get<int>() + src["rejected"].get<int>() == 303);
  // Every 'auto' is resolved to a number in the manifest.
  const auto& spec = contents.manifest.at("spec");
  CHECK(spec["grid"]["cell_size"].is_number());
  CHECK(spec["hotspots"]["distance"].is_number());
  CHECK(spec["density"]["bandwidth"].is_number());
  const auto srs = query_gpkg(p(dir, "uit 't Zand.gpkg"),
                              "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'incidents'");
  CHECK(srs[0][0] == "28992");
  // The bowtie-shaped buurt was repaired and flagged.
  CHECK(query_gpkg(p(dir, "uit 't Zand.gpkg"), "SELECT repaired FROM areas WHERE area_id = 'BU02'")[0][0] == "1");
  // Counts per area add up to the incidents inside areas.
  const auto total = query_gpkg(p(dir, "uit 't Zand.gpkg"), "SELECT SUM(count) FROM area_stats WHERE theme = 'all'");
  const auto inside = query_gpkg(p(dir, "uit 't Zand.gpkg"), "SELECT COUNT(*) FROM incidents WHERE area_id IS NOT NULL");
  CHECK(total[0][0] == inside[0][0]);
}

TEST_CASE("a bad spec fails with exit 1 naming the file, line and key", "[cli][run]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir);
  dir.write("kapot.toml", kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv",
                                                     "[grid]\ncell_sise = 50\n"));
  const auto r = kvo_cli({"run", p(dir, "kapot.toml"), "-q"});
  CHECK(r.code == 1);
  CHECK(r.err.find("kapot.toml:") != std::string::npos);
  CHECK(r.err.find("'grid.cell_sise': unknown key") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "kapot.gpkg"));
}

TEST_CASE("usage errors exit 2 and help exits 0", "[cli][run]") {
  CHECK(kvo_cli({"run"}).code == 2);
  CHECK(kvo_cli({"frobnicate"}).code == 2);
  CHECK(kvo_cli({"--help"}).code == 0);
  CHECK(kvo_cli({"help", "run"}).out.find("--baseline") != std::string::npos);
  CHECK(kvo_cli({"--version"}).out.rfind("kvo ", 0) == 0);
}

TEST_CASE("a batch keeps going after a failing spec and exits 1", "[cli][run]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 120, 80);
  dir.write("stuk.toml", kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "bestaat niet.csv"));
  const auto r = kvo_cli({"run", p(dir, "stuk.toml"), p(dir, "nulmeting.toml"), "-q"});
  CHECK(r.code == 1);
  CHECK(r.out.find("FAILED  " + p(dir, "stuk.toml")) != std::string::npos);
  CHECK(r.out.find("ok  " + p(dir, "nulmeting.toml")) != std::string::npos);
  CHECK(r.out.find("1 of 2 specs done") != std::string::npos);
  CHECK(r.err.find("bestaat niet.csv") != std::string::npos);
  CHECK(fs::exists(dir.path() / "nulmeting.gpkg"));
}

TEST_CASE("a failing run leaves an existing output untouched", "[cli][run]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 120, 80);
  const auto out = dir.write("resultaat.gpkg", "yesterday's output");
  dir.write("stuk.toml", kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv",
                                                    "max_reject_share = 0.001\n"));
  // max_reject_share must stand before the first table: put it in a fresh spec instead.
  dir.write("stuk.toml", "max_reject_share = 0.001\n" + kvo::test::small_town_spec("baseline", "2023-01-01",
                                                                                    "2023-12-31", "politie 2023.csv"));
  const auto r = kvo_cli({"run", p(dir, "stuk.toml"), "-o", out.string(), "-q", "--summary-json", "-"});
  CHECK(r.code == 1);
  CHECK(r.err.find("max_reject_share") != std::string::npos);
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "yesterday's output");
  for (const auto& e : fs::directory_iterator(dir.path())) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("kvo check reports the rejects per reason and writes nothing", "[cli][check]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  const auto r = kvo_cli({"check", p(dir, "nulmeting.toml")});
  CHECK(r.code == 0);
  CHECK(r.out.find("missing_coordinates") != std::string::npos);
  CHECK(r.out.find("bad_date") != std::string::npos);
  CHECK(r.out.find("unknown_code") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "nulmeting.gpkg"));
}

TEST_CASE("kvo run makes a missing output folder, and names one it cannot make", "[cli][run]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir);
  const fs::path out = dir.path() / "uitvoer 's-Hertogenbosch" / "2025" / "uit.gpkg";
  const auto made = kvo_cli({"run", p(dir, "nulmeting.toml"), "-o", out.string(), "--quiet"});
  INFO(made.err);
  REQUIRE(made.code == 0);
  CHECK(read_gpkg_contents(out.string()).layers.size() > 3);
  // A folder below a file cannot be made: the run fails, naming it, and writes nothing.
  std::ofstream(dir.path() / "bestand") << "x";
  const auto failed =
      kvo_cli({"run", p(dir, "nulmeting.toml"), "-o", (dir.path() / "bestand" / "uit.gpkg").string(), "-q"});
  CHECK(failed.code == 1);
  CHECK(failed.err.find("cannot make the output folder") != std::string::npos);
  CHECK(failed.err.find("bestand") != std::string::npos);
}

TEST_CASE("kvo inspect shows each source's read, accepted, rejected, outside and excluded, adding up",
          "[cli][inspect]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  dir.write("scope.toml", kvo::test::small_town_spec_excluding("1.1.1"));
  REQUIRE(kvo_cli({"run", p(dir, "scope.toml"), "-q", "-o", p(dir, "uit.gpkg")}).code == 0);
  const auto r = kvo_cli({"inspect", p(dir, "uit.gpkg")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  // write_small_town: 150 valid rows alternating 2.5.2 and 1.1.1, plus 3 bad rows; 1.1.1 is out of scope.
  std::istringstream lines(r.out);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    if (line.find("politie") == std::string::npos || line.find(" read ") == std::string::npos) continue;
    found = true;
    std::istringstream words(line);
    std::string name, w;
    long long read = 0, accepted = 0, rejected = 0, outside = 0, excluded = 0;
    words >> name >> read >> w >> accepted >> w >> rejected >> w >> outside >> w >> excluded >> w;
    CHECK(w == "excluded");
    CHECK(read == 153);
    CHECK(excluded == 75);
    CHECK(rejected == 3);
    CHECK(read == accepted + rejected + outside + excluded);
  }
  CHECK(found);
}
