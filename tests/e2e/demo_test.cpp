// The bundled demo (data/demo, made by kvo_generate demo) run end to end: the planted bad
// rows come back as rejects, counts add up, and the follow-up finds the planted changes.
#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using kvo::io::query_gpkg;

namespace {

const fs::path kDemo = fs::path(KVO_SOURCE_DIR) / "data" / "demo";

// Runs the baseline and follow-up once for all tests of this file.
struct DemoRun {
  kvo::test::TempDir dir;
  fs::path baseline, followup;
  int baseline_code = -1, followup_code = -1;
  DemoRun() {
    baseline = dir.path() / "nulmeting.gpkg";
    followup = dir.path() / "vervolgmeting.gpkg";
    std::ostringstream out, err;
    baseline_code = kvo::cli::run({"run", (kDemo / "nulmeting.toml").string(), "-o", baseline.string(), "-q"}, out, err);
    followup_code = kvo::cli::run({"run", (kDemo / "vervolgmeting.toml").string(), "-o", followup.string(), "--baseline",
                                   baseline.string(), "-q"},
                                  out, err);
  }
};

DemoRun& demo() {
  static DemoRun run;
  return run;
}

using RejectKey = std::tuple<std::string, long long, std::string>;

std::set<RejectKey> expected_rejects(const std::set<std::string>& files) {
  std::set<RejectKey> out;
  std::ifstream in(kDemo / "expected_rejects.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream s(line);
    std::string file, row, reason;
    std::getline(s, file, ',');
    std::getline(s, row, ',');
    std::getline(s, reason, ',');
    if (!reason.empty() && reason.back() == '\r') reason.pop_back();
    if (files.count(file)) out.insert({file, std::stoll(row), reason});
  }
  return out;
}

std::set<RejectKey> actual_rejects(const fs::path& gpkg) {
  const auto contents = kvo::io::read_gpkg_contents(gpkg);
  std::map<std::string, std::string> file_of;
  for (const auto& s : contents.manifest.at("sources"))
    file_of[s["name"]] = fs::path(s["path"].get<std::string>()).filename().string();
  std::set<RejectKey> out;
  for (const auto& r : query_gpkg(gpkg, "SELECT source, row, reason FROM rejects"))
    out.insert({file_of[r[0]], std::stoll(r[1]), r[2]});
  return out;
}

}  // namespace

TEST_CASE("the demo baseline rejects exactly the planted bad rows, with their reasons", "[e2e][demo]") {
  REQUIRE(demo().baseline_code == 0);
  const auto expected = expected_rejects({"politie_2023.csv", "brandweer_2023.xlsx", "schouw_2023.geojson"});
  REQUIRE_FALSE(expected.empty());
  CHECK(actual_rejects(demo().baseline) == expected);
}

TEST_CASE("the demo follow-up rejects exactly its planted bad rows", "[e2e][demo]") {
  REQUIRE(demo().followup_code == 0);
  const auto expected = expected_rejects({"politie_2025.csv", "brandweer_2025.xlsx", "schouw_2025.geojson"});
  CHECK(actual_rejects(demo().followup) == expected);
}

TEST_CASE("for every demo source read = accepted + rejected + excluded, and the layers hold them", "[e2e][demo]") {
  REQUIRE(demo().baseline_code == 0);
  const auto contents = kvo::io::read_gpkg_contents(demo().baseline);
  long long accepted = 0, rejected = 0, respondents = 0;
  for (const auto& s : contents.manifest.at("sources")) {
    CHECK(s["read"].get<long long>() ==
          s["accepted"].get<long long>() + s["rejected"].get<long long>() + s["excluded"].get<long long>());
    // Only the fire brigade's assistance calls are out of scope: 6 + 4 + 8 + 3 in 2023
    // (data/generator/demo_fire.cpp), every one a Hulpverlening classification.
    const long long excluded = s["kind"] == "fire" ? 21 : 0;
    CHECK(s["excluded"].get<long long>() == excluded);
    long long by_code = 0;
    for (const auto& [code, n] : s["excluded_codes"].items()) {
      CHECK(code.rfind("Hulpverlening / ", 0) == 0);
      by_code += n.get<long long>();
    }
    CHECK(by_code == excluded);
    (s["kind"] == "survey" ? respondents : accepted) += s["accepted"].get<long long>();
    rejected += s["rejected"].get<long long>();
  }
  CHECK(respondents == contents.manifest.at("survey")["respondents"].get<long long>());
  std::map<std::string, long long> rows;
  for (const auto& l : contents.layers) rows[l.name] = l.features;
  CHECK(rows["incidents"] + rows["observations"] == accepted);
  CHECK(rows["rejects"] == rejected);
  CHECK(rows["areas"] >= 30);
  const auto repaired = query_gpkg(demo().baseline, "SELECT COUNT(*) FROM areas WHERE repaired = 1");
  CHECK(repaired[0][0] == "1");
  const auto srs = query_gpkg(demo().baseline, "SELECT DISTINCT srs_id FROM gpkg_contents WHERE srs_id IS NOT NULL AND srs_id > 0");
  REQUIRE(srs.size() == 1);
  CHECK(srs[0][0] == "28992");
}

