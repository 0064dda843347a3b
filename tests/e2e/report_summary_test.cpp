// The report's summary and theme tables for a follow-up (issue 11, point 8): the correction
// for multiple testing stated in words, the significant changes of the KVO areas first, and
// one theme table per KVO area. The GeoPackage is written by hand so that every number the
// report prints is known in advance.

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_layers.hpp"
#include "support/layer_styles_fixture.hpp"
#include "support/temp_dir.hpp"

using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct AreaRow {
  const char *id, *name, *kind;
  double x, y;
};

struct ChangeRow {
  const char *area, *theme;
  int c0, c1;
  double rr, low, high, p, q;
  const char* change;
};

// Buurten first in the layer on purpose: the KVO areas are found by kind, not by position.
const AreaRow kKvoAreas[] = {{"BU01", "Centrum", "buurt", 150000, 410000},
                             {"BU02", "Oost", "buurt", 150500, 410000},
                             {"BU03", "Noord", "buurt", 150000, 410500},
                             {"KVO-WTZ", "Winkelcentrum 't Zand", "kvo_winkelgebied", 150100, 410100},
                             {"KVO-BDH", "Bedrijventerrein De Hoek", "kvo_bedrijventerrein", 150600, 410100}};

// Seven rows with incidents (the comparisons, m = 7) and two without any (no test). The q
// values are Benjamini–Hochberg by hand, q_(i) = min_{j ≥ i} p_(j) · 7 / j over the p values
// sorted ascending: 0.00001, 0.00002, 0.001, 0.032, 0.4, 0.7, 1.0 give 0.00007, 0.00007,
// 0.00233, 0.056, 0.56, 0.81667, 1.0. 't Zand all themes is the case of the issue: its
// interval excludes 1 and p = 0.032 < 0.05, but q = 0.056 ≥ 0.05.
const ChangeRow kChanges[] = {
    {"BU01", "all", 40, 38, 0.95, 0.61, 1.49, 0.7, 0.81667, "no_significant_change"},
    {"BU01", "burglary", 10, 30, 3.0, 1.44, 6.75, 0.001, 0.00233, "increase"},
    {"BU02", "all", 0, 0, std::nan(""), 0.0, std::nan(""), 1.0, 1.0, "too_few"},
    {"KVO-WTZ", "all", 529, 461, 0.8715, 0.771, 0.984, 0.032, 0.056, "no_significant_change"},
    {"KVO-WTZ", "shoplifting", 371, 256, 0.69, 0.586, 0.811, 0.00001, 0.00007, "decrease"},
    {"KVO-WTZ", "robbery", 4, 3, 0.75, 0.11, 4.43, 1.0, 1.0, "too_few"},
    {"KVO-WTZ", "arson", 0, 0, std::nan(""), 0.0, std::nan(""), 1.0, 1.0, "too_few"},
    {"KVO-BDH", "all", 349, 360, 1.03, 0.89, 1.19, 0.4, 0.56, "no_significant_change"},
    {"KVO-BDH", "vandalism", 63, 136, 2.16, 1.59, 2.96, 0.00002, 0.00007, "increase"},
};

kvo::engine::MultiPolygon area_square(double x, double y, double size) {
  kvo::engine::Polygon p;
  for (const auto& pt :
       std::vector<kvo::engine::Point>{{x, y}, {x, y + size}, {x + size, y + size}, {x + size, y}, {x, y}})
    p.outer().push_back(pt);
  return {p};
}

