#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/temp_dir.hpp"

// Schouw (walk-through) findings are not incidents (issue 11, point 2): hand-made town
// with police and schouw records in two areas and two periods, run in process.

using kvo::io::query_gpkg;
using kvo::io::read_gpkg_contents;

namespace {

// WC01 is x 150000–150500, BU03 x 150500–151000 (both y 410000–410500).
const char* kAreas =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"WC01","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[150500,410000],[150500,410500],[150000,410500],[150000,410000]]]}},
{"type":"Feature","properties":{"code":"BU03","naam":"Café-kwartier"},"geometry":{"type":"Polygon","coordinates":[[[150500,410000],[151000,410000],[151000,410500],[150500,410500],[150500,410000]]]}}]})";

std::string spec(const std::string& schouw_extra, const std::string& police = "politie.csv") {
  // The follow-up test reads the same files: the other year's rows are outside_period rejects.
  return "title = \"Schouw\"\nas_of = 2026-01-31\nmax_reject_share = 0.9\n"
         "[areas]\npath = \"gebieden.geojson\"\nid = \"code\"\nname = \"naam\"\n"
         "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n"
         "[periods.followup]\nfrom = 2025-01-01\nto = 2025-12-31\n"
         "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"" +
         police +
         "\"\n"
         "x = \"x\"\ny = \"y\"\nid = \"nr\"\nstart = [\"datum\", \"tijd\"]\ncode = \"klasse\"\n"
         "taxonomy = \"politie_tax.csv\"\n"
         "[[sources]]\nname = \"schouw\"\nkind = \"observation\"\npath = \"schouw.csv\"\n"
         "x = \"x\"\ny = \"y\"\nid = \"id\"\nstart = \"datum\"\ncode = \"categorie\"\nremark = \"opmerking\"\n"
         "taxonomy = \"schouw_tax.csv\"\n" +
         schouw_extra + "[hotspots]\nenabled = false\n[density]\nenabled = false\n";
}

// Police: WC01 4 shoplifting in 2023 and 6 in 2025, BU03 2 in 2023 and 2 in 2025 (all timed).
// Schouw: WC01 3 graffiti in 2023 and 9 in 2025, BU03 1 litter in 2023 (date only).
void write_town(const kvo::test::TempDir& dir) {
  dir.write("gebieden.geojson", kAreas);
  dir.write("politie_tax.csv", "code,label,theme\nWD,Winkeldiefstal,shoplifting\n");
  dir.write("schouw_tax.csv", "code,label,theme\nGR,Graffiti,vandalism\nZV,Zwerfvuil,maintenance\n");
  std::string p = "nr,datum,tijd,klasse,x,y\n";
  int n = 0;
  auto police = [&](const char* date, double x, int count) {
    for (int i = 0; i < count; ++i)
      p += "P" + std::to_string(++n) + "," + date + ",14:" + std::to_string(10 + i) + ",WD," + std::to_string(x + i) +
           ",410200\n";
  };
  police("2023-05-02", 150100, 4);
  police("2025-05-06", 150100, 6);
  police("2023-06-01", 150700, 2);
  police("2025-06-05", 150700, 2);
  dir.write("politie.csv", p);
  std::string s = "id,datum,categorie,opmerking,x,y\n";
  auto schouw = [&](const char* date, const char* code, double x, int count) {
    for (int i = 0; i < count; ++i)
      s += "S" + std::to_string(++n) + "," + date + "," + code + ",\"Tag op gevel, 't Zand\"," +
           std::to_string(x + 2 * i) + ",410300\n";
  };
  schouw("2023-09-12", "GR", 150200, 3);
  schouw("2025-09-16", "GR", 150200, 9);
  schouw("2023-09-12", "ZV", 150800, 1);
  dir.write("schouw.csv", s);
}

