#include <catch2/catch.hpp>

#include <sstream>

#include <gdal_priv.h>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::io::read_gpkg_contents;
using kvo::io::sql_literal;
namespace fs = std::filesystem;

namespace {

using kvo::test::kvo_cli;
using kvo::test::Outcome;
constexpr auto p = &kvo::test::path_in;

// Edits a GeoPackage behind kvo's back, as a user with a database tool could.
void tamper(const fs::path& gpkg, const std::string& sql) {
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  REQUIRE(ds);
  CPLErrorReset();
  ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  REQUIRE(CPLGetLastErrorType() < CE_Failure);
}

// The small town's three areas plus `extra` features (GeoJSON text, comma first).
std::string areas_geojson(const std::string& wc01_ring, const std::string& extra = "") {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"WC01","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[)" +
         wc01_ring + R"(]}},
{"type":"Feature","properties":{"code":"BU02","naam":"'s-Gravenhof"},"geometry":{"type":"Polygon","coordinates":[[[150500,410000],[151000,411000],[151000,410000],[150500,411000],[150500,410000]]]}},
{"type":"Feature","properties":{"code":"BU03","naam":"Café-kwartier"},"geometry":{"type":"Polygon","coordinates":[[[150000,410500],[150500,410500],[150500,411000],[150000,411000],[150000,410500]]]}})" +
         extra + "]}";
}
const char* kWc01 = "[[150000,410000],[150500,410000],[150500,410500],[150000,410500],[150000,410000]]";
const char* kAreasFile = "gebieden 's-Hertogenbosch.geojson";

struct Town {
  kvo::test::TempDir dir;
  fs::path baseline;
  Town() {
    kvo::test::write_small_town(dir, 120, 80);
    baseline = dir.path() / "nul 't Zand.gpkg";
    const auto r = kvo_cli({"run", p(dir, "nulmeting.toml"), "-o", baseline.string(), "-q"});
    INFO(r.err);
    REQUIRE(r.code == 0);
  }
  Outcome followup(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run", p(dir, "vervolgmeting.toml"), "--baseline", baseline.string(), "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    return kvo_cli(args);
  }
};

}  // namespace

TEST_CASE("a run records its incidents per period and theme in the manifest", "[cli][baseline]") {
  Town t;
  const auto m = read_gpkg_contents(t.baseline).manifest;
  REQUIRE(m.count("incident_counts"));
  // small_town_police: 120 valid rows in 2023, odd rows shoplifting, even rows burglary.
  CHECK(m.at("incident_counts") == nlohmann::json{{"baseline", {{"burglary", 60}, {"shoplifting", 60}}}});
}

TEST_CASE("an untouched baseline with the same areas runs and says it was verified", "[cli][baseline]") {
  Town t;
  const auto r = t.followup();
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto m = read_gpkg_contents(t.dir.path() / "vervolgmeting.gpkg").manifest;
  CHECK(m.count("method_deviations") == 0);
  CHECK(m.at("baseline")["incident_counts_checked"] == true);
  CHECK(m.at("incident_counts") == nlohmann::json{{"baseline", {{"burglary", 60}, {"shoplifting", 60}}},
                                                  {"followup", {{"burglary", 40}, {"shoplifting", 40}}}});
}

TEST_CASE("a baseline with half its incidents deleted is refused, naming the file and the counts", "[cli][baseline]") {
  Town t;
  // Half of each theme's incidents.
  for (const char* theme : {"shoplifting", "burglary"})
    tamper(t.baseline, std::string("DELETE FROM incidents WHERE fid IN (SELECT fid FROM incidents WHERE theme = '") +
                           theme + "' ORDER BY fid LIMIT 30)");
  REQUIRE(query_gpkg(t.baseline, "SELECT COUNT(*) FROM incidents")[0][0] == "60");
  for (const bool allow : {false, true}) {
    const auto r = allow ? t.followup({"--allow-method-change"}) : t.followup();
    CHECK(r.code == 1);
    CHECK(r.err.find("nul 't Zand.gpkg") != std::string::npos);
    CHECK(r.err.find("incident_counts") != std::string::npos);
    CHECK(r.err.find("period baseline, theme burglary: manifest 60, file 30") != std::string::npos);
    CHECK(r.err.find("period baseline, theme shoplifting: manifest 60, file 30") != std::string::npos);
    CHECK_FALSE(fs::exists(t.dir.path() / "vervolgmeting.gpkg"));
  }
}

