// The report's zoomed maps per KVO area and its change maps per theme. The GeoPackage is
// written by hand: 14 KVO areas of 200 × 200 m, 1 km apart, among 8 buurten of 1 × 1 km, so
// that every expected view, count and heading follows from the planted data.

#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_layers.hpp"
#include "support/temp_dir.hpp"

using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct Square {
  std::string id, name, kind;
  double x, y, size;
};

constexpr int kKvoAreas = 14;
// The study area: the buurten reach from (149600, 409600) to (153600, 411600), the KVO areas
// to x = 156200, so the full extent is 6600 m wide and 2000 m high.
constexpr double kFullWidth = 156200 - 149600;

std::string kvo_id(int i) {
  return "KVO" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
}

// KVO areas in two rows of seven (two kinds, seven each); two names that need escaping.
std::vector<Square> kvo_areas() {
  std::vector<Square> out;
  for (int i = 0; i < kKvoAreas; ++i) {
    std::string name = "KVO-gebied " + std::to_string(i + 1);
    if (i == 0) name = "'s-Hertogenbosch / Winkelcentrum 't Zand";
    if (i == 1) name = "Bedrijventerrein \"De Hoek\" & Zn";
    out.push_back({kvo_id(i), name, i < 7 ? "kvo_winkelgebied" : "kvo_bedrijventerrein", 150000.0 + 1000 * (i % 7),
                   410000.0 + 1000 * (i / 7), 200});
  }
  return out;
}

// Eight buurten (the most numerous kind: the context); BU00 holds KVO01, BU10 holds KVO02.
std::vector<Square> buurten() {
  std::vector<Square> out;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 4; ++c)
      out.push_back({"BU" + std::to_string(c) + std::to_string(r), "Buurt " + std::to_string(c) + std::to_string(r),
                     "buurt", 149600.0 + 1000 * c, 409600.0 + 1000 * r, 1000});
  return out;
}

// Incidents per area and period (all themes): KVO04 and KVO10 are the two quietest.
std::int64_t incidents(int i) {
  return i == 3 ? 5 : i == 9 ? 6 : 50 + i;
}

std::vector<kvo::engine::Point> ring(double x, double y, double w, double h) {
  return {{x, y}, {x, y + h}, {x + w, y + h}, {x + w, y}, {x, y}};
}

kvo::engine::MultiPolygon multi(const Square& s) {
  kvo::engine::Polygon p;
  for (const auto& pt : ring(s.x, s.y, s.size, s.size)) p.outer().push_back(pt);
  return {p};
}

struct ChangeRow {
  const char *area, *theme;
  int c0, c1;
  const char* change;
};

// Shoplifting falls in KVO01 and vandalism rises in KVO02 (and in BU00): the two themes with a
// map. Burglary rises only in a buurt, violence and bicycle theft do not change significantly
// in a KVO area: listed without a map. Fire has no incident in any KVO area: not compared.
const ChangeRow kChanges[] = {
    {"KVO01", "all", 200, 120, "decrease"},
    {"KVO01", "shoplifting", 40, 12, "decrease"},
    {"KVO02", "vandalism", 10, 35, "increase"},
    {"BU00", "vandalism", 20, 50, "increase"},
    {"BU10", "burglary", 10, 40, "increase"},
    {"KVO01", "burglary", 6, 7, "no_significant_change"},
    {"KVO03", "violence", 20, 22, "no_significant_change"},
    {"KVO02", "bicycle_theft", 3, 2, "too_few"},
    {"KVO01", "fire", 0, 0, "too_few"},
};

struct CellRow {
  const char* theme;
  const char* change_class;
  int count;
  double x, y;  // first cell's south-west corner; the others follow eastwards, 50 m each
};

// Cells with a pattern per theme (and cells without, which are never drawn).
const CellRow kCells[] = {
    {"shoplifting", "persistent_hotspot", 3, 150000, 410000},
    {"shoplifting", "no_pattern", 2, 150000, 410050},
    {"vandalism", "new_hotspot", 2, 151000, 410000},
    {"burglary", "new_coldspot", 1, 152000, 410000},
    {"all", "new_hotspot", 4, 150000, 410100},
};