TEST_CASE("the demo follow-up finds the planted area changes", "[e2e][demo]") {
  REQUIRE(demo().followup_code == 0);
  auto change = [&](const std::string& name, const std::string& theme) {
    const auto r = query_gpkg(demo().followup, "SELECT change FROM area_change WHERE name = " + kvo::io::sql_literal(name) +
                                                   " AND theme = " + kvo::io::sql_literal(theme));
    return r.empty() ? std::string("(missing)") : r[0][0];
  };
  CHECK(change("Winkelcentrum 't Zand", "shoplifting") == "decrease");
  CHECK(change("Bedrijventerrein De Hoek", "vandalism") == "increase");
}

namespace {
// Change classes of a theme's cells within `radius` metres of a planted hotspot centre.
std::map<std::string, int> classes_near(const std::string& theme, double x, double y, double radius) {
  std::map<std::string, int> out;
  const std::string sql = "SELECT change_class, COUNT(*) FROM cell_change WHERE theme = " + kvo::io::sql_literal(theme) +
                          " AND ST_Intersects(geom, ST_Buffer(MakePoint(" + std::to_string(x) + ", " +
                          std::to_string(y) + ", 28992), " + std::to_string(radius) + ")) GROUP BY change_class";
  for (const auto& r : query_gpkg(demo().followup, sql)) out[r[0]] = std::stoi(r[1]);
  return out;
}
}  // namespace

// Planted hotspots (data/demo/README.md): (a) shoplifting at (152860, 413120) shrank
// 150 → 50, (b) bicycle theft at (153380, 412740) persisted, (c) vandalism at
// (155050, 414450) appeared in 2025.
TEST_CASE("the demo follow-up classifies the planted hotspots as shrunk, persistent and new", "[e2e][demo]") {
  REQUIRE(demo().followup_code == 0);
  const auto a = classes_near("shoplifting", 152860, 413120, 60);
  CHECK(a.count("diminishing_hotspot") + a.count("former_hotspot") > 0);
  CHECK(a.count("persistent_hotspot") + a.count("intensifying_hotspot") + a.count("new_hotspot") == 0);
  const auto b = classes_near("bicycle_theft", 153380, 412740, 60);
  CHECK(b.count("persistent_hotspot") == 1);
  CHECK(b.size() == 1);
  const auto c = classes_near("vandalism", 155050, 414450, 60);
  CHECK(c.count("new_hotspot") == 1);
  CHECK(c.count("diminishing_hotspot") + c.count("former_hotspot") + c.count("persistent_hotspot") == 0);
}

// The survey waves plant a drop in feeling unsafe in the shopping area: weighted share
// 0.3559 (2023) → 0.1800 (2025), a change of −0.1759 (data/demo/README.md).
TEST_CASE("the demo survey finds the planted drop in feeling unsafe, with an interval covering it", "[e2e][demo]") {
  REQUIRE(demo().followup_code == 0);
  const auto r = query_gpkg(demo().followup,
                            "SELECT estimate, diff, diff_low, diff_high, diff_p FROM survey_indicators WHERE "
                            "area_id = 'KVO-WTZ' AND indicator = 'feels_unsafe' AND period = 'followup'");
  REQUIRE(r.size() == 1);
  CHECK(std::stod(r[0][0]) == Approx(0.1800).margin(5e-4));
  CHECK(std::stod(r[0][1]) == Approx(-0.1759).margin(5e-4));
  CHECK(std::stod(r[0][2]) < -0.1759);
  CHECK(std::stod(r[0][3]) > -0.1759);
  CHECK(std::stod(r[0][3]) < 0.0);  // the drop is more than chance
  CHECK(std::stod(r[0][4]) < 0.05);
}