TEST_CASE("a baseline whose stored spec was edited is refused", "[cli][baseline]") {
  Town t;
  const auto before = query_gpkg(t.baseline, "SELECT value FROM run_manifest WHERE key = 'spec'");
  REQUIRE(before[0][0].find("Winkelcentrum 't Zand") != std::string::npos);
  tamper(t.baseline, "UPDATE run_manifest SET value = replace(value, " + sql_literal("Winkelcentrum 't Zand") + ", " +
                         sql_literal("Winkelcentrum 't Zand (bijgewerkt)") + ") WHERE key = 'spec'");
  REQUIRE(query_gpkg(t.baseline, "SELECT value FROM run_manifest WHERE key = 'spec'")[0][0] != before[0][0]);
  const auto r = t.followup();
  CHECK(r.code == 1);
  CHECK(r.err.find("nul 't Zand.gpkg") != std::string::npos);
  CHECK(r.err.find("spec_sha256") != std::string::npos);
}

TEST_CASE("a baseline from before incident_counts runs with a warning and is marked unchecked", "[cli][baseline]") {
  Town t;
  tamper(t.baseline, "DELETE FROM run_manifest WHERE key = 'incident_counts'");
  const auto r = t.followup();
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto m = read_gpkg_contents(t.dir.path() / "vervolgmeting.gpkg").manifest;
  CHECK(m.at("baseline")["incident_counts_checked"] == false);
  CHECK(m.at("warnings").dump().find("records no incident_counts") != std::string::npos);
}

TEST_CASE("a follow-up with an extra area is refused, then allowed with its own areas and recorded",
          "[cli][baseline]") {
  Town t;
  t.dir.write(kAreasFile, areas_geojson(kWc01, R"(,
{"type":"Feature","properties":{"code":"KVO 't Spoor","naam":"Stationskwartier 't Spoor"},"geometry":{"type":"Polygon","coordinates":[[[149000,410000],[150000,410000],[150000,411000],[149000,411000],[149000,410000]]]}})"));
  const auto refused = t.followup();
  CHECK(refused.code == 1);
  CHECK(refused.err.find("areas: baseline {}, follow-up {\"only_in_followup\":[\"KVO 't Spoor\"]}") !=
        std::string::npos);
  CHECK(refused.err.find("nul 't Zand.gpkg") != std::string::npos);
  CHECK(refused.err.find("vervolgmeting.toml") != std::string::npos);
  CHECK_FALSE(fs::exists(t.dir.path() / "vervolgmeting.gpkg"));

  const auto allowed = t.followup({"--allow-method-change"});
  INFO(allowed.err);
  REQUIRE(allowed.code == 0);
  const fs::path out = t.dir.path() / "vervolgmeting.gpkg";
  const auto m = read_gpkg_contents(out).manifest;
  REQUIRE(m.count("method_deviations"));
  REQUIRE(m.at("method_deviations").size() == 1);
  CHECK(m.at("method_deviations")[0]["key"] == "areas");
  // The follow-up's four areas are used, for both periods.
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM areas")[0][0] == "4");
  CHECK(query_gpkg(out, "SELECT name FROM areas WHERE area_id = " + sql_literal("KVO 't Spoor"))[0][0] ==
        "Stationskwartier 't Spoor");
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM area_stats WHERE area_id = " + sql_literal("KVO 't Spoor") +
                            " AND theme = 'all' AND period = 'baseline'")[0][0] == "1");
}

TEST_CASE("a follow-up whose area has another geometry under the same id is refused", "[cli][baseline]") {
  Town t;
  // WC01 moved 10 m east.
  t.dir.write(kAreasFile,
              areas_geojson("[[150010,410000],[150510,410000],[150510,410500],[150010,410500],[150010,410000]]"));
  const auto r = t.followup();
  CHECK(r.code == 1);
  CHECK(r.err.find("areas: baseline {\"other_geometry\":[\"WC01\"]}") != std::string::npos);

  // A vertex moved by less than half a millimetre is the same geometry.
  t.dir.write(
      kAreasFile,
      areas_geojson("[[150000.0004,410000],[150500,410000],[150500,410500],[150000,410500],[150000.0004,410000]]"));
  const auto same = t.followup();
  INFO(same.err);
  CHECK(same.code == 0);
}

