// The report speaks its language everywhere (readable theme and schouw category names, one
// date format per language) and shows the Mann–Kendall trend of area_change. The GeoPackage
// is written by hand, so every label, date and p the report prints is known in advance.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_layers.hpp"
#include "support/temp_dir.hpp"

using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct TrendRow {
  const char *area, *theme;
  int c0, c1;
  double rr, low, high, p, q;
  const char *change, *trend;
  double trend_p;
};

// Two KVO areas and two buurten (the context). Shown in the change table: every KVO area for
// all themes, every significant change, and (new) every significant trend in a KVO area.
const TrendRow kRows[] = {
    // shown: KVO area, all themes; a rising trend within the follow-up despite fewer incidents
    {"KVO-WTZ", "all", 529, 461, 0.87, 0.77, 0.98, 0.032, 0.056, "no_significant_change", "increasing", 0.0467},
    // shown only for its trend (p < 0.001)
    {"KVO-WTZ", "vandalism", 40, 38, 0.95, 0.61, 1.49, 0.7, 0.8, "no_significant_change", "decreasing", 0.0004},
    // hidden: neither a change nor a trend
    {"KVO-WTZ", "burglary", 30, 31, 1.03, 0.6, 1.7, 0.9, 0.95, "no_significant_change", "no_trend", 0.5},
    // shown: KVO area, all themes, significant change, no trend
    {"KVO-BDH", "all", 329, 453, 1.38, 1.19, 1.59, 0.00001, 0.0001, "increase", "no_trend", 0.095},
    // hidden: a trend in a context area is not a KVO area's
    {"BU01", "shoplifting", 20, 22, 1.1, 0.6, 2.0, 0.8, 0.9, "no_significant_change", "increasing", 0.01},
    {"BU01", "all", 200, 210, 1.05, 0.86, 1.27, 0.6, 0.8, "no_significant_change", "no_trend", 0.3},
};

kvo::engine::MultiPolygon square(double x, double y, double size) {
  kvo::engine::Polygon p;
  for (const auto& pt :
       std::vector<kvo::engine::Point>{{x, y}, {x, y + size}, {x + size, y + size}, {x + size, y}, {x, y}})
    p.outer().push_back(pt);
  return {p};
}

