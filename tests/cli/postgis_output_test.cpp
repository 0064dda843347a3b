// `kvo run -o PG:…` and `kvo export OUT.gpkg -o PG:…` against a real PostgreSQL + PostGIS
// server started for the test (a ctest skip without the Debian packages).

#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/postgis_server.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;
using kvo::test::PostgisServer;
namespace fs = std::filesystem;

namespace {

constexpr auto p = &kvo::test::path_in;

std::vector<std::string> gpkg_tables(const fs::path& gpkg, const std::string& data_types) {
  std::vector<std::string> out;
  for (const auto& r : query_gpkg(gpkg,
                                  "SELECT table_name FROM gpkg_contents WHERE table_name <> 'layer_styles' "
                                  "AND data_type IN (" +
                                      data_types + ")"))
    out.push_back(r[0]);
  return out;
}

struct RasterTotals {
  double sum = 0, west = 0, north = 0, east = 0, south = 0;
  long long cells = 0;
};

// The data cells of a GeoPackage raster, read with GDAL.
RasterTotals gpkg_raster(const fs::path& gpkg, const std::string& table) {
  const std::string name = "GPKG:" + gpkg.string() + ":" + table;
  GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  REQUIRE(ds);
  const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
  std::vector<float> cells(static_cast<std::size_t>(cols) * rows);
  REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, cols, rows, cells.data(), cols, rows, GDT_Float32, 0, 0) ==
          CE_None);
  const double nodata = ds->GetRasterBand(1)->GetNoDataValue();
  double gt[6];
  ds->GetGeoTransform(gt);
  RasterTotals t;
  for (float v : cells)
    if (v != static_cast<float>(nodata)) t.sum += v, ++t.cells;
  t.west = gt[0], t.north = gt[3], t.east = gt[0] + cols * gt[1], t.south = gt[3] + rows * gt[5];
  return t;
}

double number(const std::string& text) {
  return std::stod(text);
}

// Every table, raster and style of the GeoPackage is in the schema, with the same rows.
void check_published(const PostgisServer& pg, const fs::path& gpkg, const std::string& schema) {
  for (const auto& table : gpkg_tables(gpkg, "'features', 'attributes'")) {
    INFO("table " << table);
    CHECK(pg.psql("SELECT count(*) FROM " + schema + "." + table) ==
          query_gpkg(gpkg, "SELECT count(*) FROM \"" + table + "\"")[0][0]);
  }
  CHECK(pg.psql("SELECT sum(count) FROM " + schema + ".area_stats") ==
        query_gpkg(gpkg, "SELECT sum(count) FROM area_stats")[0][0]);
  CHECK(pg.psql("SELECT count(*) FROM " + schema + ".areas WHERE name = $$Winkelcentrum 't Zand$$") == "1");
  CHECK(pg.psql("SELECT count(*) FROM " + schema + ".areas WHERE name = $$'s-Gravenhof$$") == "1");
  CHECK(pg.psql("SELECT type, srid FROM geometry_columns WHERE f_table_schema = '" + schema +
                "' AND f_table_name = 'areas'") == "MULTIPOLYGON|28992");
  const auto rasters = gpkg_tables(gpkg, "'2d-gridded-coverage'");
  REQUIRE(!rasters.empty());
  for (const auto& table : rasters) {
    INFO("raster " << table);
    const RasterTotals want = gpkg_raster(gpkg, table);
    const std::string got = pg.psql("SELECT (s).sum, (s).count FROM (SELECT ST_SummaryStatsAgg(rast, 1, true) s FROM " +
                                    schema + "." + table + ") q");
    const auto bar = got.find('|');
    CHECK(number(got.substr(0, bar)) == Approx(want.sum).epsilon(1e-9));
    CHECK(std::stoll(got.substr(bar + 1)) == want.cells);
    const std::string box = pg.psql(
        "SELECT srid, ST_XMin(extent), ST_YMax(extent), ST_XMax(extent), ST_YMin(extent) FROM raster_columns "
        "WHERE r_table_schema = '" +
        schema + "' AND r_table_name = '" + table + "'");
    std::vector<std::string> f;
    for (std::size_t at = 0, bar2; at <= box.size(); at = bar2 + 1) {
      bar2 = box.find('|', at);
      if (bar2 == std::string::npos) bar2 = box.size();
      f.push_back(box.substr(at, bar2 - at));
    }
    REQUIRE(f.size() == 5);
    CHECK(f[0] == "28992");
    CHECK(number(f[1]) == Approx(want.west).margin(1e-6));
    CHECK(number(f[2]) == Approx(want.north).margin(1e-6));
    CHECK(number(f[3]) == Approx(want.east).margin(1e-6));
    CHECK(number(f[4]) == Approx(want.south).margin(1e-6));
  }
  // The QGIS styles: every row of the GeoPackage's layer_styles, for this schema.
  CHECK(pg.psql("SELECT count(*) FROM public.layer_styles WHERE f_table_catalog = current_database() AND "
                "f_table_schema = '" +
                schema + "'") == query_gpkg(gpkg, "SELECT count(*) FROM layer_styles")[0][0]);
  CHECK(pg.psql("SELECT f_geometry_column, useasdefault FROM public.layer_styles WHERE f_table_schema = '" + schema +
                "' AND f_table_name = 'areas'") == "geom|t");
  CHECK(pg.psql("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = '" + schema +
                "' AND f_table_name = 'run_manifest' AND f_geometry_column IS NULL") == "1");
  CHECK(pg.psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%kvo_new'") == "0");
}

}  // namespace

