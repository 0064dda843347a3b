// The monitor between measurements, end to end: emerging hot spots month by month on the
// hotspot grid, and near-repeat risk, on planted patterns whose category and window follow
// from the published definitions (ArcGIS Emerging Hot Spot Analysis; Ratcliffe's Knox test).

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;

namespace {

constexpr auto p = &kvo::test::path_in;

const char* kArea =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"WC01","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[151000,410000],[151000,411000],[150000,411000],[150000,410000]]]}}]})";

std::string row(const std::string& id, int day, int month, int hour, const char* code, double x, double y) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s;%02d-%02d-2025;%02d:00;%s;%.0f;%.0f\r\n", id.c_str(), day, month, hour, code, x,
                y);
  return buf;
}

// 100 m squares over 1 km: every cell gets one shoplifting a month; the 3 × 3 cells around
// (2, 2) five more every month (persistent), the 3 × 3 around (7, 7) five more in November
// and December only (hot in the final two steps: consecutive). Blocks, not single cells:
// a single spiking cell is mostly its own variance and, with FDR over the 1,200 bins, its
// bins fall short of significance (computed by a plain implementation of the definitions
// while writing this test: block centres z 5.5–12.5, BH threshold 0.0016). Burglaries: 40 seeds, each followed within 3
// days and 40 m by two more.
std::string police() {
  std::string s = "nr;van;tijd;klasse;x_rd;y_rd\r\n";
  int n = 0;
  const char* shop = "2.5.2 Winkeldiefstal";
  for (int month = 1; month <= 12; ++month) {
    for (int c = 0; c < 10; ++c)
      for (int r = 0; r < 10; ++r)
        s += row("S" + std::to_string(++n), 1 + (c + r) % 27, month, 10, shop, 150050 + 100 * c, 410050 + 100 * r);
    for (int dc = -1; dc <= 1; ++dc)
      for (int dr = -1; dr <= 1; ++dr)
        for (int k = 0; k < 5; ++k) {
          s += row("S" + std::to_string(++n), 1 + k, month, 12, shop, 150250 + 100 * dc + k, 410250 + 100 * dr);
          if (month >= 11)
            s += row("S" + std::to_string(++n), 1 + k, month, 12, shop, 150750 + 100 * dc + k, 410750 + 100 * dr);
        }
  }
  const char* burglary = "1.1.1 Diefstal/inbraak woning";
  for (int i = 0; i < 40; ++i) {
    // Seeds spread over the year and the area; the last ones in the final days of December.
    const int day_of_year = i < 36 ? 5 + i * 9 : 355 + (i - 36) * 2;
    const int month = std::min(12, 1 + day_of_year / 30), day = std::min(28, 1 + day_of_year % 30);
    const double x = 150030 + (i * 137) % 940, y = 410030 + (i * 251) % 940;
    s += row("B" + std::to_string(i) + "a", day, month, 9, burglary, x, y);
    s += row("B" + std::to_string(i) + "b", std::min(28, day + 1), month, 9, burglary, x + 20, y);
    s += row("B" + std::to_string(i) + "c", std::min(28, day + 2), month, 9, burglary, x, y + 30);
  }
  return s;
}

std::string spec(const std::string& extra = "") {
  return "title = \"Monitor 't Zand\"\nas_of = 2026-01-31\n"
         "[areas]\npath = \"gebied.geojson\"\nid = \"code\"\nname = \"naam\"\n"
         "[periods.baseline]\nfrom = 2025-01-01\nto = 2025-12-31\n"
         "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"politie.csv\"\n"
         "x = \"x_rd\"\ny = \"y_rd\"\nid = \"nr\"\nstart = [\"van\", \"tijd\"]\ncode = \"klasse\"\n"
         "date_format = \"%d-%m-%Y\"\n"
         "[grid]\nshape = \"square\"\ncell_size = 100\norigin_x = 150000\norigin_y = 410000\n"
         "[hotspots]\ndistance = 150\npermutations = 99\n[density]\nenabled = false\n"
         "[emerging]\nenabled = true\nthemes = [\"shoplifting\"]\n"
         "[near_repeat]\nenabled = true\nthemes = [\"burglary\"]\ndistance_band = 100\ndistance_bands = 3\n"
         "time_band = 7\ntime_bands = 3\niterations = 99\n" +
         extra;
}