int run_kvo(const kvo::test::TempDir& dir, const std::string& spec_name, const std::string& out) {
  std::ostringstream o, e;
  const int code =
      kvo::cli::run({"run", (dir.path() / spec_name).string(), "-o", (dir.path() / out).string(), "--quiet"}, o, e);
  INFO(e.str());
  return code;
}

std::string one(const std::filesystem::path& gpkg, const std::string& sql) {
  const auto rows = query_gpkg(gpkg, sql);
  return rows.empty() || rows[0].empty() ? std::string("(no row)") : rows[0][0];
}

}  // namespace

TEST_CASE("schouw findings stay out of area_stats and area_change and get their own rows", "[cli][observations]") {
  kvo::test::TempDir dir;
  write_town(dir);
  dir.write("spec.toml", spec(""));
  REQUIRE(run_kvo(dir, "spec.toml", "uit.gpkg") == 0);
  const auto out = dir.path() / "uit.gpkg";
  // Incident statistics hold the police records only.
  CHECK(one(out, "SELECT count FROM area_stats WHERE area_id = 'WC01' AND period = 'baseline' AND theme = 'all'") ==
        "4");
  CHECK(one(out, "SELECT count FROM area_stats WHERE area_id = 'WC01' AND period = 'followup' AND theme = 'all'") ==
        "6");
  CHECK(one(out, "SELECT SUM(count) FROM area_stats WHERE theme = 'vandalism'") == "0");
  CHECK(one(out,
            "SELECT count_baseline || '/' || count_followup FROM area_change WHERE area_id = 'WC01' AND "
            "theme = 'all'") == "4/6");
  CHECK(
      one(out, "SELECT COUNT(*) FROM area_change WHERE theme = 'vandalism' AND count_baseline + count_followup > 0") ==
      "0");
  // The hour profile spreads exactly the 14 police records.
  CHECK(std::stod(one(out, "SELECT SUM(weight) FROM temporal_profile WHERE theme = 'all'")) == Approx(14.0));
  // The schouw findings have their own counts (same layout as area_stats) and change rows.
  CHECK(one(out,
            "SELECT count FROM observation_stats WHERE area_id = 'WC01' AND period = 'baseline' AND "
            "theme = 'vandalism'") == "3");
  CHECK(one(out,
            "SELECT count FROM observation_stats WHERE area_id = 'WC01' AND period = 'followup' AND "
            "theme = 'all'") == "9");
  CHECK(one(out,
            "SELECT count FROM observation_stats WHERE area_id = 'BU03' AND period = 'baseline' AND "
            "theme = 'maintenance'") == "1");
  // 3 → 9 over equal years: rate ratio 3, exact conditional binomial test as area_change.
  CHECK(one(out,
            "SELECT count_baseline || '/' || count_followup FROM observation_change WHERE area_id = 'WC01' AND "
            "theme = 'vandalism'") == "3/9");
  CHECK(
      std::stod(one(out, "SELECT rate_ratio FROM observation_change WHERE area_id = 'WC01' AND theme = 'vandalism'")) ==
      Approx(3.0 * (365.0 / 365.0)).epsilon(0.01));
  // Every record is still written once: police in incidents, schouw in observations.
  CHECK(one(out, "SELECT COUNT(*) FROM incidents") == "14");
  CHECK(one(out, "SELECT COUNT(*) FROM observations") == "13");
  CHECK(one(out, "SELECT COUNT(*) FROM observations WHERE remark = 'Tag op gevel, ''t Zand'") == "13");
  const auto contents = read_gpkg_contents(out);
  CHECK(contents.manifest.at("observations")["kept_apart"] == 13);
  CHECK(contents.manifest.at("spec")["sources"][1]["count_as_incidents"] == false);
  // Both new layers are styled and in the embedded QGIS project.
  CHECK(one(out, "SELECT COUNT(*) FROM layer_styles WHERE f_table_name = 'observation_stats' AND useAsDefault") != "0");
  CHECK(one(out, "SELECT COUNT(*) FROM layer_styles WHERE f_table_name = 'observation_change' AND useAsDefault") ==
        "1");
}