TEST_CASE("kvo run -o PG: writes every layer, raster and QGIS style of the GeoPackage into one schema",
          "[cli][postgis]") {
  PostgisServer pg;
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  const auto r = kvo_cli(
      {"run", p(dir, "nulmeting.toml"), "-q", "-o", pg.target("active_schema=nulmeting"), "--summary-json", "-"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  check_published(pg, dir.path() / "nul.gpkg", "nulmeting");
  const auto summary = nlohmann::json::parse(r.out);
  CHECK(summary["output"].get<std::string>().find("(schema nulmeting)") != std::string::npos);
  // The table descriptions of the GeoPackage are the tables' comments.
  CHECK(pg.psql("SELECT obj_description('nulmeting.rejects'::regclass)") == "Rejected records with a reason code");

  // A follow-up against the baseline GeoPackage, into its own schema.
  REQUIRE(kvo_cli({"run", p(dir, "vervolgmeting.toml"), "-q", "--baseline", p(dir, "nul.gpkg"), "-o",
                   p(dir, "vervolg.gpkg")})
              .code == 0);
  const auto f = kvo_cli({"run", p(dir, "vervolgmeting.toml"), "-q", "--baseline", p(dir, "nul.gpkg"), "-o",
                          pg.target("active_schema=vervolg")});
  INFO(f.err);
  REQUIRE(f.code == 0);
  check_published(pg, dir.path() / "vervolg.gpkg", "vervolg");
  CHECK(pg.psql("SELECT count(*) FROM vervolg.area_change") != "0");
}

TEST_CASE("A PostGIS output replaces only its own schema, and never shows the password", "[cli][postgis]") {
  PostgisServer pg;
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 120, 60);
  // A layer_styles table as older QGIS versions made it (names of at most 30 characters).
  pg.psql(
      "CREATE TABLE public.layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, "
      "f_table_name varchar, f_geometry_column varchar, stylename varchar(30), styleqml xml, stylesld xml, "
      "useasdefault boolean, description text, owner varchar(30), ui xml, update_time timestamp DEFAULT now())");
  // Without active_schema the schema is named after the spec file.
  fs::copy_file(dir.path() / "nulmeting.toml", dir.path() / "Winkelcentrum 't Zand.toml");
  const auto first = kvo_cli({"run", p(dir, "Winkelcentrum 't Zand.toml"), "-q", "-o", pg.target("password=geheim")});
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(first.out.find("geheim") == std::string::npos);
  CHECK(first.out.find("password=***") != std::string::npos);
  CHECK(first.out.find("(schema winkelcentrum_t_zand)") != std::string::npos);
  const std::string styles = pg.psql("SELECT count(*) FROM layer_styles WHERE f_table_schema = 'winkelcentrum_t_zand'");
  const std::string incidents = pg.psql("SELECT count(*) FROM winkelcentrum_t_zand.incidents");
  CHECK(pg.psql("SELECT max(length(stylename)) FROM layer_styles") == "30");
  CHECK(pg.psql("SELECT stylename FROM layer_styles WHERE f_table_name = 'hotspot_cells' AND useasdefault") ==
        "kvo: Hot spots (Gi*) – Baselin");
  // A second run replaces the tables and the styles (no second set).
  REQUIRE(kvo_cli({"run", p(dir, "Winkelcentrum 't Zand.toml"), "-q", "-o", pg.target()}).code == 0);
  CHECK(pg.psql("SELECT count(*) FROM layer_styles WHERE f_table_schema = 'winkelcentrum_t_zand'") == styles);
  CHECK(pg.psql("SELECT count(*) FROM winkelcentrum_t_zand.incidents") == incidents);

  // A schema that is not a kvo output is left alone, before anything is computed.
  pg.psql("CREATE SCHEMA winkels; CREATE TABLE winkels.panden (id integer); INSERT INTO winkels.panden VALUES (7)");
  const auto refused = kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", pg.target("active_schema=winkels")});
  CHECK(refused.code != 0);
  CHECK(refused.err.find("not a kvo output") != std::string::npos);
  CHECK(pg.psql("SELECT id FROM winkels.panden") == "7");
  CHECK(pg.psql("SELECT count(*) FROM layer_styles WHERE f_table_schema = 'winkels'") == "0");
  // An unreachable database fails the run with the target, without its password.
  const auto down =
      kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", "PG:host=/nonexistent dbname=kvo password=geheim"});
  CHECK(down.code != 0);
  CHECK(down.err.find("cannot connect to PostgreSQL") != std::string::npos);
  CHECK(down.err.find("geheim") == std::string::npos);
  // A baseline is read from its GeoPackage.
  const auto baseline = kvo_cli({"run", p(dir, "vervolgmeting.toml"), "--baseline", pg.target()});
  CHECK(baseline.code != 0);
  CHECK(baseline.err.find("a baseline is read from its GeoPackage") != std::string::npos);
}

TEST_CASE("kvo export publishes a finished GeoPackage to PostGIS", "[cli][postgis]") {
  PostgisServer pg;
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nulmeting 2023.gpkg")}).code == 0);
  const auto r = kvo_cli({"export", p(dir, "nulmeting 2023.gpkg"), "-o", pg.target()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("(schema nulmeting_2023: ") != std::string::npos);
  check_published(pg, dir.path() / "nulmeting 2023.gpkg", "nulmeting_2023");
  // Not a kvo output: nothing is published.
  dir.write("leeg.gpkg", "");
  CHECK(kvo_cli({"export", p(dir, "leeg.gpkg"), "-o", pg.target()}).code != 0);
  CHECK(pg.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'leeg'") == "0");
}

TEST_CASE("QGIS opens the PostGIS layers with their kvo styles", "[cli][postgis][qgis]") {
  if (!fs::exists("/usr/bin/python3") || kvo::test::run_command("/usr/bin/python3 -c 'import qgis.core'").status != 0)
    kvo::test::skip_test("python3-qgis is not installed (Debian package python3-qgis)");
  PostgisServer pg;
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", pg.target("active_schema=nulmeting")}).code == 0);
  const fs::path script = dir.write("probe.py", R"py(
import json, sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsRasterLayer, QgsDataSourceUri
app = QgsApplication([], False)
app.initQgis()
out = {}
def uri(table, geom):
    u = QgsDataSourceUri(sys.argv[1])
    u.setDataSource('nulmeting', table, geom, '', 'fid' if geom != 'rast' else '')
    return u.uri(False)
for table in ['areas', 'incidents', 'hotspot_cells', 'area_stats']:
    layer = QgsVectorLayer(uri(table, 'geom'), table, 'postgres')
    r = layer.renderer()
    out[table] = {'valid': layer.isValid(), 'features': layer.featureCount(), 'renderer': r.type() if r else ''}
raster = QgsRasterLayer(uri('density_baseline', 'rast'), 'density', 'postgresraster')
out['density_baseline'] = {'valid': raster.isValid()}
print('KVO-JSON ' + json.dumps(out))
app.exitQgis()
)py");
  const auto r =
      kvo::test::run_command("QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/python3 " +
                             kvo::test::shell_quote(script.string()) + " " + kvo::test::shell_quote(pg.conninfo()));
  const auto at = r.output.find("KVO-JSON ");
  INFO(r.output);
  REQUIRE(at != std::string::npos);
  const auto j = nlohmann::json::parse(r.output.substr(at + 9, r.output.find('\n', at) - at - 9));
  for (const char* t : {"areas", "incidents", "hotspot_cells", "area_stats"}) {
    INFO(t);
    CHECK(j[t]["valid"] == true);
    CHECK(std::to_string(j[t]["features"].get<long long>()) ==
          pg.psql(std::string("SELECT count(*) FROM nulmeting.") + t));
  }
  // The default styles come from public.layer_styles (a plain layer would be singleSymbol).
  CHECK(j["incidents"]["renderer"] == "categorizedSymbol");
  CHECK(j["hotspot_cells"]["renderer"] == "RuleRenderer");
  CHECK(j["density_baseline"]["valid"] == true);
}