// Schouw findings are not incidents (issue 11, point 2): the demo's schouw sources are
// kept out of area_stats and counted in observation_stats instead. Before, the incident
// totals per area included them.
TEST_CASE("the demo counts its schouw findings apart from the incidents", "[e2e][demo]") {
  REQUIRE(demo().baseline_code == 0);
  REQUIRE(demo().followup_code == 0);
  for (const auto& gpkg : {demo().baseline, demo().followup}) {
    auto one = [&](const std::string& sql) { return query_gpkg(gpkg, sql)[0][0]; };
    const std::string period = gpkg == demo().baseline ? "'baseline'" : "'followup'";
    // An incident counts once in each area set (docs/areas.md): the totals add up per set.
    const auto sets = query_gpkg(gpkg, "SELECT DISTINCT area_set FROM areas ORDER BY area_set");
    REQUIRE(sets.size() == 2);
    for (const auto& row : sets) {
      const std::string set = row[0], column = "\"area_id_" + set + "\"";
      auto total = [&](const std::string& layer) {
        return one("SELECT COALESCE(SUM(s.count), 0) FROM " + layer + " s JOIN areas a ON a.area_id = s.area_id "
                   "WHERE s.theme = 'all' AND s.period = " + period + " AND a.area_set = '" + set + "'");
      };
      INFO("area set " << set);
      CHECK(total("area_stats") ==
            one("SELECT COUNT(*) FROM incidents WHERE " + column + " IS NOT NULL AND period = " + period));
      CHECK(total("observation_stats") ==
            one("SELECT COUNT(*) FROM observations WHERE " + column + " IS NOT NULL AND period = " + period));
    }
    CHECK(std::stoll(one("SELECT COUNT(*) FROM observations")) > 0);
  }
  CHECK(query_gpkg(demo().followup, "SELECT COUNT(*) FROM observation_change WHERE theme = 'all'")[0][0] != "0");
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The report shows the survey's change since the baseline wave (issue 15): the share of
// entrepreneurs in Winkelcentrum 't Zand who often feel unsafe, 35.6 % → 18.0 %, is a
// change of −17.6 percentage points with its interval, in the layer's diff fields.
TEST_CASE("the demo report shows the monthly counts, the survey wave differences and the schouw findings",
          "[e2e][demo][report]") {
  REQUIRE(demo().followup_code == 0);
  const auto row =
      query_gpkg(demo().followup,
                 "SELECT diff, diff_low, diff_high FROM survey_indicators WHERE indicator = 'feels_unsafe' "
                 "AND period = 'followup' AND name = 'Winkelcentrum ''t Zand'");
  REQUIRE(row.size() == 1);
  const fs::path html = demo().followup.parent_path() / "rapport 't Zand.html";
  std::ostringstream out, err;
  REQUIRE(kvo::cli::run({"report", demo().followup.string(), "-o", html.string(), "--language", "en"}, out, err) == 0);
  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(page.find("Change since the baseline") != std::string::npos);
  char expected[64];
  std::snprintf(expected, sizeof expected, "%.1f pp (", 100 * std::stod(row[0][0]));
  std::string text = expected;
  if (text[0] == '-') text = "\xE2\x88\x92" + text.substr(1);  // the report writes a real minus sign
  CHECK(page.find(text) != std::string::npos);
  // The schouw findings of the follow-up walk-through are listed: 45 valid ones in 2025
  // (data/demo/README.md), each row as many as the layer holds.
  const auto n = query_gpkg(demo().followup, "SELECT COUNT(*) FROM observations WHERE period = 'followup'")[0][0];
  CHECK(n == "45");
  CHECK(page.find("<h2>Walk-through findings</h2>") != std::string::npos);
  CHECK(page.find("<p>45 walk-through findings of the latest period") != std::string::npos);
  const auto section = page.substr(page.find("<section id=\"findings\">"));
  CHECK(count_of(section.substr(0, section.find("</section>")), "<tr><td>") == 45);
  // Dated by the walk days of data/demo/schouw_2025.geojson (Amsterdam dates, not UTC).
  for (const char* day : {"<tr><td>2025-03-18</td>", "<tr><td>2025-03-25</td>", "<tr><td>2025-10-09</td>"})
    CHECK(section.find(day) != std::string::npos);
  CHECK(section.find("<tr><td>2025-03-17</td>") == std::string::npos);
  // A density raster's cells as GDAL reads the raster, not its tile matrix padded to whole tiles.
  {
    GDALDatasetUniquePtr raster(GDALDataset::Open(("GPKG:" + demo().followup.string() + ":density_baseline").c_str(),
                                                  GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(raster);
    const long long cells = static_cast<long long>(raster->GetRasterXSize()) * raster->GetRasterYSize();
    CHECK(cells % (256LL * 256LL) != 0);  // the demo's raster is no whole number of tiles
    std::string shown = std::to_string(cells);
    for (auto i = static_cast<int>(shown.size()) - 3; i > 0; i -= 3) shown.insert(static_cast<std::size_t>(i), ",");
    CHECK(page.find("<code>density_baseline</code></td><td class=\"n\">" + shown + "<") != std::string::npos);
  }

  // The monthly chart: the 12 months of each period add up to the incidents in the areas
  // (the demo's records all lie in whole months of their period).
  const auto monthly = nlohmann::json::parse(
      query_gpkg(demo().followup, "SELECT value FROM run_manifest WHERE key = 'monthly_counts'")[0][0]);
  for (const char* period : {"baseline", "followup"}) {
    INFO(period);
    REQUIRE(monthly[period]["counts"].size() == 12);
    double sum = 0;
    for (const auto& n : monthly[period]["counts"]) sum += n.get<double>();
    CHECK(std::to_string(static_cast<long long>(sum)) ==
          query_gpkg(demo().followup, std::string("SELECT COUNT(*) FROM incidents WHERE area_id IS NOT NULL AND "
                                                  "period = '") +
                                          period + "'")[0][0]);
  }
  CHECK(monthly["followup"]["first"] == "2025-01");
  const auto chart = page.find("Incidents per month in the areas");
  REQUIRE(chart != std::string::npos);
  CHECK(page.find("2023-12 · 2025-12") != std::string::npos);
}