void write_gpkg(const fs::path& path, const std::string& language, bool followup) {
  using kvo::io::FieldType;
  using kvo::io::GeometryKind;
  const std::vector<std::string> periods =
      followup ? std::vector<std::string>{"baseline", "followup"} : std::vector<std::string>{"baseline"};
  kvo::io::GpkgWriter out(path, "EPSG:28992");
  {
    auto l = out.create_layer("areas", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"name", FieldType::text, ""},
                               {"kind", FieldType::text, ""},
                               {"area_ha", FieldType::real, ""}});
    auto all = kvo_areas();
    for (const auto& b : buurten()) all.push_back(b);
    for (const auto& a : all) {
      l.set(0, std::string_view(a.id));
      l.set(1, std::string_view(a.name));
      l.set(2, std::string_view(a.kind));
      l.set(3, a.size * a.size / 10000);
      l.set_multipolygon(multi(a));
      l.write();
    }
  }
  {
    auto l = out.create_layer("area_stats", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"period", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"count", FieldType::integer64, ""}});
    const auto areas = kvo_areas();
    for (int i = 0; i < kKvoAreas; ++i)
      for (const auto& p : periods) {
        l.set(0, std::string_view(areas[static_cast<std::size_t>(i)].id));
        l.set(1, p);
        l.set(2, std::string_view("all"));
        l.set(3, incidents(i));
        l.set_multipolygon(multi(areas[static_cast<std::size_t>(i)]));
        l.write();
      }
  }
  {
    // Gi* 99 % hot cells: the latest period's in KVO01 and KVO14, the baseline's in KVO02.
    auto l = out.create_layer(
        "hotspot_cells", GeometryKind::polygon,
        {{"period", FieldType::text, ""}, {"theme", FieldType::text, ""}, {"gi_bin", FieldType::integer, ""}});
    const std::string latest = periods.back();
    const std::vector<std::tuple<std::string, double, double>> hot = {
        {latest, 150075, 410075}, {latest, 156075, 411075}, {"baseline", 151075, 410075}};
    for (const auto& [period, x, y] : hot) {
      l.set(0, period);
      l.set(1, std::string_view("all"));
      l.set(2, std::int64_t{3});
      l.set_polygon(ring(x, y, 50, 50));
      l.write();
    }
  }
  if (followup) {
    auto l = out.create_layer("area_change", GeometryKind::none,
                              {{"area_id", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"count_baseline", FieldType::integer64, ""},
                               {"count_followup", FieldType::integer64, ""},
                               {"rate_ratio", FieldType::real, ""},
                               {"p", FieldType::real, ""},
                               {"q", FieldType::real, ""},
                               {"change", FieldType::text, ""}});
    for (const auto& r : kChanges) {
      const bool sig = std::string_view(r.change) == "increase" || std::string_view(r.change) == "decrease";
      l.set(0, std::string_view(r.area));
      l.set(1, std::string_view(r.theme));
      l.set(2, std::int64_t{r.c0});
      l.set(3, std::int64_t{r.c1});
      r.c0 > 0 ? l.set(4, static_cast<double>(r.c1) / r.c0) : l.set_null(4);
      l.set(5, sig ? 0.001 : 0.6);
      l.set(6, sig ? 0.004 : 0.8);
      l.set(7, std::string_view(r.change));
      l.write();
    }
    auto c = out.create_layer("cell_change", GeometryKind::polygon,
                              {{"theme", FieldType::text, ""}, {"change_class", FieldType::text, ""}});
    for (const auto& cell : kCells)
      for (int k = 0; k < cell.count; ++k) {
        c.set(0, std::string_view(cell.theme));
        c.set(1, std::string_view(cell.change_class));
        c.set_polygon(ring(cell.x + 50 * k, cell.y, 50, 50));
        c.write();
      }
  }
  // The latest period's density: 10 m cells over the whole study area, 660 × 200.
  kvo::io::RasterDef def;
  def.name = "density_" + periods.back();
  def.origin_x = 149600;
  def.origin_y = 411600;
  def.cell_size_m = 10;
  def.columns = 660;
  def.rows = 200;
  std::vector<float> data(660 * 200);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(1 + i % 660) / 100.0f;
  out.write_raster(def, data);

  nlohmann::json spec = {{"title", "KVO maps — test"},
                         {"language", language},
                         {"periods", nlohmann::json::object()},
                         {"compare", {{"alpha", 0.05}, {"min_total", 10}}}};
  spec["periods"]["baseline"] = {{"from", "2023-01-01"}, {"to", "2023-12-31"}, {"days", 365}};
  if (followup) spec["periods"]["followup"] = {{"from", "2025-01-01"}, {"to", "2025-12-31"}, {"days", 365}};
  std::map<std::string, nlohmann::json> manifest;
  manifest["spec"] = spec;
  kvo::io::write_manifest_layer(out, manifest);
  out.commit();
}