// A follow-up GeoPackage with the areas and area_change rows above (or, with `kinds`
// given, the same areas with other kinds), the incidents summed from them, and a manifest.
void write_gpkg(const fs::path& path, const std::string& language, const std::vector<std::string>& kinds = {}) {
  using kvo::io::FieldType;
  using kvo::io::GeometryKind;
  kvo::io::GpkgWriter out(path, "EPSG:28992");
  {
    auto l = out.create_layer("areas", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"name", FieldType::text, ""},
                               {"kind", FieldType::text, ""},
                               {"area_ha", FieldType::real, ""}});
    std::size_t i = 0;
    for (const auto& a : kKvoAreas) {
      l.set(0, std::string_view(a.id));
      l.set(1, std::string_view(a.name));
      l.set(2, kinds.empty() ? std::string(a.kind) : kinds[i++]);
      l.set(3, 25.0);
      l.set_multipolygon(area_square(a.x, a.y, 500));
      l.write();
    }
  }
  {
    auto l = out.create_layer(
        "incidents", GeometryKind::point,
        {{"theme", FieldType::text, ""}, {"period", FieldType::text, ""}, {"area_id", FieldType::text, ""}});
    for (const auto& r : kChanges) {
      if (std::string_view(r.theme) == "all") continue;
      for (int k = 0; k < r.c0 + r.c1; ++k) {
        l.set(0, std::string_view(r.theme));
        l.set(1, std::string_view(k < r.c0 ? "baseline" : "followup"));
        l.set(2, std::string_view(r.area));
        l.set_point(150300, 410300);
        l.write();
      }
    }
  }
  {
    auto l = out.create_layer("area_change", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"count_baseline", FieldType::integer64, ""},
                               {"count_followup", FieldType::integer64, ""},
                               {"rate_ratio", FieldType::real, ""},
                               {"rr_low", FieldType::real, ""},
                               {"rr_high", FieldType::real, ""},
                               {"p", FieldType::real, ""},
                               {"q", FieldType::real, ""},
                               {"change", FieldType::text, ""}});
    for (const auto& r : kChanges) {
      l.set(0, std::string_view(r.area));
      l.set(1, std::string_view(r.theme));
      l.set(2, std::int64_t{r.c0});
      l.set(3, std::int64_t{r.c1});
      std::isfinite(r.rr) ? l.set(4, r.rr) : l.set_null(4);  // a GeoPackage holds no infinity
      l.set(5, r.low);
      std::isfinite(r.high) ? l.set(6, r.high) : l.set_null(6);
      l.set(7, r.p);
      l.set(8, r.q);
      l.set(9, std::string_view(r.change));
      l.set_multipolygon(area_square(150000, 410000, 500));
      l.write();
    }
  }
  nlohmann::json spec = {{"title", "KVO Zuidhaven — test"},
                         {"language", language},
                         {"periods", nlohmann::json::object()},
                         {"compare", {{"alpha", 0.05}, {"min_total", 10}}}};
  spec["periods"]["baseline"] = {{"from", "2023-01-01"}, {"to", "2023-12-31"}, {"days", 365}};
  spec["periods"]["followup"] = {{"from", "2025-01-01"}, {"to", "2025-12-31"}, {"days", 365}};
  std::map<std::string, nlohmann::json> manifest;
  manifest["spec"] = spec;
  kvo::io::write_manifest_layer(out, manifest);
  out.commit();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string report(const TempDir& dir, const fs::path& gpkg, const std::vector<std::string>& extra = {}) {
  const fs::path html = dir.path() / "rapport.html";
  std::vector<std::string> args = {"report", gpkg.string(), "-o", html.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  std::ostringstream out, err;
  const int status = kvo::cli::run(args, out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  return slurp(html);
}

// The text of one <section>.
std::string section(const std::string& html, const std::string& id) {
  const auto from = html.find("<section id=\"" + id + "\">");
  REQUIRE(from != std::string::npos);
  return html.substr(from, html.find("</section>", from) - from);
}

}  // namespace

TEST_CASE("the summary states the multiple-testing correction in words with the number of comparisons",
          "[e2e][report][summary]") {
  TempDir dir;
  write_gpkg(dir.path() / "vervolg.gpkg", "en");
  const std::string summary = section(report(dir, dir.path() / "vervolg.gpkg"), "summary");
  // 't Zand all themes: the interval excludes 1 and p < 0.05, yet not significant after the
  // correction over the 7 rows with incidents (the 2 rows without any are no test).
  CHECK(summary.find("<strong>All themes together</strong>: no significant change, 529 → 461 incidents, rate ratio "
                     "0.87; 95 % interval <span class=\"nw\">0.77–0.98</span> and p = 0.032 for this comparison alone; "
                     "after correcting for the 7 comparisons in this analysis (Benjamini–Hochberg, false discovery "
                     "rate 5 %) q = 0.056: not significant.") != std::string::npos);
  CHECK(
      summary.find("<span class=\"mark-down\">▼</span> <strong>Shoplifting</strong>: significant decrease, 371 → 256 "
                   "incidents, rate ratio 0.69; 95 % interval <span class=\"nw\">0.59–0.81</span> and p &lt; 0.001 for "
                   "this comparison alone; after correcting for the 7 comparisons in this analysis "
                   "(Benjamini–Hochberg, false discovery rate 5 %) q &lt; 0.001: significant.") != std::string::npos);
  // The rule once in full, before the verdicts.
  CHECK(summary.find("is one comparison: 7 in this analysis.") != std::string::npos);
  CHECK(summary.find("a change is significant when its q-value is below 0.05.") != std::string::npos);
  CHECK(summary.find("How a change is judged.") < summary.find("<h4>"));
  // Too few incidents: the reason instead of a verdict on q.
  CHECK(summary.find("<strong>Robbery</strong>") == std::string::npos);
}

TEST_CASE("the Dutch summary states the same correction in Dutch", "[e2e][report][summary]") {
  TempDir dir;
  write_gpkg(dir.path() / "vervolg.gpkg", "nl");
  const std::string summary = section(report(dir, dir.path() / "vervolg.gpkg"), "summary");
  CHECK(summary.find("<h3>Significante veranderingen per KVO-gebied</h3>") != std::string::npos);
  CHECK(summary.find("<strong>Alle thema&#39;s samen</strong>: geen significante verandering, 529 → 461 incidenten, "
                     "verhouding 0,87; 95 %-interval <span class=\"nw\">0,77–0,98</span> en p = 0,032 voor deze "
                     "vergelijking alleen; na correctie voor de 7 vergelijkingen in deze analyse (Benjamini–Hochberg, "
                     "false discovery rate 5 %) q = 0,056: niet significant.") != std::string::npos);
  CHECK(summary.find("is één vergelijking: 7 in deze analyse.") != std::string::npos);
  CHECK(summary.find("for this comparison alone") == std::string::npos);  // no English left
}

TEST_CASE("the summary lists the significant changes per KVO area before anything town-wide",
          "[e2e][report][summary]") {
  TempDir dir;
  write_gpkg(dir.path() / "vervolg.gpkg", "en");
  const std::string html = report(dir, dir.path() / "vervolg.gpkg");
  const std::string summary = section(html, "summary");
  const auto kvo = summary.find("<h3>Significant changes per KVO area</h3>");
  const auto zand = summary.find("<h4>Winkelcentrum &#39;t Zand</h4>");
  const auto hoek = summary.find("<h4>Bedrijventerrein De Hoek</h4>");
  const auto town = summary.find("<h3>Whole study area</h3>");
  const auto figures = summary.find("<table class=\"figures\">");
  const auto buurt = summary.find("<strong>Centrum</strong>");
  REQUIRE(kvo != std::string::npos);
  REQUIRE(zand != std::string::npos);
  REQUIRE(hoek != std::string::npos);
  REQUIRE(figures != std::string::npos);
  REQUIRE(buurt != std::string::npos);
  // KVO areas in the order of the areas layer, then the whole town, then the buurten.
  CHECK(kvo < zand);
  CHECK(zand < hoek);
  CHECK(hoek < town);
  CHECK(town < figures);
  CHECK(figures < buurt);
  // Each KVO area's significant theme changes; the buurt's change is listed after the town.
  const std::string zand_part = summary.substr(zand, hoek - zand);
  CHECK(zand_part.find("<strong>Shoplifting</strong>: significant decrease") != std::string::npos);
  CHECK(zand_part.find("The other theme compared: no significant change.") != std::string::npos);
  CHECK(zand_part.find("Robbery") == std::string::npos);  // too few: not a significant change
  const std::string hoek_part = summary.substr(hoek, town - hoek);
  CHECK(hoek_part.find("<span class=\"mark-up\">▲</span> <strong>Vandalism and graffiti</strong>: significant "
                       "increase, 63 → 136 incidents") != std::string::npos);
  CHECK(summary.find("<strong>Centrum</strong>: <span class=\"mark-up\">▲</span> Burglary (3.00, q = 0.002)") !=
        std::string::npos);
  CHECK(summary.find("<strong>Oost</strong>") == std::string::npos);                // nothing tested there
  CHECK(summary.find("1 other area: no significant change") != std::string::npos);  // Oost; Noord has no row
}

TEST_CASE("the theme table is one table per KVO area with counts, rate ratio, interval, p, q and change",
          "[e2e][report][summary]") {
  TempDir dir;
  write_gpkg(dir.path() / "vervolg.gpkg", "en");
  const std::string html = report(dir, dir.path() / "vervolg.gpkg");
  const std::string themes = section(html, "themes");
  const auto zand = themes.find("<h3>Winkelcentrum &#39;t Zand</h3>");
  const auto hoek = themes.find("<h3>Bedrijventerrein De Hoek</h3>");
  const auto town = themes.find("<h3>Whole study area</h3>");
  REQUIRE(zand != std::string::npos);
  REQUIRE(hoek != std::string::npos);
  REQUIRE(town != std::string::npos);
  CHECK(zand < hoek);
  CHECK(hoek < town);
  CHECK(themes.find("<h3>Centrum</h3>") == std::string::npos);  // buurten get no table
  const std::string zand_table = themes.substr(zand, hoek - zand);
  CHECK(zand_table.find("<th>Theme</th><th class=\"n\">Baseline 2023</th><th class=\"n\">Follow-up 2025</th><th "
                        "class=\"n\">Rate ratio</th><th class=\"n\">95 % interval</th><th class=\"n\">p</th><th "
                        "class=\"n\">q</th><th>Change</th>") != std::string::npos);
  // Theme rows in kvo's theme order (robbery before shoplifting), the total last; the theme
  // without any incident (arson) is left out.
  const auto robbery = zand_table.find(
      "<tr><td>Robbery</td><td class=\"n\">4</td><td class=\"n\">3</td><td "
      "class=\"n\">0.75</td><td class=\"n\">0.11–4.43</td><td class=\"n\">1.000</td><td "
      "class=\"n\">1.000</td><td class=\"change\">");
  const auto shoplifting = zand_table.find(
      "<tr><td>Shoplifting</td><td class=\"n\">371</td><td class=\"n\">256</td><td "
      "class=\"n\">0.69</td><td class=\"n\">0.59–0.81</td><td class=\"n\">&lt; "
      "0.001</td><td class=\"n\">&lt; 0.001</td><td class=\"change\">");
  const auto total = zand_table.find(
      "<tr><th>All themes</th><th class=\"n\">529</th><th class=\"n\">461</th><th "
      "class=\"n\">0.87</th><th class=\"n\">0.77–0.98</th><th class=\"n\">0.032</th><th "
      "class=\"n\">0.056</th><th class=\"change\">");
  REQUIRE(robbery != std::string::npos);
  REQUIRE(shoplifting != std::string::npos);
  REQUIRE(total != std::string::npos);
  CHECK(robbery < shoplifting);
  CHECK(shoplifting < total);
  CHECK(zand_table.find("Too few incidents to test") != std::string::npos);
  CHECK(zand_table.find("Significant decrease") != std::string::npos);
  CHECK(zand_table.find("Arson") == std::string::npos);
  CHECK(zand_table.find("Vandalism") == std::string::npos);  // De Hoek's theme is in De Hoek's table
  CHECK(themes.substr(hoek, town - hoek)
            .find("<tr><td>Vandalism and graffiti</td><td class=\"n\">63</td><td "
                  "class=\"n\">136</td>") != std::string::npos);
  // The correction in words above the tables.
  CHECK(themes.find("q after correcting for the 7 comparisons in this analysis (Benjamini–Hochberg, false discovery "
                    "rate 5 %)") < zand);
  // The town-wide table with its "Significant change" column is gone.
  CHECK(themes.find("Significant change</th>") == std::string::npos);
}

TEST_CASE("an area name with an apostrophe is escaped everywhere in the report", "[e2e][report][summary]") {
  TempDir dir;
  write_gpkg(dir.path() / "vervolg.gpkg", "en");
  const std::string html = report(dir, dir.path() / "vervolg.gpkg");
  CHECK(html.find("Winkelcentrum 't Zand") == std::string::npos);
  CHECK(html.find("Winkelcentrum &#39;t Zand") != std::string::npos);
}

TEST_CASE("without kvo_ kinds the areas of the first kind are the KVO areas of the summary", "[e2e][report][summary]") {
  TempDir dir;
  // Same areas, kinds without the kvo_ prefix: the first area's kind (wijk) is the subject.
  write_gpkg(dir.path() / "vervolg.gpkg", "en", {"wijk", "wijk", "buurt", "buurt", "buurt"});
  const std::string html = report(dir, dir.path() / "vervolg.gpkg");
  const std::string summary = section(html, "summary");
  const auto centrum = summary.find("<h4>Centrum</h4>");
  const auto oost = summary.find("<h4>Oost</h4>");
  const auto town = summary.find("<h3>Whole study area</h3>");
  REQUIRE(centrum != std::string::npos);
  CHECK(centrum < town);
  CHECK(summary.find("<span class=\"mark-up\">▲</span> <strong>Burglary</strong>: significant increase, 10 → 30") <
        town);
  REQUIRE(oost != std::string::npos);  // listed though quiet
  CHECK(summary.find("<li>No incidents in either period.</li>", oost) < town);
  CHECK(summary.find("<h4>Winkelcentrum &#39;t Zand</h4>") == std::string::npos);
  CHECK(summary.find("<strong>Winkelcentrum &#39;t Zand</strong>: <span class=\"mark-down\">▼</span> Shoplifting") >
        town);
  CHECK(section(html, "themes").find("<h3>Centrum</h3>") != std::string::npos);
}

TEST_CASE("a report of one period has a count table per KVO area", "[e2e][report][summary]") {
  TempDir dir;
  kvo::test::FixtureOptions o;
  o.followup = false;
  const fs::path gpkg = dir.path() / "nulmeting.gpkg";
  kvo::test::write_fixture_gpkg(gpkg, o);
  const std::string themes = section(report(dir, gpkg), "themes");
  // The fixture's area_stats: 't Zand 30 incidents (12 shoplifting), De Hoek 22 (4), in 365 days.
  const auto zand = themes.find("<h3>Winkelcentrum &#39;t Zand</h3>");
  REQUIRE(zand != std::string::npos);
  CHECK(themes.find("<tr><td>Shoplifting</td><td class=\"n\">12</td><td class=\"n\">12.0</td></tr>", zand) !=
        std::string::npos);
  CHECK(themes.find("<tr><th>All themes</th><th class=\"n\">30</th><th class=\"n\">30.0</th></tr>", zand) !=
        std::string::npos);
  CHECK(themes.find("<h3>Bedrijventerrein De Hoek</h3>") != std::string::npos);
  CHECK(themes.find("<h3>Centrum</h3>") == std::string::npos);
}

TEST_CASE("the report of a real run counts the comparisons the run corrected for", "[e2e][report][summary]") {
  TempDir dir;
  const fs::path spec = kvo::test::write_run_inputs(dir, "en");
  const fs::path gpkg = dir.path() / "run.gpkg";
  std::ostringstream out, err;
  REQUIRE(kvo::cli::run({"run", spec.string(), "-o", gpkg.string(), "--quiet"}, out, err) == 0);
  // m of the run's Benjamini–Hochberg: its area_change rows with an incident in either period.
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(ds);
  OGRLayer* rows =
      ds->ExecuteSQL("SELECT COUNT(*) FROM area_change WHERE count_baseline + count_followup > 0", nullptr, "SQLITE");
  REQUIRE(rows);
  OGRFeatureUniquePtr f(rows->GetNextFeature());
  const auto m = f->GetFieldAsInteger64(0);
  f.reset();
  ds->ReleaseResultSet(rows);
  ds.reset();
  REQUIRE(m > 1);
  const std::string html = report(dir, gpkg);
  CHECK(html.find("after correcting for the " + std::to_string(m) + " comparisons in this analysis") !=
        std::string::npos);
  // One table per KVO area (one [areas] table without kinds: both are subject areas).
  const std::string themes = section(html, "themes");
  CHECK(themes.find("<h3>Winkelcentrum &#39;t Zand</h3>") != std::string::npos);
  CHECK(themes.find("<h3>De Hoek</h3>") != std::string::npos);
}