TEST_CASE("a run stores its output schema version in the manifest", "[cli][baseline][schema]") {
  Town t;
  CHECK(query_gpkg(t.baseline, "SELECT value FROM run_manifest WHERE key = 'schema_version'")[0][0] == "1");
}

TEST_CASE("a baseline of an unknown schema version is refused, naming the version", "[cli][baseline][schema]") {
  Town t;
  tamper(t.baseline, "UPDATE run_manifest SET value = '7' WHERE key = 'schema_version'");
  const auto r = t.followup();
  CHECK(r.code == 1);
  CHECK(r.err.find("nul 't Zand.gpkg") != std::string::npos);
  CHECK(r.err.find("schema is version 7") != std::string::npos);
  CHECK_FALSE(fs::exists(t.dir.path() / "vervolgmeting.gpkg"));
}

TEST_CASE("a baseline from before schema_version is read as version 1", "[cli][baseline][schema]") {
  Town t;
  tamper(t.baseline, "DELETE FROM run_manifest WHERE key = 'schema_version'");
  const auto r = t.followup();
  INFO(r.err);
  CHECK(r.code == 0);
}

TEST_CASE("a baseline missing a field kvo reads is refused, naming layer and field", "[cli][baseline][schema]") {
  Town t;
  // A database tool renaming the column: the reader used to read "" for every theme.
  tamper(t.baseline, "ALTER TABLE incidents RENAME COLUMN theme TO thema");
  const auto r = t.followup({"--allow-method-change"});
  CHECK(r.code == 1);
  CHECK(r.err.find("nul 't Zand.gpkg") != std::string::npos);
  INFO(r.err);
  CHECK(r.err.find("'incidents' layer has no field 'theme'") != std::string::npos);
  CHECK_FALSE(fs::exists(t.dir.path() / "vervolgmeting.gpkg"));
}

TEST_CASE("a run records the method constants that are not spec keys", "[cli][baseline][method]") {
  Town t;
  const auto rows = query_gpkg(t.baseline, "SELECT value FROM run_manifest WHERE key = 'method_constants'");
  REQUIRE(rows.size() == 1);
  const auto j = nlohmann::json::parse(rows[0][0]);
  CHECK(j["survey_confidence"] == 0.95);
  CHECK(j["max_window_hours"] == 168);  // one week: longer windows spread evenly (docs/temporal.md)
  CHECK(j["time_zone"] == "Europe/Amsterdam");
  CHECK(j["cell_size_fallback_m"] == 100);
}

TEST_CASE("a baseline computed with another method constant is refused, naming it", "[cli][baseline][method]") {
  Town t;
  tamper(t.baseline,
         "UPDATE run_manifest SET value = replace(value, '\"survey_confidence\":0.95', '\"survey_confidence\":0.9') "
         "WHERE key = 'method_constants'");
  const auto r = t.followup();
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.err.find("method_constants.survey_confidence") != std::string::npos);
  CHECK_FALSE(fs::exists(t.dir.path() / "vervolgmeting.gpkg"));
  // Allowed, the difference is recorded in the follow-up's manifest.
  const auto allowed = t.followup({"--allow-method-change", "-o", p(t.dir, "vervolg.gpkg")});
  INFO(allowed.err);
  REQUIRE(allowed.code == 0);
  const auto deviations = nlohmann::json::parse(query_gpkg(
      t.dir.path() / "vervolg.gpkg", "SELECT value FROM run_manifest WHERE key = 'method_deviations'")[0][0]);
  bool found = false;
  for (const auto& d : deviations)
    found |= d["key"] == "method_constants.survey_confidence" && d["baseline"] == "0.9" && d["followup"] == "0.95";
  CHECK(found);
}

TEST_CASE("a baseline from before method_constants is read with the version-1 constants", "[cli][baseline][method]") {
  Town t;
  tamper(t.baseline, "DELETE FROM run_manifest WHERE key = 'method_constants'");
  const auto r = t.followup();
  INFO(r.err);
  CHECK(r.code == 0);
}
