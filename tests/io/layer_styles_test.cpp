#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <regex>
#include <set>

#include "io/gpkg/gpkg_reader.hpp"
#include "qgis/layer_styles.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "support/layer_styles_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

std::filesystem::path fixture(const TempDir& dir, kvo::test::FixtureOptions o = {}) {
  const auto path = dir.path() / "out.gpkg";
  kvo::test::write_fixture_gpkg(path, o);
  return path;
}

// The vector tables of a GeoPackage (features and attributes) with their fields.
std::map<std::string, std::set<std::string>> vector_tables(const std::filesystem::path& gpkg) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& row : query_gpkg(gpkg, "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', "
                                          "'attributes') AND table_name <> 'layer_styles'"))
    for (const auto& col : query_gpkg(gpkg, "PRAGMA table_info(" + sql_literal(row[0]) + ")")) out[row[0]].insert(col[1]);
  return out;
}

std::string xml_unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#10;", "\n"}, {"&amp;", "&"}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

// Every field a QML document refers to: renderer attributes, label fields, aliases, the
// display expression and the double-quoted identifiers in rule filters.
std::set<std::string> referenced_fields(const std::string& qml) {
  std::set<std::string> out;
  const std::regex direct(R"re((?:attr|fieldName|field)="([^"]*)")re");
  for (std::sregex_iterator it(qml.begin(), qml.end(), direct), end; it != end; ++it) out.insert((*it)[1]);
  const std::regex filter(R"re(filter="([^"]*)")re");
  const std::regex ident(R"re("([^"]+)")re");
  for (std::sregex_iterator it(qml.begin(), qml.end(), filter), end; it != end; ++it) {
    const std::string expr = xml_unescape((*it)[1]);
    for (std::sregex_iterator f(expr.begin(), expr.end(), ident), e2; f != e2; ++f) out.insert((*f)[1]);
  }
  const std::regex preview(R"re(<previewExpression>([^<]*)</previewExpression>)re");
  for (std::sregex_iterator it(qml.begin(), qml.end(), preview), end; it != end; ++it) {
    const std::string expr = xml_unescape((*it)[1]);
    for (std::sregex_iterator f(expr.begin(), expr.end(), ident), e2; f != e2; ++f) out.insert((*f)[1]);
  }
  out.erase("");
  return out;
}

std::string default_qml(const std::filesystem::path& gpkg, const std::string& table) {
  const auto rows = query_gpkg(gpkg, "SELECT styleQML FROM layer_styles WHERE useAsDefault = 1 AND f_table_name = " +
                                         sql_literal(table));
  REQUIRE(rows.size() == 1);
  return rows[0][0];
}

}  // namespace

TEST_CASE("every vector layer has exactly one default layer_styles row that QGIS 3.22 will match",
          "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  const auto tables = vector_tables(gpkg);
  REQUIRE(tables.size() == 11);  // every vector layer of docs/contract/SPEC.md §3
  for (const auto& [table, fields] : tables) {
    INFO("table " << table);
    // QGIS 3.22 looks the default up by f_table_schema = '', the table and its geometry column.
    const auto geom = query_gpkg(gpkg, "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = " + sql_literal(table));
    const std::string column = geom.empty() ? "" : geom[0][0];
    const auto rows = query_gpkg(gpkg, "SELECT COUNT(*) FROM layer_styles WHERE useAsDefault = 1 AND f_table_schema = '' "
                                       "AND f_table_name = " + sql_literal(table) + " AND f_geometry_column = " +
                                           sql_literal(column));
    CHECK(rows[0][0] == "1");
    if (!geom.empty()) CHECK(column == "geom");
  }
}

TEST_CASE("each default style names only the layer's real fields, and the field that carries its meaning",
          "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  const std::map<std::string, std::string> key_field = {
      {"areas", "name"},           {"incidents", "theme"},  {"observations", "theme"},
      {"hotspot_cells", "gi_bin"}, {"area_stats", "per_ha_year"}, {"area_change", "change"},
      {"cell_change", "change_class"}, {"survey_indicators", "estimate"}, {"rejects", "reason"},
      {"temporal_profile", "weight"},  {"run_manifest", "value"}};
  for (const auto& [table, fields] : vector_tables(gpkg)) {
    INFO("table " << table);
    const auto refs = referenced_fields(default_qml(gpkg, table));
    for (const auto& r : refs) {
      INFO("field " << r);
      CHECK(fields.count(r) == 1);
    }
    if (key_field.count(table)) CHECK(refs.count(key_field.at(table)) == 1);
  }
  // Every row of layer_styles, defaults or not, is a QGIS style document.
  for (const auto& row : query_gpkg(gpkg, "SELECT styleQML FROM layer_styles"))
    CHECK(row[0].rfind("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis ", 0) == 0);
}

TEST_CASE("layer_styles has QGIS's own schema and is registered as an attributes table", "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  std::vector<std::string> columns;
  for (const auto& col : query_gpkg(gpkg, "PRAGMA table_info(layer_styles)")) columns.push_back(col[1]);
  // The columns QGIS's OGR provider creates (and GDAL documents for GeoPackage styles).
  const std::vector<std::string> qgis = {"id",        "f_table_catalog", "f_table_schema", "f_table_name",
                                         "f_geometry_column", "styleName", "styleQML", "styleSLD",
                                         "useAsDefault", "description", "owner", "ui", "update_time"};
  CHECK(columns == qgis);
  const auto contents = query_gpkg(gpkg, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'");
  REQUIRE(contents.size() == 1);
  CHECK(contents[0][0] == "attributes");
}

TEST_CASE("hot spot cells show the seven Gi* confidence classes in the conventional red-blue colours",
          "[io][styles]") {
  TempDir dir;
  const auto qml = default_qml(fixture(dir), "hotspot_cells");
  // ArcGIS Pro's Hot Spot Analysis renderer: hot 99/95/90 %, not significant, cold 90/95/99 %.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"3", "214,47,39"},   {"2", "237,117,81"},   {"1", "250,185,132"}, {"0", "255,255,191"},
      {"-1", "192,204,190"}, {"-2", "132,158,186"}, {"-3", "69,117,181"}};
  std::size_t at = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string filter = "filter=\"&quot;gi_bin&quot; = " + expected[i].first + "\"";
    const auto found = qml.find(filter, at);
    INFO("class " << expected[i].first);
    REQUIRE(found != std::string::npos);
    at = found;
    // Symbol i carries the class colour (alpha varies: not significant is translucent).
    const auto sym = qml.find("<symbol type=\"fill\" name=\"" + std::to_string(i) + "\"");
    REQUIRE(sym != std::string::npos);
    const auto color = qml.find("name=\"color\" value=\"" + expected[i].second + ",", sym);
    CHECK(color != std::string::npos);
    CHECK(color < qml.find("</symbol>", sym));
  }
  // The rules sit under one parent that shows the study-wide totals of the latest period.
  CHECK(qml.find("filter=\"&quot;theme&quot; = &apos;all&apos; AND &quot;period&quot; = &apos;followup&apos;\"") !=
        std::string::npos);
}

TEST_CASE("local Moran clusters are stored as a second, non-default style of hot spot cells", "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  const auto rows = query_gpkg(gpkg, "SELECT styleQML, useAsDefault FROM layer_styles WHERE f_table_name = 'hotspot_cells' "
                                     "AND styleQML LIKE '%lm_cluster%' AND styleName LIKE '%Moran%'");
  REQUIRE(rows.size() == 2);  // one per period
  for (const auto& r : rows) {
    CHECK(r[1] == "0");
    for (const char* c : {"HH", "LL", "HL", "LH", "ns"})
      CHECK(r[0].find("&quot;lm_cluster&quot; = &apos;" + std::string(c) + "&apos;") != std::string::npos);
  }
}

TEST_CASE("legends and field aliases follow the spec's language", "[io][styles]") {
  TempDir dir;
  kvo::test::FixtureOptions nl;
  nl.language = "nl";
  const auto gpkg = fixture(dir, nl);
  const auto areas = default_qml(gpkg, "areas");
  CHECK(areas.find("name=\"Gebiedscode\"") != std::string::npos);
  const auto hot = default_qml(gpkg, "hotspot_cells");
  CHECK(hot.find("label=\"Hotspot, 99 % betrouwbaarheid\"") != std::string::npos);
  CHECK(hot.find("label=\"Coldspot, 99 % betrouwbaarheid\"") != std::string::npos);
  const auto change = default_qml(gpkg, "area_change");
  CHECK(change.find("label=\"Significante toename\"") != std::string::npos);

  TempDir dir_en;
  const auto en = default_qml(fixture(dir_en), "areas");
  CHECK(en.find("name=\"Area code\"") != std::string::npos);
}

TEST_CASE("coded values show their names in the spec's language, while the data keep the codes", "[io][styles]") {
  TempDir dir;
  kvo::test::FixtureOptions nl;
  nl.language = "nl";
  const auto gpkg = fixture(dir, nl);
  // A ValueMap widget per coded field: QGIS shows "Winkeldiefstal" where the row holds shoplifting.
  const auto change = default_qml(gpkg, "area_change");
  const auto theme = change.find("<field name=\"theme\" configurationFlags=\"None\">");
  REQUIRE(theme != std::string::npos);
  CHECK(change.find("<editWidget type=\"ValueMap\">", theme) < change.find("</field>", theme));
  CHECK(change.find("name=\"Winkeldiefstal\" value=\"shoplifting\"", theme) < change.find("</field>", theme));
  CHECK(change.find("name=\"Alle thema&apos;s\" value=\"all\"") != std::string::npos);
  CHECK(change.find("name=\"Significante toename\" value=\"increase\"") != std::string::npos);
  const auto hot = default_qml(gpkg, "hotspot_cells");
  CHECK(hot.find("name=\"Vervolgmeting\" value=\"followup\"") != std::string::npos);
  CHECK(hot.find("name=\"Hotspot, 99 % betrouwbaarheid\" value=\"3\"") != std::string::npos);
  CHECK(query_gpkg(gpkg, "SELECT COUNT(*) FROM area_change WHERE theme = 'shoplifting'")[0][0] != "0");
  // A free-text field gets no value map.
  CHECK(default_qml(gpkg, "areas").find("<field name=\"name\"") == std::string::npos);
  TempDir dir_en;
  CHECK(default_qml(fixture(dir_en), "area_change").find("name=\"Shoplifting\" value=\"shoplifting\"") !=
        std::string::npos);
}

TEST_CASE("a layer that is not in the file gets no style", "[io][styles]") {
  TempDir dir;
  kvo::test::FixtureOptions o;
  o.followup = false;
  o.survey = false;
  const auto gpkg = fixture(dir, o);
  for (const char* absent : {"area_change", "cell_change", "density_change", "survey_indicators", "density_followup"}) {
    INFO(absent);
    CHECK(query_gpkg(gpkg, "SELECT COUNT(*) FROM layer_styles WHERE f_table_name = " + sql_literal(absent))[0][0] == "0");
  }
  // With one period the baseline is the latest: its views are the defaults.
  CHECK(default_qml(gpkg, "hotspot_cells").find("&quot;period&quot; = &apos;baseline&apos;") != std::string::npos);
}

TEST_CASE("density rasters of both periods share one colour scale and the change ramp is symmetric",
          "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  const StyleContext ctx = describe_for_styles(gpkg, "en", "");
  const auto* base = ctx.find("density_baseline");
  const auto* follow = ctx.find("density_followup");
  const auto* change = ctx.find("density_change");
  REQUIRE(base);
  REQUIRE(follow);
  REQUIRE(change);
  CHECK(base->value_max == follow->value_max);
  // The fixture's baseline peak is 4 (at the bump's centre, sampled at cell centres 5 m off).
  CHECK(base->value_max == Approx(4.0 * std::pow(1 - 50.0 / (250.0 * 250.0), 2)).epsilon(1e-6));
  bool seen = false;
  for (const auto& v : layer_views(ctx)) {
    if (v.table != "density_change") continue;
    seen = true;
    const auto qml = style_qml(ctx, v);
    std::smatch lo, hi;
    REQUIRE(std::regex_search(qml, lo, std::regex(R"re(classificationMin="([^"]+)")re")));
    REQUIRE(std::regex_search(qml, hi, std::regex(R"re(classificationMax="([^"]+)")re")));
    const double m = std::max(std::abs(change->value_min), std::abs(change->value_max));
    // The fixture's change peaks at 2.53 (in absolute value): 2.53 / 3 = 0.84 → steps of 1,
    // three either side of 0, so the ramp runs over ±3 with round class values.
    CHECK(m == Approx(2.5304).epsilon(1e-4));
    CHECK(hi[1] == "3");
    CHECK(lo[1] == "-3");
    std::vector<std::string> labels;
    const std::regex item(R"re(<item value="([^"]+)" color="[^"]+" alpha="[^"]+" label="([^"]+)")re");
    for (std::sregex_iterator it(qml.begin(), qml.end(), item), end; it != end; ++it) {
      CHECK((*it)[1] == (*it)[2]);  // English: the label is the value as written
      labels.push_back((*it)[2]);
    }
    CHECK(labels == std::vector<std::string>{"-3", "-2", "-1", "0", "1", "2", "3"});
  }
  CHECK(seen);
}

TEST_CASE("density legends show round class values on a 1-2-5 scale, with a decimal comma in Dutch", "[io][styles]") {
  // The reviewer's case: a maximum of 26.382 gave 4.397, 8.794 …; 26.382 / 6 = 4.397, the
  // next of 1, 2, 5 × 10^k is 5, and six steps of 5 reach 30 ≥ 26.382.
  const NiceScale a = nice_scale(26.382, 6);
  CHECK(a.step == 5.0);
  CHECK(a.count == 6);
  CHECK(a.decimals == 0);
  // 5.814 / 6 = 0.969 → 1; 0.3 / 6 = 0.05 → 0.05 (two decimals), 0.15 exactly as written.
  CHECK(nice_scale(5.814, 6).step == 1.0);
  CHECK(nice_scale(5.814, 6).count == 6);
  const NiceScale c = nice_scale(0.3, 6);
  CHECK(c.step == 0.05);
  CHECK(c.count == 6);
  CHECK(c.decimals == 2);
  CHECK(c.value(3) == 0.15);
  CHECK(nice_scale(0.0, 6).step == 0.2);  // no data: 0–1 in steps of 0.2
  CHECK(nice_scale(0.0, 6).count == 5);
  CHECK(nice_scale(1200.0, 6).step == 200.0);
  CHECK(nice_scale(1200.0, 6).count == 6);

  // A Dutch density raster with a maximum of 2.9: 2.9 / 6 = 0.483 → steps of 0.5 up to 3.
  StyleContext ctx;
  ctx.language = "nl";
  ctx.periods = {"baseline"};
  ctx.layers.push_back({"density_baseline", "Raster", "", {}, 0.0, 2.9});
  bool seen = false;
  for (const auto& v : layer_views(ctx)) {
    if (v.table != "density_baseline") continue;
    seen = true;
    const auto qml = style_qml(ctx, v);
    CHECK(qml.find("labelPrecision=\"1\"") != std::string::npos);
    CHECK(qml.find("classificationMax=\"3\"") != std::string::npos);
    std::vector<std::string> labels;
    const std::regex item(R"re(<item value="[^"]+" color="[^"]+" alpha="[^"]+" label="([^"]+)")re");
    for (std::sregex_iterator it(qml.begin(), qml.end(), item), end; it != end; ++it) labels.push_back((*it)[1]);
    CHECK(labels == std::vector<std::string>{"0", "0,5", "1", "1,5", "2", "2,5", "3"});
  }
  CHECK(seen);
}

TEST_CASE("nice_ceiling rounds up to 1, 2, 2.5 or 5 times a power of ten", "[io][styles]") {
  CHECK(nice_ceiling(0.83) == 1.0);
  CHECK(nice_ceiling(37.2) == 50.0);
  CHECK(nice_ceiling(21.0) == 25.0);
  CHECK(nice_ceiling(2.0) == 2.0);
  CHECK(nice_ceiling(0.0) == 1.0);
  CHECK(nice_ceiling(1200.0) == 2000.0);
}

TEST_CASE("ramp colours interpolate linearly between the ColorBrewer stops", "[io][styles]") {
  const auto ramp = density_ramp();
  CHECK(ramp_color(ramp, 0.0).hex() == "#ffffb2");  // ColorBrewer YlOrRd, 7 classes
  CHECK(ramp_color(ramp, 1.0).hex() == "#b10026");
  const Rgba mid = ramp_color(ramp, 1.0 / 12);     // halfway between the first two stops
  CHECK(mid.r == 255);  // (255 + 254) / 2 = 254.5 → 255 (round half away from zero)
  CHECK(mid.g == 236);  // (255 + 217) / 2
  CHECK(mid.b == 148);  // (178 + 118) / 2
}

TEST_CASE("survey proportions are classed in percent and marks on their own scale", "[io][styles]") {
  TempDir dir;
  const auto gpkg = fixture(dir);
  const auto rows = query_gpkg(gpkg, "SELECT styleName, styleQML FROM layer_styles WHERE f_table_name = 'survey_indicators' "
                                     "AND styleName LIKE '%Follow-up'");
  REQUIRE(rows.size() == 3);  // one view per indicator
  for (const auto& r : rows) {
    INFO(r[0]);
    const bool mark = r[0].find("Mark lighting") != std::string::npos;
    CHECK((r[1].find("label=\"0 – 20 %\"") != std::string::npos) == !mark);
    if (mark) CHECK(r[1].find("label=\"0 – 2\"") != std::string::npos);  // 0–10 in five classes
  }
}

TEST_CASE("KVO areas are drawn and labelled above the neighbourhoods around them", "[io][styles]") {
  TempDir dir;
  const auto qml = default_qml(fixture(dir), "areas");
  // Three buurten against two KVO areas: "buurt" is the context kind.
  CHECK(qml.find("type=\"categorizedSymbol\" attr=\"kind\"") != std::string::npos);
  CHECK(qml.find("<labeling type=\"rule-based\">") != std::string::npos);
  const auto main = qml.find("filter=\"&quot;kind&quot; &lt;&gt; &apos;buurt&apos;\"");
  const auto context = qml.find("filter=\"&quot;kind&quot; = &apos;buurt&apos;\"");
  REQUIRE(main != std::string::npos);
  REQUIRE(context != std::string::npos);
  CHECK(qml.find("priority=\"10\"", main) < context);  // KVO labels win collisions
  // Legends name the kinds readably, not by their codes.
  CHECK(qml.find("label=\"KVO area\"") != std::string::npos);
  CHECK(qml.find("label=\"Neighbourhood\"") != std::string::npos);
  CHECK(qml.find("label=\"kvo_area\"") == std::string::npos);
  CHECK(area_kind_label("kvo_winkelgebied", "nl") == "KVO-winkelgebied");
  CHECK(area_kind_label("kvo_bedrijventerrein", "en") == "KVO business park");
  CHECK(area_kind_label("stads_deel", "nl") == "stads_deel");  // unknown kinds: their code
  CHECK(context_area_kind({{"kvo_winkelgebied", 1}, {"kvo_bedrijventerrein", 1}, {"buurt", 30}}) == "buurt");
  CHECK(context_area_kind({{"area", 4}}).empty());
  CHECK(context_area_kind({{"kvo", 2}, {"buurt", 2}}) == "buurt");  // a tie: the later kind
  // KVO kinds are the subject however many there are; two KVO kinds alone have no context.
  CHECK(context_area_kind({{"kvo_area", 3}, {"kvo_haventerrein", 5}}).empty());
  CHECK(context_area_kind({{"kvo_area", 40}, {"buurt", 2}}) == "buurt");
}

TEST_CASE("the schouw count and change layers get the area_stats and area_change styles and a place in the project",
          "[io][styles]") {
  kvo::io::StyleContext ctx;
  ctx.periods = {"baseline", "followup"};
  const std::vector<std::string> stats_fields = {"fid",    "area_id", "name",  "kind",
                                                 "period", "theme",   "count", "per_ha_year"};
  const std::vector<std::string> change_fields = {
      "fid", "area_id", "name", "theme", "count_baseline", "count_followup", "rate_ratio", "change"};
  ctx.layers.push_back({"observation_stats", "MultiPolygon", "geom", stats_fields, 0, 0});
  ctx.layers.push_back({"observation_change", "MultiPolygon", "geom", change_fields, 0, 0});
  ctx.maxima["observation_stats.per_ha_year"] = 2.0;
  std::map<std::string, int> views;
  std::map<std::string, std::string> group;
  for (const auto& v : kvo::io::layer_views(ctx)) {
    ++views[v.table];
    group[v.table] = v.group;
    const std::string qml = kvo::io::style_qml(ctx, v);
    if (v.table == "observation_stats") {
      CHECK(qml.find("per_ha_year") != std::string::npos);
      CHECK(qml.find("&quot;period&quot; = &apos;" + v.period + "&apos;") != std::string::npos);
    } else {
      CHECK(qml.find("&quot;change&quot;") != std::string::npos);
    }
    CHECK(qml.find("&quot;theme&quot; = &apos;all&apos;") != std::string::npos);
  }
  CHECK(views["observation_stats"] == 2);  // one view per period
  CHECK(views["observation_change"] == 1);
  CHECK(group["observation_change"] == "change");
}

TEST_CASE("the area kinds' value map and legend come from the kinds in the data, in the spec's language",
          "[io][styles]") {
  // Dutch, with the documented kvo_area, a partnership's own kvo_haventerrein and buurten.
  StyleContext ctx;
  ctx.language = "nl";
  ctx.layers.push_back({"areas", "MultiPolygon", "geom", {"fid", "area_id", "name", "kind", "area_ha"}, 0, 0});
  ctx.area_kinds = {"kvo_area", "kvo_haventerrein", "buurt"};
  ctx.context_kind = "buurt";
  const auto views = layer_views(ctx);
  REQUIRE(views.size() == 1);
  const auto qml = style_qml(ctx, views[0]);
  CHECK(qml.find("name=\"KVO-gebied\" value=\"kvo_area\"") != std::string::npos);
  CHECK(qml.find("name=\"kvo_haventerrein\" value=\"kvo_haventerrein\"") != std::string::npos);
  CHECK(qml.find("name=\"Buurt\" value=\"buurt\"") != std::string::npos);
  CHECK(qml.find("value=\"kvo_winkelgebied\"") == std::string::npos);  // not in the data: not listed
  CHECK(qml.find("label=\"KVO-gebied\"") != std::string::npos);
  CHECK(qml.find("label=\"kvo_haventerrein\"") != std::string::npos);
  CHECK(qml.find("KVO area") == std::string::npos);  // no English in a Dutch style
  CHECK(area_kind_label("kvo_area", "en") == "KVO area");

  // The same from a written file: the fixture's kinds are kvo_area and buurt.
  TempDir dir;
  kvo::test::FixtureOptions nl;
  nl.language = "nl";
  const auto areas = default_qml(fixture(dir, nl), "areas");
  CHECK(areas.find("name=\"KVO-gebied\" value=\"kvo_area\"") != std::string::npos);
  CHECK(areas.find("label=\"KVO-gebied\"") != std::string::npos);
  CHECK(areas.find("KVO area") == std::string::npos);
}

TEST_CASE("survey layers are named by their indicator and grouped under the survey, not under a theme",
          "[io][styles]") {
  StyleContext ctx;
  ctx.periods = {"baseline", "followup"};
  ctx.layers.push_back({"survey_indicators",
                        "MultiPolygon",
                        "geom",
                        {"fid", "area_id", "name", "period", "indicator", "kind", "theme", "n", "estimate", "too_few"},
                        0,
                        0});
  ctx.indicators = {"feels_unsafe"};
  ctx.maxima["survey_indicators.estimate.feels_unsafe"] = 0.4;
  std::vector<std::string> titles;
  for (const auto& v : layer_views(ctx)) {
    titles.push_back(v.title);
    CHECK(v.group == "survey");
    const auto qml = style_qml(ctx, v);
    CHECK(qml.find("label=\"Survey · " + period_label(v.period, "en") + " · Feels unsafe\"") != std::string::npos);
    CHECK(qml.find("label=\"All themes") == std::string::npos);                        // no theme view in the legend
    CHECK(qml.find("name=\"Proportion\" value=\"proportion\"") != std::string::npos);  // survey kind, no area kind
  }
  CHECK(titles == std::vector<std::string>{"Survey: Feels unsafe – Follow-up", "Survey: Feels unsafe – Baseline"});
  ctx.language = "nl";
  CHECK(layer_views(ctx).front().title == "Enquête: Feels unsafe – Vervolgmeting");
  CHECK(survey_indicator_label("victim_shoplifting") == "Victim shoplifting");
}

TEST_CASE("the near-repeat Knox table has a readable title in the spec's language", "[io][styles]") {
  StyleContext ctx;
  ctx.language = "nl";
  ctx.layers.push_back({"near_repeat", "None", "", {"fid", "theme", "observed", "knox_ratio"}, 0, 0});
  const auto views = layer_views(ctx);
  REQUIRE(views.size() == 1);
  CHECK(views[0].title == "Near-repeatpatroon (Knox-tabel, afstand × tijd)");
  CHECK(views[0].group == "tables");
  ctx.language = "en";
  CHECK(layer_views(ctx).front().title == "Near-repeat pattern (Knox table, distance × time)");
}

TEST_CASE("schouw categories and trend classes have readable names in Dutch and English", "[io][styles]") {
  // The common categories of data/taxonomy/observation.csv, matched as the taxonomy matches.
  CHECK(observation_category_label("kapotte_verlichting", "nl") == "Kapotte verlichting");
  CHECK(observation_category_label("kapotte_verlichting", "en") == "Broken lighting");
  CHECK(observation_category_label("KAPOTTE VERLICHTING", "nl") == "Kapotte verlichting");
  CHECK(observation_category_label("Slecht zicht", "en") == "Poor visibility");
  // Unknown codes: '_' as a space and a capital first letter, the rest as written.
  CHECK(observation_category_label("vreemde_geur", "nl") == "Vreemde geur");
  CHECK(observation_category_label("vreemde_geur", "en") == "Vreemde geur");
  CHECK(observation_category_label("fout_BOA", "en") == "Fout BOA");
  CHECK(observation_category_label("", "nl").empty());
  CHECK(trend_label("increasing", "en") == "increasing");
  CHECK(trend_label("increasing", "nl") == "stijgend");
  CHECK(trend_label("decreasing", "nl") == "dalend");
  CHECK(trend_label("no_trend", "en") == "no trend");
  CHECK(trend_label("no_trend", "nl") == "geen trend");
}