std::string category_at(const std::filesystem::path& out, const std::string& cell) {
  const auto rows = query_gpkg(
      out, "SELECT category FROM emerging_hotspots WHERE theme = 'shoplifting' AND cell_id = '" + cell + "'");
  return rows.empty() ? "" : rows[0][0];
}

}  // namespace

TEST_CASE("the monitor finds a persistent and a consecutive hot spot and a near-repeat pattern", "[cli][monitor]") {
  kvo::test::TempDir dir;
  dir.write("gebied.geojson", kArea);
  dir.write("politie.csv", police());
  dir.write("monitor.toml", spec());
  const auto r =
      kvo_cli({"run", p(dir, "monitor.toml"), "-q", "-o", p(dir, "monitor.gpkg"), "--summary-json", p(dir, "s.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto out = dir.path() / "monitor.gpkg";

  // Emerging: 12 monthly steps of 2025 on the 10 × 10 hotspot grid.
  const auto e = nlohmann::json::parse(query_gpkg(out, "SELECT value FROM run_manifest WHERE key = 'emerging'")[0][0]);
  CHECK(e["steps"] == 12);
  CHECK(e["first_step"] == "2025-01");
  CHECK(category_at(out, "r2c2") == "persistent_hot_spot");   // hot in every month, no trend
  CHECK(category_at(out, "r7c7") == "consecutive_hot_spot");  // hot in the final two months only
  const auto counts = query_gpkg(out, "SELECT counts FROM emerging_hotspots WHERE cell_id = 'r7c7'")[0][0];
  CHECK(counts == "1,1,1,1,1,1,1,1,1,1,6,6");

  // Near repeat: pairs within 100 m and 7 days far above chance; the seeds of the last days
  // of December still have an open window at the end of the period.
  const auto first = query_gpkg(out,
                                "SELECT observed, knox_ratio, p FROM near_repeat WHERE theme = 'burglary' AND "
                                "distance_from_m = 1 AND time_from_days = 0");
  REQUIRE(first.size() == 1);
  CHECK(std::stoi(first[0][0]) >= 80);  // 40 × 3 pairs within 36 m and 2 days
  CHECK(std::stod(first[0][1]) > 2.0);
  CHECK(std::stod(first[0][2]) <= 0.05);
  const auto risk = query_gpkg(out, "SELECT COUNT(*), MIN(near_until) FROM near_repeat_risk");
  CHECK(std::stoi(risk[0][0]) >= 3);
  CHECK(risk[0][1] > "2025-12-31");
  std::ifstream summary(dir.path() / "s.json");
  const auto findings = nlohmann::json::parse(summary)["findings"];
  CHECK(findings["near_repeat"]["burglary"]["near_repeat"] == true);
  CHECK(findings["emerging_hotspots"]["shoplifting"]["persistent_hot_spot"].get<int>() >= 1);

  // The report shows both.
  const auto rep = kvo_cli({"report", out.string(), "-o", p(dir, "monitor.html"), "--language", "en"});
  REQUIRE(rep.code == 0);
  std::ifstream html_in(dir.path() / "monitor.html");
  const std::string html((std::istreambuf_iterator<char>(html_in)), std::istreambuf_iterator<char>());
  CHECK(html.find("Between the measurements") != std::string::npos);
  CHECK(html.find("persistent hot spot") != std::string::npos);
  CHECK(html.find("within 100 m and") != std::string::npos);
}

TEST_CASE("a follow-up repeats the baseline's monitor settings", "[cli][monitor]") {
  kvo::test::TempDir dir;
  dir.write("gebied.geojson", kArea);
  dir.write("politie.csv", police());
  dir.write("monitor.toml", spec());
  REQUIRE(kvo_cli({"run", p(dir, "monitor.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  std::string followup = spec("");
  followup.replace(followup.find("[periods.baseline]"), 18, "[periods.followup]");
  followup.replace(followup.find("time_band = 7"), 13, "time_band = 14");
  dir.write("vervolg.toml", followup);
  const auto r =
      kvo_cli({"run", p(dir, "vervolg.toml"), "-q", "--baseline", p(dir, "nul.gpkg"), "-o", p(dir, "vervolg.gpkg")});
  CHECK(r.code == 1);
  CHECK(r.err.find("near_repeat.time_band: baseline 7") != std::string::npos);
}