TEST_CASE("count_as_incidents = true puts the schouw findings back into the incident statistics",
          "[cli][observations]") {
  kvo::test::TempDir dir;
  write_town(dir);
  dir.write("spec.toml", spec("count_as_incidents = true\n"));
  REQUIRE(run_kvo(dir, "spec.toml", "uit.gpkg") == 0);
  const auto out = dir.path() / "uit.gpkg";
  CHECK(one(out, "SELECT count FROM area_stats WHERE area_id = 'WC01' AND period = 'baseline' AND theme = 'all'") ==
        "7");
  CHECK(
      one(out, "SELECT count FROM area_stats WHERE area_id = 'WC01' AND period = 'followup' AND theme = 'vandalism'") ==
      "9");
  CHECK(one(out,
            "SELECT count_baseline || '/' || count_followup FROM area_change WHERE area_id = 'WC01' AND "
            "theme = 'all'") == "7/15");
  CHECK(std::stod(one(out, "SELECT SUM(weight) FROM temporal_profile WHERE theme = 'all'")) == Approx(27.0));
  CHECK(one(out, "SELECT COUNT(*) FROM gpkg_contents WHERE table_name LIKE 'observation\\_%' ESCAPE '\\'") == "0");
  CHECK(one(out, "SELECT COUNT(*) FROM observations") == "13");
  CHECK(read_gpkg_contents(out).manifest.at("spec")["sources"][1]["count_as_incidents"] == true);
}

TEST_CASE("a follow-up keeps the baseline's schouw findings apart as well", "[cli][observations]") {
  kvo::test::TempDir dir;
  write_town(dir);
  auto only = [](std::string s, const char* drop) {
    const auto at = s.find(drop);
    return s.replace(at, std::string(drop).size(), "");
  };
  dir.write("nul.toml", only(spec(""), "[periods.followup]\nfrom = 2025-01-01\nto = 2025-12-31\n"));
  // The follow-up reads only 2025 rows (it re-reads its sources for both periods otherwise).
  for (const char* name : {"politie.csv", "schouw.csv"}) {
    std::ifstream in(dir.path() / name);
    std::string line, kept;
    for (bool header = true; std::getline(in, line); header = false)
      if (header || line.find(",2025-") != std::string::npos) kept += line + "\n";
    dir.write(std::string("2025_") + name, kept);
  }
  std::string followup = only(spec("", "2025_politie.csv"), "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n");
  followup.replace(followup.find("\"schouw.csv\""), 12, "\"2025_schouw.csv\"");
  dir.write("vervolg.toml", followup);
  REQUIRE(run_kvo(dir, "nul.toml", "nul.gpkg") == 0);
  std::ostringstream o, e;
  REQUIRE(kvo::cli::run({"run", (dir.path() / "vervolg.toml").string(), "--baseline",
                         (dir.path() / "nul.gpkg").string(), "-o", (dir.path() / "vervolg.gpkg").string(), "--quiet"},
                        o, e) == 0);
  const auto out = dir.path() / "vervolg.gpkg";
  CHECK(one(out,
            "SELECT count_baseline || '/' || count_followup FROM area_change WHERE area_id = 'WC01' AND "
            "theme = 'all'") == "4/6");
  CHECK(one(out,
            "SELECT count_baseline || '/' || count_followup FROM observation_change WHERE area_id = 'WC01' AND "
            "theme = 'vandalism'") == "3/9");
  CHECK(one(out, "SELECT COUNT(*) FROM observations") == "13");

  // Counting the schouw in as incidents in the follow-up only would change every incident
  // statistic: the lock refuses it, naming the key.
  dir.write("vervolg.toml", followup.replace(followup.find("taxonomy = \"schouw_tax.csv\""), 27,
                                             "taxonomy = \"schouw_tax.csv\"\ncount_as_incidents = true"));
  std::ostringstream o2, e2;
  CHECK(kvo::cli::run({"run", (dir.path() / "vervolg.toml").string(), "--baseline", (dir.path() / "nul.gpkg").string(),
                       "-o", (dir.path() / "vervolg2.gpkg").string(), "--quiet"},
                      o2, e2) != 0);
  CHECK(e2.str().find("sources.schouw.count_as_incidents: baseline false, follow-up true") != std::string::npos);
}