// A follow-up GeoPackage with areas, area_change (with or without the trend fields), schouw
// findings of both periods, emerging hot spots and a manifest with near repeat and months.
void write_gpkg(const fs::path& path, const std::string& language, bool with_trend = true) {
  using kvo::io::FieldType;
  using kvo::io::GeometryKind;
  kvo::io::GpkgWriter out(path, "EPSG:28992");
  {
    auto l = out.create_layer("areas", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"name", FieldType::text, ""},
                               {"kind", FieldType::text, ""},
                               {"area_ha", FieldType::real, ""}});
    const std::array<std::array<const char*, 3>, 4> areas = {
        {{"KVO-WTZ", "Winkelcentrum 't Zand", "kvo_winkelgebied"},
         {"KVO-BDH", "Bedrijventerrein De Hoek", "kvo_bedrijventerrein"},
         {"BU01", "Centrum", "buurt"},
         {"BU02", "Oost", "buurt"}}};
    double x = 150000;
    for (const auto& a : areas) {
      l.set(0, std::string_view(a[0]));
      l.set(1, std::string_view(a[1]));
      l.set(2, std::string_view(a[2]));
      l.set(3, 25.0);
      l.set_multipolygon(square(x, 410000, 500));
      l.write();
      x += 600;
    }
  }
  {
    std::vector<kvo::io::FieldDef> fields = {{"area_id", FieldType::text, ""},
                                             {"theme", FieldType::text, ""},
                                             {"count_baseline", FieldType::integer64, ""},
                                             {"count_followup", FieldType::integer64, ""},
                                             {"rate_ratio", FieldType::real, ""},
                                             {"rr_low", FieldType::real, ""},
                                             {"rr_high", FieldType::real, ""},
                                             {"p", FieldType::real, ""},
                                             {"q", FieldType::real, ""},
                                             {"change", FieldType::text, ""}};
    if (with_trend) fields.insert(fields.end(), {{"trend", FieldType::text, ""}, {"trend_p", FieldType::real, ""}});
    auto l = out.create_layer("area_change", GeometryKind::multipolygon, fields);
    for (const auto& r : kRows) {
      l.set(0, std::string_view(r.area));
      l.set(1, std::string_view(r.theme));
      l.set(2, std::int64_t{r.c0});
      l.set(3, std::int64_t{r.c1});
      l.set(4, r.rr);
      l.set(5, r.low);
      l.set(6, r.high);
      l.set(7, r.p);
      l.set(8, r.q);
      l.set(9, std::string_view(r.change));
      if (with_trend) {
        l.set(10, std::string_view(r.trend));
        l.set(11, r.trend_p);
      }
      l.set_multipolygon(square(150000, 410000, 500));
      l.write();
    }
  }
  {
    // Incidents for the monthly series per KVO area, one column per area set. 't Zand: 2 a
    // month in 2023; m in month m of 2025, plus one at 23:30 UTC on 31 January, which is
    // 1 February in Amsterdam: 1, 3, 3, 4, …, 12. De Hoek: one in June 2025. A buurt's own
    // incident counts for no KVO area.
    auto l = out.create_layer("incidents", GeometryKind::point,
                              {{"theme", FieldType::text, ""},
                               {"start", FieldType::text, ""},
                               {"period", FieldType::text, ""},
                               {"area_id_kvo", FieldType::text, ""},
                               {"area_id_buurten", FieldType::text, ""}});
    auto add = [&](const std::string& start, const char* period, const char* kvo, const char* buurt) {
      l.set(0, std::string_view("nuisance"));
      l.set(1, start);
      l.set(2, std::string_view(period));
      kvo ? l.set(3, std::string_view(kvo)) : l.set_null(3);
      l.set(4, std::string_view(buurt));
      l.set_point(150100, 410100);
      l.write();
    };
    for (int m = 1; m <= 12; ++m) {
      char day[32];
      std::snprintf(day, sizeof day, "2023-%02d-15T10:00:00.000Z", m);
      for (int k = 0; k < 2; ++k) add(day, "baseline", "KVO-WTZ", "BU01");
      std::snprintf(day, sizeof day, "2025-%02d-15T10:00:00.000Z", m);
      for (int k = 0; k < m; ++k) add(day, "followup", "KVO-WTZ", "BU01");
    }
    add("2025-01-31T23:30:00.000Z", "followup", "KVO-WTZ", "BU01");
    add("2025-06-10T12:00:00.000Z", "followup", "KVO-BDH", "BU02");
    add("2025-06-10T12:00:00.000Z", "followup", nullptr, "BU01");
  }
  {
    auto l = out.create_layer("observations", GeometryKind::point,
                              {{"period", FieldType::text, ""},
                               {"start", FieldType::text, ""},
                               {"area_id", FieldType::text, ""},
                               {"category", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"remark", FieldType::text, ""}});
    const std::array<std::array<const char*, 6>, 3> rows = {
        {{"followup", "2025-03-17T10:00:00Z", "KVO-WTZ", "kapotte_verlichting", "maintenance", "Twee lampen uit"},
         // A walk dated 9 October: stored as Amsterdam midnight, 22:00 UTC the day before.
         {"followup", "2025-10-08T22:00:00Z", "KVO-BDH", "vreemde_geur", "nuisance", "Geur bij laadperron"},
         {"baseline", "2023-05-02T09:00:00Z", "KVO-WTZ", "graffiti", "vandalism", "Oude tags"}}};
    for (const auto& r : rows) {
      for (int i = 0; i < 6; ++i) l.set(i, std::string_view(r[static_cast<std::size_t>(i)]));
      l.set_point(150100, 410100);
      l.write();
    }
  }
  {
    auto l = out.create_layer("emerging_hotspots", GeometryKind::multipolygon,
                              {{"theme", FieldType::text, ""}, {"category", FieldType::text, ""}});
    for (const auto& [theme, category] : std::vector<std::pair<const char*, const char*>>{
             {"all", "new_hot_spot"}, {"all", "new_hot_spot"}, {"vandalism", "persistent_hot_spot"}}) {
      l.set(0, std::string_view(theme));
      l.set(1, std::string_view(category));
      l.set_multipolygon(square(150000, 410000, 100));
      l.write();
    }
  }
  nlohmann::json spec = {{"title", "KVO Zuidhaven — taal"},
                         {"language", language},
                         {"periods", nlohmann::json::object()},
                         {"compare", {{"alpha", 0.05}, {"min_total", 10}}}};
  spec["periods"]["baseline"] = {{"from", "2023-01-01"}, {"to", "2023-12-31"}, {"days", 365}};
  spec["periods"]["followup"] = {{"from", "2025-01-01"}, {"to", "2025-12-31"}, {"days", 365}};
  std::map<std::string, nlohmann::json> manifest;
  manifest["spec"] = spec;
  manifest["created"] = "2026-01-01T00:00:00.000Z";
  manifest["emerging"] = {{"first_step", "2025-01"}, {"steps", 12}, {"time_step", "month"}};
  const nlohmann::json quiet = {{"near_repeat", false}, {"repeat", false}};
  manifest["near_repeat"] = {{"themes", {{"burglary", {{"events", 529}, {"window", quiet}}}}}};
  const std::vector<double> months = {10, 11, 9, 12, 10, 11, 9, 12, 10, 11, 9, 12};
  manifest["monthly_counts"] = {{"baseline", {{"counts", months}, {"first", "2023-01"}}},
                                {"followup", {{"counts", months}, {"first", "2025-01"}}}};
  kvo::io::write_manifest_layer(out, manifest);
  out.commit();
}