std::string make_report(const TempDir& dir, const std::string& language = "en", bool followup = true) {
  const fs::path gpkg = dir.path() / "kaarten.gpkg", html = dir.path() / "kaarten.html";
  write_gpkg(gpkg, language, followup);
  std::ostringstream out, err;
  const int status = kvo::cli::run({"report", gpkg.string(), "-o", html.string()}, out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  std::ifstream in(html, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The <figure> with this id.
std::string figure(const std::string& html, const std::string& id) {
  const auto from = html.find("<figure class=\"map\" id=\"" + id + "\"");
  if (from == std::string::npos) return "";
  return html.substr(from, html.find("</figure>", from) - from);
}

// The value of attribute `name` in the first element that has it.
std::string attribute(const std::string& text, const std::string& name) {
  const auto from = text.find(" " + name + "=\"");
  if (from == std::string::npos) return "";
  const auto start = from + name.size() + 3;
  return text.substr(start, text.find('"', start) - start);
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> out;
  const std::regex number(R"(-?\d+(?:\.\d+)?)");
  for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it)
    out.push_back(std::stod(it->str()));
  return out;
}

// The path data of the first <path class="…"> of that class.
std::string path_data(const std::string& svg, const std::string& css_class) {
  const auto at = svg.find("<path class=\"" + css_class + "\"");
  if (at == std::string::npos) return "";
  return attribute(svg.substr(at, svg.find("/>", at) - at), "d");
}

std::vector<std::string> area_headings(const std::string& html) {
  std::vector<std::string> out;
  const std::regex h4("<figure class=\"map\" id=\"map-area-\\d+\"[^>]*>\\n<h4>([^<]*)</h4>");
  for (std::sregex_iterator it(html.begin(), html.end(), h4), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("the report maps at most 12 KVO areas, the busiest, each under its escaped name", "[e2e][report][maps]") {
  TempDir dir;
  const std::string html = make_report(dir);
  // 14 KVO areas; KVO04 and KVO10 have the fewest incidents and are left out. The rest in the
  // order of the areas layer, the buurten never.
  std::vector<std::string> expected;
  for (int i = 0; i < kKvoAreas; ++i)
    if (i != 3 && i != 9)
      expected.push_back(i == 0   ? "&#39;s-Hertogenbosch / Winkelcentrum &#39;t Zand"
                         : i == 1 ? "Bedrijventerrein &quot;De Hoek&quot; &amp; Zn"
                                  : "KVO-gebied " + std::to_string(i + 1));
  CHECK(area_headings(html) == expected);
  CHECK(count(html, "<path class=\"area focus\"") == 12);
  CHECK(html.find("<h3>Per KVO area</h3>") != std::string::npos);
  CHECK(html.find("only the 12 of the 14 KVO areas with the most incidents (all periods, all themes) are mapped here; "
                  "not mapped: KVO-gebied 4, KVO-gebied 10") != std::string::npos);
  // The names are escaped in the headings, the map titles and the labels: never raw.
  CHECK(html.find("'s-Hertogenbosch") == std::string::npos);
  CHECK(html.find("\"De Hoek\"") == std::string::npos);
  CHECK(figure(html, "map-area-1").find("<title>&#39;s-Hertogenbosch / Winkelcentrum &#39;t Zand: hot spots") !=
        std::string::npos);
  // Every id on the page is unique (figures, gradients of the legends).
  std::set<std::string> ids;
  const std::regex id(" id=\"([^\"]+)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), id), end; it != end; ++it) {
    INFO((*it)[1]);
    CHECK(ids.insert((*it)[1]).second);
  }
}

TEST_CASE("a KVO area's map is zoomed to the area with a margin and shows only its surroundings",
          "[e2e][report][maps]") {
  TempDir dir;
  const std::string html = make_report(dir);
  const std::string zand = figure(html, "map-area-1");
  REQUIRE(!zand.empty());
  CHECK(attribute(zand, "data-area") == "KVO01");
  // The view in metres holds the area (150000–150200, 410000–410200) with at least 100 m around
  // it, and is a small part of the 6600 m wide study area.
  const auto view = numbers(attribute(zand, "data-view"));
  REQUIRE(view.size() == 4);
  CHECK(view[0] <= 150000 - 100);
  CHECK(view[1] <= 410000 - 100);
  CHECK(view[2] >= 150200 + 100);
  CHECK(view[3] >= 410200 + 100);
  CHECK(view[2] - view[0] < kFullWidth / 5);
  // The KVO area next door is 1 km away: out of view. The buurt around the area is drawn,
  // running off the map's edge.
  const auto box = numbers(attribute(zand, "viewBox"));
  REQUIRE(box.size() == 4);
  const auto focus = numbers(path_data(zand, "area focus"));
  REQUIRE(focus.size() >= 8);
  for (std::size_t i = 0; i + 1 < focus.size(); i += 2) {
    CHECK(focus[i] >= 0);
    CHECK(focus[i] <= box[2]);
    CHECK(focus[i + 1] >= 0);
    CHECK(focus[i + 1] <= box[3]);
  }
  CHECK(count(path_data(zand, "area"), "M") == 1);  // itself only, not KVO02
  const auto buurt = numbers(path_data(zand, "area other"));
  REQUIRE(buurt.size() >= 8);
  CHECK(*std::min_element(buurt.begin(), buurt.end()) < 0);  // reaches beyond the view
  // The latest period's hot cell in the area, not the one in KVO14; the legend says so.
  CHECK(count(path_data(zand, "cell gi3"), "M") == 1);
  CHECK(zand.find("Hot spot, 99 % confidence") != std::string::npos);
  // KVO02 had a hot cell in the baseline only.
  const std::string hoek = figure(html, "map-area-2");
  CHECK(hoek.find("cell gi3") == std::string::npos);
  CHECK(hoek.find("No significant hot or cold spot cells here.") != std::string::npos);
  // The density image is the raster's window around the area, not the whole 660 × 200 raster.
  const std::string marker = "href=\"data:image/png;base64,";
  const auto at = zand.find(marker);
  REQUIRE(at != std::string::npos);
  std::string png;
  {
    const std::string b64 = zand.substr(at + marker.size(), zand.find('"', at + marker.size()) - at - marker.size());
    int val = 0, bits = -8;
    for (char c : b64) {
      const auto pos = std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(c);
      if (pos == std::string::npos) break;
      val = (val << 6) | static_cast<int>(pos);
      bits += 6;
      if (bits >= 0) png += static_cast<char>((val >> bits) & 0xFF), bits -= 8;
    }
  }
  GDALAllRegister();
  const std::string mem = "/vsimem/report_maps_test.png";
  VSIFCloseL(
      VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE));
  GDALDatasetUniquePtr ds(GDALDataset::Open(mem.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  REQUIRE(ds);
  const double cells_across = (view[2] - view[0]) / 10;  // 10 m cells
  CHECK(ds->GetRasterXSize() >= cells_across - 1);
  CHECK(ds->GetRasterXSize() <= cells_across + 3);
  CHECK(ds->GetRasterXSize() < 660 / 5);
  ds.reset();
  VSIUnlink(mem.c_str());
}

TEST_CASE("a change map is drawn for exactly the themes with a significant change in a KVO area",
          "[e2e][report][maps]") {
  TempDir dir;
  const std::string html = make_report(dir);
  CHECK(html.find("<h3>Change per theme</h3>") != std::string::npos);
  // Shoplifting (KVO01) and vandalism (KVO02); burglary changed only in a buurt; `all` has
  // the study-wide change map.
  CHECK(count(html, "id=\"map-change-") == 2);
  const std::string shoplifting = figure(html, "map-change-shoplifting");
  const std::string vandalism = figure(html, "map-change-vandalism");
  REQUIRE(!shoplifting.empty());
  REQUIRE(!vandalism.empty());
  CHECK(html.find("id=\"map-change-burglary\"") == std::string::npos);
  CHECK(html.find("id=\"map-change-all\"") == std::string::npos);
  CHECK(shoplifting.find("<h4>Shoplifting</h4>") != std::string::npos);
  CHECK(vandalism.find("<h4>Vandalism and graffiti</h4>") != std::string::npos);
  CHECK(html.find("id=\"map-change-shoplifting\"") < html.find("id=\"map-change-vandalism\""));  // theme order
  // Each map holds its own theme's cells with a pattern, and nothing of the others.
  CHECK(count(path_data(shoplifting, "cell persistent_hotspot"), "M") == 3);
  CHECK(shoplifting.find("cell new_hotspot") == std::string::npos);
  CHECK(shoplifting.find("cell no_pattern") == std::string::npos);
  CHECK(count(path_data(vandalism, "cell new_hotspot"), "M") == 2);
  CHECK(vandalism.find("cell persistent_hotspot") == std::string::npos);
  CHECK(html.find("cell new_coldspot") == std::string::npos);                         // burglary's cell: no map
  CHECK(count(path_data(figure(html, "map-change"), "cell new_hotspot"), "M") == 4);  // the all-themes map
  // The areas by their class for that theme: KVO01 down; KVO02 and the buurt BU00 up.
  CHECK(count(path_data(shoplifting, "area-change decrease"), "M") == 1);
  CHECK(shoplifting.find("area-change increase") == std::string::npos);
  CHECK(count(path_data(vandalism, "area-change increase"), "M") == 2);
  CHECK(vandalism.find("Bedrijventerrein &quot;De Hoek&quot; &amp; Zn ▲</text>") != std::string::npos);
  CHECK(vandalism.find("Buurt 00 ▲</text>") != std::string::npos);
  CHECK(shoplifting.find("Winkelcentrum &#39;t Zand ▼</text>") != std::string::npos);
  CHECK(vandalism.find("Area: Significant increase") != std::string::npos);
  // One line names the compared themes without a map, in theme order; fire had no incident.
  CHECK(html.find("<p class=\"no-theme-maps\">No significant change in any KVO area, so no map: Burglary, Bicycle "
                  "theft, Violence.</p>") != std::string::npos);
}

TEST_CASE("the Dutch report has the area and theme maps in Dutch", "[e2e][report][maps]") {
  TempDir dir;
  const std::string html = make_report(dir, "nl");
  CHECK(html.find("<h3>Per KVO-gebied</h3>") != std::string::npos);
  CHECK(html.find("alleen de 12 van de 14 KVO-gebieden met de meeste incidenten") != std::string::npos);
  CHECK(html.find("<h3>Verandering per thema</h3>") != std::string::npos);
  CHECK(figure(html, "map-change-shoplifting").find("<h4>Winkeldiefstal</h4>") != std::string::npos);
  CHECK(figure(html, "map-change-vandalism").find("Gebied: Significante toename") != std::string::npos);
  CHECK(html.find("Geen significante verandering in een KVO-gebied, dus geen kaart: Inbraak, Fietsendiefstal, "
                  "Geweld.") != std::string::npos);
  CHECK(figure(html, "map-area-2").find("Hier geen significante hot- of coldspotcellen.") != std::string::npos);
  CHECK(html.find("No significant change in any KVO area") == std::string::npos);
}

TEST_CASE("a report of one period has the area maps and no theme change maps", "[e2e][report][maps]") {
  TempDir dir;
  const std::string html = make_report(dir, "en", false);
  CHECK(area_headings(html).size() == 12);
  CHECK(figure(html, "map-area-1").find("hot spots and density, Baseline 2023") != std::string::npos);
  CHECK(count(path_data(figure(html, "map-area-1"), "cell gi3"), "M") == 1);  // the baseline is the latest period
  CHECK(html.find("<h3>Change per theme</h3>") == std::string::npos);
  CHECK(html.find("id=\"map-change") == std::string::npos);
}