TEST_CASE("records with a date but no time spread over their whole day, without a 00:00 peak",
          "[cli][observations][temporal]") {
  kvo::test::TempDir dir;
  write_town(dir);
  // 24 police records on Tuesday 2023-02-07 and 23 on Sunday 2023-03-26 (clocks go forward:
  // a 23-hour day), all with an empty time field.
  std::string p = "nr,datum,tijd,klasse,x,y\n";
  for (int i = 0; i < 24; ++i) p += "T" + std::to_string(i) + ",2023-02-07,,WD,150100,410200\n";
  for (int i = 0; i < 23; ++i) p += "S" + std::to_string(i) + ",2023-03-26,,WD,150100,410200\n";
  dir.write("datum.csv", p);
  dir.write("spec.toml", spec("", "datum.csv"));
  REQUIRE(run_kvo(dir, "spec.toml", "uit.gpkg") == 0);
  const auto out = dir.path() / "uit.gpkg";
  auto weight = [&](int weekday, int hour) {
    return std::stod(
        one(out,
            "SELECT COALESCE(SUM(weight), 0) FROM temporal_profile WHERE area_id = 'WC01' AND period = 'baseline' AND "
            "theme = 'all' AND weekday = " +
                std::to_string(weekday) + " AND hour = " + std::to_string(hour)));
  };
  // Tuesday: 24 records × 1/24 in each of its 24 hours; 00:00 is no busier than noon.
  CHECK(weight(1, 0) == Approx(1.0));
  CHECK(weight(1, 12) == Approx(1.0));
  CHECK(weight(1, 23) == Approx(1.0));
  // Sunday of the spring change: 23 records × 1/23 in each real hour; 02:00 does not exist.
  CHECK(weight(6, 0) == Approx(1.0));
  CHECK(weight(6, 1) == Approx(1.0));
  CHECK(weight(6, 2) == Approx(0.0).margin(1e-12));
  CHECK(weight(6, 3) == Approx(1.0));
  CHECK(weight(6, 23) == Approx(1.0));
  CHECK(weight(0, 0) == Approx(0.0).margin(1e-12));
  // The layer is sparse: hours without weight (Monday, Sunday 02:00) have no row.
  CHECK(one(out,
            "SELECT COUNT(*) FROM temporal_profile WHERE theme = 'all' AND (weekday = 0 OR (weekday = 6 AND hour = "
            "2))") == "0");
  CHECK(one(out, "SELECT COUNT(*) FROM temporal_profile WHERE area_id = 'WC01' AND theme = 'all'") == "47");
  const auto contents = read_gpkg_contents(out);
  CHECK(contents.manifest.at("temporal_profile")["whole_day_windows"] == 47);  // the schouw is not in it
  CHECK(contents.manifest.at("sources")[0]["time_unknown"] == 47);
  CHECK(contents.manifest.at("sources")[1]["time_unknown"] == 13);
  // The report names no busiest hour for this flat profile (it used to say Tue 0:00–1:00).
  std::ostringstream o, e;
  REQUIRE(kvo::cli::run({"report", out.string(), "-o", (dir.path() / "rapport.html").string()}, o, e) == 0);
  std::ifstream in(dir.path() / "rapport.html");
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(html.find("Busiest hour") == std::string::npos);
  CHECK(html.find("No single busiest hour: 47 hours share the highest weight.") != std::string::npos);
}