std::string report(const TempDir& dir, const std::string& language, bool with_trend = true) {
  const fs::path gpkg = dir.path() / "vervolg.gpkg", html = dir.path() / "rapport.html";
  write_gpkg(gpkg, language, with_trend);
  std::ostringstream out, err;
  const int status = kvo::cli::run({"report", gpkg.string(), "-o", html.string()}, out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  std::ifstream in(html, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text of one <section>.
std::string section(const std::string& html, const std::string& id) {
  const auto from = html.find("<section id=\"" + id + "\"");
  REQUIRE(from != std::string::npos);
  return html.substr(from, html.find("</section>", from) - from);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the Dutch schouw list shows readable categories and themes and Dutch dates", "[e2e][report][language]") {
  TempDir dir;
  const std::string findings = section(report(dir, "nl"), "findings");
  // The latest period only, ordered by area id: De Hoek (KVO-BDH) before 't Zand (KVO-WTZ).
  CHECK(has(findings,
            "<tr><td>09-10-2025</td><td>Bedrijventerrein De Hoek</td><td>Vreemde geur</td><td>Overlast</td>"
            "<td>Geur bij laadperron</td></tr>"));
  CHECK(has(findings,
            "<tr><td>17-03-2025</td><td>Winkelcentrum &#39;t Zand</td><td>Kapotte verlichting</td>"
            "<td>Onderhoud en beheer</td><td>Twee lampen uit</td></tr>"));
  for (const char* raw : {"kapotte_verlichting", "vreemde_geur", "maintenance", "nuisance", "2025-03-17", "Oude tags"})
    CHECK_FALSE(has(findings, raw));
}

TEST_CASE("the English schouw list translates known categories and keeps ISO dates", "[e2e][report][language]") {
  TempDir dir;
  const std::string findings = section(report(dir, "en"), "findings");
  CHECK(has(findings,
            "<tr><td>2025-03-17</td><td>Winkelcentrum &#39;t Zand</td><td>Broken lighting</td>"
            "<td>Maintenance and upkeep</td><td>Twee lampen uit</td></tr>"));
  CHECK(
      has(findings, "<tr><td>2025-10-09</td><td>Bedrijventerrein De Hoek</td><td>Vreemde geur</td><td>Nuisance</td>"));
  CHECK_FALSE(has(findings, "2025-10-08"));  // the Amsterdam date, not the UTC one
  CHECK_FALSE(has(findings, "kapotte_verlichting"));
}

TEST_CASE("between the measurements names themes, not codes, and dates months as elsewhere",
          "[e2e][report][language]") {
  TempDir dir;
  const std::string nl = section(report(dir, "nl"), "monitor");
  CHECK(has(nl, "Opkomende hotspots over 12 maanden vanaf 01-2025:"));
  CHECK(has(nl, "<tr><td>Alle thema&#39;s</td><td>nieuwe hotspot</td><td class=\"n\">2</td></tr>"));
  CHECK(has(nl, "<tr><td>Vernieling en graffiti</td><td>aanhoudende hotspot</td><td class=\"n\">1</td></tr>"));
  CHECK(has(nl, "<tr><td>Inbraak</td><td class=\"n\">529</td><td>niet gevonden</td></tr>"));
  for (const char* raw : {"<td>all</td>", "<td>vandalism</td>", "<td>burglary</td>", "2025-01"})
    CHECK_FALSE(has(nl, raw));
  const std::string en = section(report(dir, "en"), "monitor");
  CHECK(has(en, "Emerging hot spots over 12 months from 2025-01:"));
  CHECK(has(en, "<tr><td>All themes</td><td>new hot spot</td>"));
  CHECK(has(en, "<tr><td>Burglary</td><td class=\"n\">529</td>"));
}

TEST_CASE("the Dutch report writes every date and month as dd-mm-jjjj and mm-jjjj", "[e2e][report][language]") {
  TempDir dir;
  const std::string html = report(dir, "nl");
  // No ISO date or month (yyyy-mm) anywhere: cover, month chart, lists and method alike.
  std::smatch m;
  const bool iso = std::regex_search(html, m, std::regex("[^0-9]20[0-9]{2}-[0-9]{2}"));
  CHECK_FALSE(iso);
  if (iso) INFO("ISO date in the Dutch report: " << m.str());
  CHECK(has(section(html, "time"), "01-2023 · 01-2025"));
  CHECK(has(html, "analyse gemaakt 01-01-2026 00:00:00 UTC"));
  CHECK(has(section(html, "method"), "<td>01-01-2026 00:00:00 UTC</td>"));
  // English keeps ISO.
  const std::string en = report(dir, "en");
  CHECK(has(section(en, "time"), "2023-01 · 2025-01"));
  CHECK(has(en, "analysis made 2026-01-01 00:00:00 UTC"));  // the same shape as "report made"
  CHECK_FALSE(has(en, "000Z"));
}

TEST_CASE("the change table shows the Mann–Kendall trend with its class and p for the KVO areas",
          "[e2e][report][language][trend]") {
  TempDir dir;
  const std::string en = section(report(dir, "en"), "area-change");
  CHECK(has(en, "<th>Trend (Mann–Kendall)</th></tr></thead>"));
  // 't Zand all themes: fewer incidents than the baseline, yet rising within the follow-up.
  CHECK(std::regex_search(en, std::regex("<tr><td>Winkelcentrum &#39;t Zand</td><td>All themes</td>.*"
                                         "<td>increasing, <span class=\"nw\">p = 0.047</span></td></tr>")));
  CHECK(std::regex_search(en, std::regex("<tr><td>Bedrijventerrein De Hoek</td><td>All themes</td>.*"
                                         "<td>no trend, <span class=\"nw\">p = 0.095</span></td></tr>")));
  // A KVO area's significant trend is listed although its change is not significant.
  CHECK(std::regex_search(en, std::regex("<tr><td>Winkelcentrum &#39;t Zand</td><td>Vandalism and graffiti</td>.*"
                                         "<td>decreasing, <span class=\"nw\">p &lt; 0.001</span></td></tr>")));
  CHECK_FALSE(has(en, "<td>Burglary</td>"));     // neither change nor trend
  CHECK_FALSE(has(en, "<td>Shoplifting</td>"));  // a trend in a buurt only
  CHECK_FALSE(has(en, "<td>Centrum</td>"));      // a context area without a change
  CHECK(has(en, "3 further area × theme rows"));
  const std::string html = report(dir, "en");
  CHECK(has(section(html, "method"), "Mann–Kendall test asks whether"));

  const std::string nl = section(report(dir, "nl"), "area-change");
  CHECK(has(nl, "<td>stijgend, <span class=\"nw\">p = 0,047</span></td>"));
  CHECK(has(nl, "<td>dalend, <span class=\"nw\">p &lt; 0,001</span></td>"));
  CHECK(has(nl, "<td>geen trend, <span class=\"nw\">p = 0,095</span></td>"));
  CHECK_FALSE(has(nl, "increasing"));
  CHECK_FALSE(has(nl, "no_trend"));
}

TEST_CASE("without trend fields the change table has no trend column", "[e2e][report][language][trend]") {
  TempDir dir;
  const std::string en = section(report(dir, "en", false), "area-change");
  CHECK_FALSE(has(en, "Trend"));
  CHECK(has(en, "<tr><td>Winkelcentrum &#39;t Zand</td><td>All themes</td>"));
  CHECK_FALSE(has(en, "<td>Vandalism and graffiti</td>"));  // no trend: no reason to list it
}

TEST_CASE("each KVO area gets its monthly series with its trend under the month chart",
          "[e2e][report][language][trend]") {
  TempDir dir;
  const std::string nl = section(report(dir, "nl"), "time");
  const auto zand = nl.find("<figure class=\"chart\" data-area=\"KVO-WTZ\">");
  const auto hoek = nl.find("<figure class=\"chart\" data-area=\"KVO-BDH\">");
  REQUIRE(zand != std::string::npos);
  REQUIRE(hoek != std::string::npos);
  CHECK(zand < hoek);                                         // the order of the areas layer
  CHECK(nl.find("data-area=\"BU01\"") == std::string::npos);  // no context area
  const std::string z = nl.substr(zand, hoek - zand), h = nl.substr(hoek, nl.find("</figure>", hoek) - hoek);
  CHECK(has(z, "<h4>Winkelcentrum &#39;t Zand</h4>"));
  // Baseline then follow-up; January's late incident is February's in local time.
  CHECK(has(z, "data-values=\"2 2 2 2 2 2 2 2 2 2 2 2\""));
  CHECK(has(z, "data-values=\"1 3 3 4 5 6 7 8 9 10 11 12\""));
  CHECK(has(z, ">01-2023 · 01-2025</text>"));
  CHECK(has(z, ">12-2023 · 12-2025</text>"));
  CHECK(has(z, "<figcaption>Trend (Mann–Kendall): stijgend, <span class=\"nw\">p = 0,047</span></figcaption>"));
  CHECK(has(h, "data-values=\"0 0 0 0 0 1 0 0 0 0 0 0\""));
  CHECK(has(h, "geen trend, <span class=\"nw\">p = 0,095</span>"));
  const std::string en = section(report(dir, "en"), "time");
  CHECK(has(en, ">2023-01 · 2025-01</text>"));
  CHECK(has(en, "Trend (Mann–Kendall): increasing, <span class=\"nw\">p = 0.047</span>"));
}
