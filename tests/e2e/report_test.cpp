#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "support/layer_styles_fixture.hpp"
#include "support/report_process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Made {
  int status = -1;
  std::string out, err, html;
  fs::path html_path;
};

// Writes the fixture GeoPackage and runs `kvo report` on it in-process.
Made make_report(const TempDir& dir, const kvo::test::FixtureOptions& o = {}) {
  const fs::path gpkg = dir.path() / "vervolgmeting.gpkg";
  kvo::test::write_fixture_gpkg(gpkg, o);
  Made m;
  m.html_path = dir.path() / "rapport.html";
  std::ostringstream out, err;
  m.status = kvo::cli::run({"report", gpkg.string(), "-o", m.html_path.string()}, out, err);
  m.out = out.str();
  m.err = err.str();
  if (fs::exists(m.html_path)) m.html = slurp(m.html_path);
  return m;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::vector<std::string> headings(const std::string& html) {
  std::vector<std::string> out;
  const std::regex h2("<h2>([^<]*)</h2>");
  for (std::sregex_iterator it(html.begin(), html.end(), h2), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

const std::vector<std::string> kEnglishHeadings = {
    "Summary", "Maps", "Incidents per theme", "Change per area", "When incidents happen", "Survey indicators",
    "Data quality: rejected records", "Method and data sources", "Contents of the GeoPackage"};

// The report must not reach out: no scripts, no stylesheets, no external images or links.
void check_self_contained(const std::string& html) {
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'; img-src data:;") != std::string::npos);
  // Scanned by hand: std::regex recurses per character and overflows on the long data: URIs.
  for (const std::string attr : {"src=", "href="}) {
    for (auto at = html.find(attr); at != std::string::npos; at = html.find(attr, at + 1)) {
      std::size_t v = at + attr.size();
      while (v < html.size() && (html[v] == ' ' || html[v] == '"' || html[v] == '\'')) ++v;
      const std::string target = html.substr(v, 8);
      INFO("reference " << target);
      CHECK((target.rfind("data:", 0) == 0 || target.rfind("#", 0) == 0));
    }
  }
  std::string rest = html;
  for (auto at = rest.find("xmlns=\"http://www.w3.org/2000/svg\""); at != std::string::npos;
       at = rest.find("xmlns=\"http://www.w3.org/2000/svg\""))
    rest.erase(at, 34);  // the SVG namespace is a name, not a request
  CHECK(rest.find("http://") == std::string::npos);
  CHECK(rest.find("https://") == std::string::npos);
}

std::string base64_decode(const std::string& in) {
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else break;
    val = (val << 6) | d;
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("kvo report writes one self-contained HTML file with maps, charts and tables", "[e2e][report]") {
  TempDir dir;
  const Made m = make_report(dir);
  INFO(m.err);
  REQUIRE(m.status == 0);
  CHECK(m.out.find("rapport.html") != std::string::npos);
  REQUIRE(m.html.rfind("<!DOCTYPE html>", 0) == 0);
  check_self_contained(m.html);
  CHECK(headings(m.html) == kEnglishHeadings);
  // Maps of the whole study area: one per period and the change map, each with cells and a
  // density image; then one zoomed map per KVO area (2) and one change map for the one theme
  // with a significant change in a KVO area (shoplifting in 't Zand).
  const std::string overview = m.html.substr(0, m.html.find("<h3>Per KVO area</h3>"));
  CHECK(count(m.html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"") == 3 + 2 + 1);
  CHECK(count(overview, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"") == 3);
  CHECK(count(overview, "<image ") == 3);
  CHECK(count(m.html, "<image ") == 3 + 2);  // the area maps show the follow-up density
  CHECK(count(overview, "<path class=\"cell gi3\"") == 2);
  CHECK(overview.find("<path class=\"cell new_hotspot\"") != std::string::npos);
  CHECK(count(overview, "<path class=\"area\"") == 3);
  // The neighbourhoods are context: thin, drawn below, and left out of the time profile.
  CHECK(count(overview, "<path class=\"area other\"") == 3);
  CHECK(count(m.html, "<path class=\"area focus\"") == 2);
  CHECK(m.html.find("id=\"map-change-shoplifting\"") != std::string::npos);
  CHECK(m.html.find("Areas: Winkelcentrum &#39;t Zand, Bedrijventerrein De Hoek.") != std::string::npos);
  // Bar chart: 5 themes × 2 periods; the shoplifting increase and the total decrease are marked.
  CHECK(count(m.html, "<rect class=\"bar\"") == 10);
  // The significant changes are stated per KVO area in the summary, with the correction in
  // words (issue 11: the town-wide theme table with its marks became one table per KVO area).
  CHECK(m.html.find("<span class=\"mark-up\">▲</span> <strong>Shoplifting</strong>: significant increase, 12 → 26 "
                    "incidents, rate ratio 2.17; 95 % interval <span class=\"nw\">1.30–3.47</span> and p = 0.004 for "
                    "this comparison alone; after correcting for the 4 comparisons in this analysis "
                    "(Benjamini–Hochberg, false discovery rate 5 %) q = 0.008: significant.") != std::string::npos);
  CHECK(m.html.find("<span class=\"mark-down\">▼</span> <strong>All themes together</strong>: significant decrease, "
                    "40 → 18 incidents, rate ratio 0.45;") != std::string::npos);
  // Hour × weekday tables for both periods; survey intervals 3 indicators × 2 areas × 2 periods,
  // the two proportions in % in one chart, the mark (1–10) in another.
  CHECK(count(m.html, "<table class=\"heat\">") == 2);
  CHECK(count(m.html, "<circle class=\"estimate\"") == 12);
  CHECK(count(m.html, "class=\"chart intervals\"") == 2);
  CHECK(m.html.find("<td class=\"n\">32.0 %</td>") != std::string::npos);
  CHECK(m.html.find("<td class=\"n\">6.40</td>") != std::string::npos);
  CHECK(m.html.find("too few respondents") != std::string::npos);
  // Rejects and the auditors' part: parameters, hashes, versions.
  CHECK(m.html.find("<code>missing_coordinates</code>") != std::string::npos);
  CHECK(m.html.find("<code>hotspots.distance</code>") != std::string::npos);
  CHECK(m.html.find("SHA-256 " + std::string(64, 'b')) != std::string::npos);
  CHECK(m.html.find("20240101") != std::string::npos);
  CHECK(m.html.find("gdal 3.6.2") != std::string::npos);
  CHECK(m.html.find("@page { size: A4") != std::string::npos);
}

TEST_CASE("the density map image is the raster coloured with the QGIS ramp", "[e2e][report]") {
  TempDir dir;
  const Made m = make_report(dir);
  REQUIRE(m.status == 0);
  const std::string marker = "href=\"data:image/png;base64,";
  const auto at = m.html.find(marker);
  REQUIRE(at != std::string::npos);
  const std::string png = base64_decode(m.html.substr(at + marker.size(), m.html.find('"', at + marker.size()) - at - marker.size()));
  REQUIRE(png.rfind("\x89PNG", 0) == 0);
  GDALAllRegister();
  const std::string mem = "/vsimem/report_test_density.png";
  VSIFCloseL(VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE));
  GDALDatasetUniquePtr ds(GDALDataset::Open(mem.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  REQUIRE(ds);
  CHECK(ds->GetRasterXSize() == 100);  // the fixture raster, 100 × 100 cells, is not shrunk
  CHECK(ds->GetRasterCount() == 4);
  auto pixel = [&](int band, int x, int y) {
    GByte v = 0;
    CHECK(ds->GetRasterBand(band)->RasterIO(GF_Read, x, y, 1, 1, &v, 1, 1, GDT_Byte, 0, 0) == CE_None);
    return static_cast<int>(v);
  };
  // A corner far from any incident is transparent; the baseline peak (column 29, row 69)
  // has the top of the ramp, ColorBrewer YlOrRd #b10026, opaque.
  CHECK(pixel(4, 0, 0) == 0);
  CHECK(pixel(1, 29, 69) == 0xb1);
  CHECK(pixel(2, 29, 69) == 0x00);
  CHECK(pixel(3, 29, 69) == 0x26);
  CHECK(pixel(4, 29, 69) == 255);
  ds.reset();
  VSIUnlink(mem.c_str());
}

TEST_CASE("the report is in Dutch, with Dutch numbers, when the spec's language is nl", "[e2e][report]") {
  TempDir dir;
  kvo::test::FixtureOptions o;
  o.language = "nl";
  const Made m = make_report(dir, o);
  REQUIRE(m.status == 0);
  CHECK(headings(m.html) == std::vector<std::string>{"Samenvatting", "Kaarten", "Incidenten per thema",
                                                     "Verandering per gebied", "Wanneer incidenten plaatsvinden",
                                                     "Enquête-indicatoren", "Datakwaliteit: afgewezen records",
                                                     "Methode en databronnen", "Inhoud van de GeoPackage"});
  CHECK(m.html.find("<html lang=\"nl\">") != std::string::npos);
  CHECK(m.html.find("<td>60,0</td>") != std::string::npos);  // incidents per year, decimal comma
  CHECK(m.html.find("Significante afname") != std::string::npos);
  CHECK(m.html.find("01-01-2023 – 31-12-2023") != std::string::npos);
  CHECK(m.html.find("<tr><th>ma</th>") != std::string::npos);
}

TEST_CASE("the report degrades gracefully without follow-up, survey or time profile", "[e2e][report]") {
  TempDir dir;
  kvo::test::FixtureOptions o;
  o.followup = false;
  o.survey = false;
  o.temporal = false;
  const Made m = make_report(dir, o);
  INFO(m.err);
  REQUIRE(m.status == 0);
  check_self_contained(m.html);
  CHECK(headings(m.html) == kEnglishHeadings);
  // The baseline map and the two KVO areas zoomed; no change maps.
  CHECK(count(m.html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"") == 1 + 2);
  CHECK(m.html.find("id=\"map-change") == std::string::npos);
  CHECK(m.html.find("<h3>Change per theme</h3>") == std::string::npos);
  CHECK(m.html.find("No survey in this analysis.") != std::string::npos);
  CHECK(m.html.find("No comparison in this file") != std::string::npos);
  CHECK(m.html.find("no hour × weekday profile") != std::string::npos);
  CHECK(count(m.html, "<rect class=\"bar\"") == 5);
}

TEST_CASE("kvo report fails with exit status 1 naming the file when the GeoPackage is missing", "[e2e][report]") {
  TempDir dir;
  std::ostringstream out, err;
  const fs::path missing = dir.path() / "nothing here.gpkg";
  const int status = kvo::cli::run({"report", missing.string(), "-o", (dir.path() / "r.html").string()}, out, err);
  CHECK(status == 1);
  CHECK(err.str().find("nothing here.gpkg") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "r.html"));
  std::ostringstream hout, herr;
  CHECK(kvo::cli::run({"help", "report"}, hout, herr) == 0);
  CHECK(hout.str().find("--language") != std::string::npos);
}

TEST_CASE("kvo report works on the output of a real kvo run", "[e2e][report]") {
  TempDir dir;
  const fs::path spec = kvo::test::write_run_inputs(dir, "en");
  const fs::path gpkg = dir.path() / "run.gpkg";
  std::ostringstream out, err;
  REQUIRE(kvo::cli::run({"run", spec.string(), "-o", gpkg.string(), "--quiet"}, out, err) == 0);
  std::ostringstream rout, rerr;
  const fs::path html = dir.path() / "run.html";
  INFO(rerr.str());
  REQUIRE(kvo::cli::run({"report", gpkg.string(), "-o", html.string()}, rout, rerr) == 0);
  const std::string text = slurp(html);
  check_self_contained(text);
  CHECK(headings(text) == kEnglishHeadings);
  CHECK(text.find("<path class=\"area\"") != std::string::npos);
  CHECK(text.find("<code>missing_coordinates</code>") != std::string::npos);
  CHECK(text.find("KVO &#39;t Zand") != std::string::npos);
}

TEST_CASE("headless Chromium renders the report's maps, charts and tables, prints it on A4, and requests nothing",
          "[e2e][report][chromium][slow]") {
  const std::string chromium = kvo::test::find_program({"/usr/bin/chromium", "/usr/bin/chromium-browser",
                                                        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"});
  if (chromium.empty()) {
    kvo::test::skip_test(
        "Chromium is not installed (Debian package chromium): skipping the rendering check of the HTML report. "
        "`make test` installs it.");
  }
  TempDir dir;
  const Made m = make_report(dir);
  REQUIRE(m.status == 0);
  using kvo::test::shell_quote;
  const std::string browser = "timeout 120 " + shell_quote(chromium) +
                              " --headless --no-sandbox --disable-gpu --disable-background-networking"
                              " --disable-component-update --disable-sync --no-first-run --disable-extensions"
                              " --disable-default-apps --host-resolver-rules=" + shell_quote("MAP * ~NOTFOUND") +
                              " --user-data-dir=" + shell_quote((dir.path() / "profile").string());

  // 1. Measure the rendered page: a copy with a probe script (and a policy that allows it).
  std::string probe = m.html;
  const std::string csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  const auto csp_at = probe.find(csp);
  REQUIRE(csp_at != std::string::npos);
  probe.replace(csp_at, csp.size(), csp + "; script-src 'unsafe-inline'");
  probe.replace(probe.find("<head>") + 6, 0,
                "<script>window.kvoBlocked=[];document.addEventListener('securitypolicyviolation',"
                "function(e){window.kvoBlocked.push(e.blockedURI);});</script>");
  probe.replace(probe.rfind("</body>"), 0, R"js(<script>(function(){
var r={maps:[],charts:[],headings:[],tables:0,heat:0};
document.querySelectorAll('svg.map').forEach(function(s){var b=s.getBoundingClientRect();var drawn=0;
 s.querySelectorAll('path,image,text').forEach(function(e){var bb=e.getBBox();if(bb.width>0&&bb.height>0)drawn++;});
 r.maps.push({w:b.width,h:b.height,drawn:drawn,cells:s.querySelectorAll('path.cell').length});});
document.querySelectorAll('svg.chart').forEach(function(s){var b=s.getBoundingClientRect();
 r.charts.push({w:b.width,h:b.height,lines:s.classList.contains('lines'),
  marks:s.querySelectorAll('rect.bar,circle.estimate,polyline.line').length});});
document.querySelectorAll('h2').forEach(function(h){r.headings.push(h.textContent);});
r.tables=document.querySelectorAll('table').length;
r.heat=document.querySelectorAll('table.heat td').length;
r.resources=performance.getEntriesByType('resource').map(function(e){return e.name;});
r.blocked=window.kvoBlocked;
var p=document.createElement('pre');p.id='kvo-probe';p.textContent=JSON.stringify(r);document.body.appendChild(p);})();</script>)js");
  const fs::path probe_path = dir.path() / "probe.html";
  std::ofstream(probe_path, std::ios::binary) << probe;
  const auto dom = kvo::test::run_command(browser + " --dump-dom " + shell_quote(kvo::test::file_url(probe_path)));
  REQUIRE(dom.status == 0);
  const auto from = dom.output.find("<pre id=\"kvo-probe\">");
  REQUIRE(from != std::string::npos);
  std::string json = dom.output.substr(from + 20, dom.output.find("</pre>", from) - from - 20);
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (auto at = json.find(entity); at != std::string::npos; at = json.find(entity, at + 1)) json.replace(at, entity.size(), c);
  const auto r = nlohmann::json::parse(json);
  INFO(r.dump());
  REQUIRE(r["maps"].size() == 3 + 2 + 1);  // study area (2 periods, change), 2 KVO areas, 1 theme
  for (const auto& map : r["maps"]) {
    CHECK(map["w"].get<double>() > 300);
    CHECK(map["h"].get<double>() > 200);
    CHECK(map["drawn"].get<int>() >= 5);
  }
  REQUIRE(r["charts"].size() == 3 + 2);  // theme bars, 2 survey charts; the months of the 2 KVO areas
  for (const auto& chart : r["charts"]) {
    if (chart["lines"].get<bool>()) {  // a panel of the small multiple, three to a row
      CHECK(chart["w"].get<double>() > 150);
      CHECK(chart["marks"].get<int>() == 2);  // baseline and follow-up
      continue;
    }
    CHECK(chart["w"].get<double>() > 300);
    CHECK(chart["marks"].get<int>() >= 4);  // bars, or survey estimates
  }
  std::vector<std::string> seen = r["headings"];
  CHECK(seen == kEnglishHeadings);
  CHECK(r["tables"].get<int>() >= 10);
  CHECK(r["heat"].get<int>() == 2 * 7 * 24);
  CHECK(r["resources"].empty());  // nothing was fetched
  CHECK(r["blocked"].empty());    // and nothing was even attempted

  // 2. A screenshot of the real report (unchanged, no script) shows a drawn page.
  const fs::path shot = dir.path() / "shot.png";
  const auto s = kvo::test::run_command(browser + " --window-size=1000,1400 --screenshot=" + shell_quote(shot.string()) +
                                        " " + shell_quote(kvo::test::file_url(m.html_path)));
  CHECK(s.status == 0);
  REQUIRE(fs::exists(shot));
  GDALAllRegister();
  GDALDatasetUniquePtr img(GDALDataset::Open(shot.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  REQUIRE(img);
  CHECK(img->GetRasterXSize() == 1000);
  std::vector<GByte> red(static_cast<std::size_t>(1000) * 1400);
  REQUIRE(img->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 1000, 1400, red.data(), 1000, 1400, GDT_Byte, 0, 0) == CE_None);
  const auto ink = std::count_if(red.begin(), red.end(), [](GByte v) { return v < 200; });
  CHECK(ink > 20000);  // headings, tables and the first map, not a blank page

  // 3. Printing gives A4 pages.
  const fs::path pdf = dir.path() / "report.pdf";
  const auto pr = kvo::test::run_command(browser + " --no-pdf-header-footer --print-to-pdf=" + shell_quote(pdf.string()) +
                                         " " + shell_quote(kvo::test::file_url(m.html_path)));
  CHECK(pr.status == 0);
  REQUIRE(fs::exists(pdf));
  const std::string bytes = slurp(pdf);
  CHECK(bytes.rfind("%PDF-", 0) == 0);
  const std::regex media(R"re(/MediaBox \[0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\])re");
  std::size_t pages = 0;
  for (std::sregex_iterator it(bytes.begin(), bytes.end(), media), end; it != end; ++it, ++pages) {
    CHECK(std::stod((*it)[1]) == Approx(595.28).margin(1.0));  // A4: 210 × 297 mm in points
    CHECK(std::stod((*it)[2]) == Approx(841.89).margin(1.0));
  }
  CHECK(pages >= 4);
}
