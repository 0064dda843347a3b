#include "qgis/layer_styles_qml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "io/gpkg/output_schema.hpp"
#include "io/gpkg/sql_text.hpp"
#include "qgis/layer_styles_legend.hpp"

namespace kvo::io::detail {

namespace {

// What one symbol looks like; fill symbols for polygons, marker symbols for points.
struct SymbolSpec {
  Rgba fill;
  Rgba outline{60, 60, 60, 255};
  double outline_mm = 0.26;
  std::string brush = "solid";   // QGIS brush style: solid | no | b_diagonal
  std::string shape = "circle";  // marker shape
  double size_mm = 2.0;          // marker diameter
  bool outline_visible = true;
};

// One rule (or category) of a renderer.
struct Rule {
  std::string filter;  // expression; for categorized renderers the value
  std::string label;
  SymbolSpec symbol;
};

// Writes the options of a symbol layer twice: as the <Option> map QGIS ≥ 3.20 reads and
// as the <prop> list older versions read.
void write_props(Xml& x, const XmlAttrs& props) {
  x.open("Option", {{"type", "Map"}});
  for (const auto& [k, v] : props) x.empty("Option", {{"type", "QString"}, {"name", k}, {"value", v}});
  x.close();
  for (const auto& [k, v] : props) x.empty("prop", {{"k", k}, {"v", v}});
}

void write_symbol(Xml& x, const std::string& name, const std::string& geometry, const SymbolSpec& s) {
  const bool point = geometry == "Point";
  x.open("symbol", {{"type", point ? "marker" : "fill"},
                    {"name", name},
                    {"alpha", "1"},
                    {"clip_to_extent", "1"},
                    {"force_rhr", "0"}});
  x.open("layer", {{"class", point ? "SimpleMarker" : "SimpleFill"}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
  if (point) {
    write_props(x, {{"angle", "0"},
                    {"color", s.fill.qgis()},
                    {"joinstyle", "bevel"},
                    {"name", s.shape},
                    {"outline_color", s.outline.qgis()},
                    {"outline_style", s.outline_visible ? "solid" : "no"},
                    {"outline_width", xml_number(s.outline_mm)},
                    {"outline_width_unit", "MM"},
                    {"scale_method", "diameter"},
                    {"size", xml_number(s.size_mm)},
                    {"size_unit", "MM"}});
  } else {
    write_props(x, {{"color", s.fill.qgis()},
                    {"joinstyle", "bevel"},
                    {"outline_color", s.outline.qgis()},
                    {"outline_style", s.outline_visible ? "solid" : "no"},
                    {"outline_width", xml_number(s.outline_mm)},
                    {"outline_width_unit", "MM"},
                    {"style", s.brush}});
  }
  x.close();
  x.close();
}

void write_symbols(Xml& x, const std::string& geometry, const std::vector<Rule>& rules) {
  x.open("symbols");
  for (std::size_t i = 0; i < rules.size(); ++i) write_symbol(x, std::to_string(i), geometry, rules[i].symbol);
  x.close();
}

const XmlAttrs kRendererAttrs = {
    {"symbollevels", "0"}, {"enableorderby", "0"}, {"forceraster", "0"}, {"referencescale", "-1"}};

void write_single_renderer(Xml& x, const std::string& geometry, const SymbolSpec& symbol) {
  XmlAttrs a = {{"type", "singleSymbol"}};
  a.insert(a.end(), kRendererAttrs.begin(), kRendererAttrs.end());
  x.open("renderer-v2", a);
  write_symbols(x, geometry, {{"", "", symbol}});
  x.empty("rotation");
  x.empty("sizescale");
  x.close();
}

void write_categorized_renderer(Xml& x, const std::string& geometry, const std::string& field,
                                const std::vector<Rule>& categories) {
  XmlAttrs a = {{"type", "categorizedSymbol"}, {"attr", field}};
  a.insert(a.end(), kRendererAttrs.begin(), kRendererAttrs.end());
  x.open("renderer-v2", a);
  x.open("categories");
  for (std::size_t i = 0; i < categories.size(); ++i)
    x.empty("category", {{"value", categories[i].filter},
                         {"label", categories[i].label},
                         {"symbol", std::to_string(i)},
                         {"render", "true"}});
  x.close();
  write_symbols(x, geometry, categories);
  x.empty("rotation");
  x.empty("sizescale");
  x.close();
}

// A rule-based renderer: every rule under one parent that holds the view's row filter.
void write_rule_renderer(Xml& x, const std::string& geometry, const std::string& parent_filter,
                         const std::string& parent_label, const std::vector<Rule>& rules) {
  XmlAttrs a = {{"type", "RuleRenderer"}};
  a.insert(a.end(), kRendererAttrs.begin(), kRendererAttrs.end());
  x.open("renderer-v2", a);
  x.open("rules", {{"key", "{kvo-root}"}});
  const bool parent = !parent_filter.empty();
  if (parent) x.open("rule", {{"key", "{kvo-view}"}, {"filter", parent_filter}, {"label", parent_label}});
  for (std::size_t i = 0; i < rules.size(); ++i)
    x.empty("rule", {{"key", "{kvo-rule-" + std::to_string(i) + "}"},
                     {"filter", rules[i].filter},
                     {"label", rules[i].label},
                     {"symbol", std::to_string(i)}});
  if (parent) x.close();
  x.close();
  write_symbols(x, geometry, rules);
  x.close();
}

std::vector<Rule> classes_to_rules(const std::string& field, bool numeric, const std::vector<LegendClass>& classes,
                                   int fill_alpha) {
  std::vector<Rule> rules;
  for (const auto& c : classes) {
    Rule r;
    r.filter = sql_identifier(field) + " = " + (numeric ? c.value : sql_literal(c.value));
    r.label = c.label;
    r.symbol.fill = c.color;
    r.symbol.fill.a = fill_alpha;
    r.symbol.outline = {255, 255, 255, 160};
    r.symbol.outline_mm = 0.1;
    rules.push_back(std::move(r));
  }
  return rules;
}

// Five equal classes from 0 to a round maximum: comparable between periods and themes.
std::vector<Rule> graduated_rules(const std::string& field, double max, const std::vector<RampStop>& ramp, bool percent,
                                  const std::string& language, const std::string& extra_filter) {
  const double top = percent ? 1.0 : nice_ceiling(max);
  std::vector<Rule> rules;
  const int classes = 5;
  for (int i = 0; i < classes; ++i) {
    const double lo = top * i / classes, hi = top * (i + 1) / classes;
    Rule r;
    const std::string f = sql_identifier(field);
    r.filter =
        (i == 0 ? f + " <= " + xml_number(hi) : f + " > " + xml_number(lo) + " AND " + f + " <= " + xml_number(hi));
    if (i == classes - 1) r.filter = f + " > " + xml_number(lo);
    if (!extra_filter.empty()) r.filter += " AND " + extra_filter;
    const double scale = percent ? 100 : 1;
    const std::string unit = percent ? " %" : "";
    r.label = legend_number(lo * scale, 2, language) + " – " + legend_number(hi * scale, 2, language) + unit;
    if (i == classes - 1) r.label = "> " + legend_number(lo * scale, 2, language) + unit;
    r.symbol.fill = ramp_color(ramp, (i + 0.5) / classes);
    r.symbol.fill.a = 220;
    r.symbol.outline = {120, 120, 120, 255};
    r.symbol.outline_mm = 0.15;
    rules.push_back(std::move(r));
  }
  return rules;
}

double context_max(const StyleContext& ctx, const std::string& key) {
  const auto it = ctx.maxima.find(key);
  return it == ctx.maxima.end() ? 0.0 : it->second;
}

// The legend's parent node: what the view shows, e.g. "All themes · Follow-up" or, for a
// survey indicator (whose `theme` is only the police theme it sits beside),
// "Survey · Baseline · Feels unsafe".
std::string view_label(const StyleContext& ctx, const StyledLayer& layer, const LayerView& view) {
  std::string label;
  if (layer.name == schema::layer::survey_indicators)
    label = pick(ctx.language, "Survey", "Enquête");
  else if (layer.has("theme") && layer.name != schema::layer::incidents && layer.name != schema::layer::observations)
    label = theme_label("all", ctx.language);
  if (!view.period.empty()) label += (label.empty() ? "" : " · ") + period_label(view.period, ctx.language);
  if (!view.indicator.empty()) label += (label.empty() ? "" : " · ") + survey_indicator_label(view.indicator);
  return label;
}

// One label setting: the area's name with a white halo, inside the polygon.
void write_label_settings(Xml& x, const std::string& field, bool main) {
  x.open("settings", {{"calloutType", "simple"}});
  x.open("text-style", {{"fieldName", field},
                        {"isExpression", "0"},
                        {"fontSize", main ? "9" : "7"},
                        {"fontSizeUnit", "Point"},
                        {"fontWeight", main ? "75" : "50"},
                        {"fontItalic", "0"},
                        {"textColor", main ? "30,30,30,255" : "90,90,90,255"},
                        {"textOpacity", "1"},
                        {"multilineHeight", "1"},
                        {"blendMode", "0"}});
  x.empty("text-buffer", {{"bufferDraw", "1"},
                          {"bufferSize", main ? "1" : "0.7"},
                          {"bufferSizeUnits", "MM"},
                          {"bufferColor", "255,255,255,255"},
                          {"bufferOpacity", "0.85"},
                          {"bufferNoFill", "1"},
                          {"bufferJoinStyle", "128"}});
  x.close();
  x.empty("text-format",
          {{"wrapChar", ""}, {"autoWrapLength", "18"}, {"useMaxLineLengthForAutoWrap", "1"}, {"multilineAlign", "1"}});
  // The KVO areas' labels win collisions (priority 10 against 3).
  x.empty("placement", {{"placement", "1"},
                        {"centroidInside", "1"},
                        {"centroidWhole", "0"},
                        {"priority", main ? "10" : "3"},
                        {"dist", "0"},
                        {"fitInPolygonOnly", "0"}});
  x.empty("rendering", {{"obstacle", "1"},
                        {"drawLabels", "1"},
                        {"displayAll", "0"},
                        {"labelPerPart", "0"},
                        {"mergeLines", "0"},
                        {"minFeatureSize", "0"},
                        {"scaleVisibility", "0"},
                        {"upsidedownLabels", "0"},
                        {"limitNumLabels", "0"},
                        {"zIndex", main ? "1" : "0"}});
  x.close();
}

// Area names; with context areas (neighbourhoods) as well, two rules: the KVO areas large
// and bold, the context small and grey.
void write_area_labels(Xml& x, const StyleContext& ctx, const StyledLayer& layer) {
  const std::string field = layer.has("name") ? "name" : "area_id";
  if (ctx.context_kind.empty() || !layer.has("kind")) {
    x.open("labeling", {{"type", "simple"}});
    write_label_settings(x, field, true);
    x.close();
    return;
  }
  x.open("labeling", {{"type", "rule-based"}});
  x.open("rules", {{"key", "{kvo-labels}"}});
  for (const bool main : {true, false}) {
    x.open("rule", {{"key", main ? "{kvo-label-main}" : "{kvo-label-context}"},
                    {"filter", "\"kind\" " + std::string(main ? "<>" : "=") + " " + sql_literal(ctx.context_kind)},
                    {"description", main ? "KVO" : ctx.context_kind}});
    write_label_settings(x, field, main);
    x.close();
  }
  x.close();
  x.close();
}

void write_vector_renderer(Xml& x, const StyleContext& ctx, const StyledLayer& layer, const LayerView& view) {
  const std::string& lang = ctx.language;
  const std::string filter = view_filter(layer, view);
  const std::string label = view_label(ctx, layer, view);
  const std::string& geom = layer.geometry;
  const std::string& t = layer.name;

  if (t == schema::layer::areas) {
    SymbolSpec s;
    s.brush = "no";
    s.fill = {255, 255, 255, 0};
    s.outline = {35, 35, 35, 255};
    s.outline_mm = 0.6;
    if (ctx.context_kind.empty() || !layer.has("kind")) {
      write_single_renderer(x, geom, s);
      return;
    }
    // KVO areas and the neighbourhoods around them: the KVO areas bold, the context thin grey.
    std::vector<Rule> cats;
    for (const auto& kind : ctx.area_kinds) {
      Rule r{kind, area_kind_label(kind, lang), s};
      if (kind == ctx.context_kind) r.symbol.outline = {120, 120, 120, 255}, r.symbol.outline_mm = 0.3;
      cats.push_back(std::move(r));
    }
    write_categorized_renderer(x, geom, "kind", cats);
    return;
  }
  if ((t == schema::layer::incidents || t == schema::layer::observations) && layer.has("theme")) {
    std::vector<Rule> cats;
    for (const auto& c : theme_classes(lang)) {
      Rule r{c.value, c.label, {}};
      r.symbol.fill = c.color;
      r.symbol.fill.a = 220;
      r.symbol.outline = t == schema::layer::observations ? Rgba{0, 0, 0, 255} : Rgba{255, 255, 255, 200};
      r.symbol.outline_mm = t == schema::layer::observations ? 0.3 : 0.15;
      r.symbol.shape = t == schema::layer::observations ? "triangle" : "circle";
      r.symbol.size_mm = t == schema::layer::observations ? 3.2 : 2.0;
      cats.push_back(std::move(r));
    }
    write_categorized_renderer(x, geom, "theme", cats);
    return;
  }
  if (t == schema::layer::hotspot_cells && view.view == "local_moran" && layer.has("lm_cluster")) {
    auto rules = classes_to_rules("lm_cluster", false, lm_cluster_classes(lang), 220);
    rules.back().symbol.fill.a = 70;  // not significant: let what lies below show through
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  if (t == schema::layer::hotspot_cells && layer.has("gi_bin")) {
    auto rules = classes_to_rules("gi_bin", true, gi_bin_classes(lang), 220);
    rules[3].symbol.fill.a = 70;  // not significant
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  if (t == schema::layer::emerging_hotspots && layer.has("category")) {
    auto rules = classes_to_rules("category", false, emerging_classes(lang), 220);
    rules.back().symbol.fill.a = 40;  // no pattern
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  if (t == schema::layer::cell_change && layer.has("change_class")) {
    auto rules = classes_to_rules("change_class", false, cell_change_classes(lang), 220);
    rules.back().symbol.fill.a = 40;  // no pattern
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  if ((t == schema::layer::area_change || t == schema::layer::observation_change) && layer.has("change")) {
    auto rules = classes_to_rules("change", false, area_change_classes(lang), 200);
    for (auto& r : rules) {
      r.symbol.outline = {60, 60, 60, 255};
      r.symbol.outline_mm = 0.3;
    }
    rules.back().symbol.brush = "b_diagonal";  // too few: hatched, clearly "no verdict"
    rules.back().symbol.fill = {150, 150, 150, 255};
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  if ((t == schema::layer::area_stats || t == schema::layer::observation_stats) && layer.has("per_ha_year")) {
    write_rule_renderer(
        x, geom, filter, label,
        graduated_rules("per_ha_year", context_max(ctx, t + ".per_ha_year"), rate_ramp(), false, lang, ""));
    return;
  }
  if (t == schema::layer::survey_indicators && layer.has("estimate")) {
    const double max = context_max(ctx, view.indicator.empty() ? std::string("survey_indicators.estimate")
                                                               : "survey_indicators.estimate." + view.indicator);
    const bool too_few = layer.has("too_few");
    auto rules = graduated_rules("estimate", max, rate_ramp(true), max <= 1.0, lang,
                                 too_few ? "(\"too_few\" IS NULL OR \"too_few\" = 0)" : "");
    if (too_few) {
      Rule r{"\"too_few\" = 1", std::string(pick(lang, "Too few respondents", "Te weinig respondenten")), {}};
      r.symbol.brush = "b_diagonal";
      r.symbol.fill = {150, 150, 150, 255};
      r.symbol.outline = {120, 120, 120, 255};
      r.symbol.outline_mm = 0.15;
      rules.push_back(r);
    }
    write_rule_renderer(x, geom, filter, label, rules);
    return;
  }
  // Any other spatial layer: a neutral outline, so it still opens legibly.
  SymbolSpec s;
  s.fill = {190, 190, 190, 120};
  s.shape = "circle";
  write_single_renderer(x, geom, s);
}

// Raster pipe: pseudocolour with an interpolated ramp. Densities start transparent at 0
// so that only where incidents are shows colour; changes are symmetric around 0.
// The class values are round numbers (1, 2 or 5 × 10^k apart, docs/qgis.md): six steps
// from 0 to the top for densities, three either side of 0 for changes.
void write_raster_pipe(Xml& x, const StyleContext& ctx, const StyledLayer& layer) {
  const bool change = layer.name.find("change") != std::string::npos;
  const double data_max = change ? std::max(std::abs(layer.value_min), std::abs(layer.value_max)) : layer.value_max;
  const NiceScale scale = nice_scale(data_max, change ? 3 : 6);
  const double max = scale.value(scale.count);
  const double lo = change ? -max : 0.0;
  const auto ramp = change ? change_ramp() : density_ramp();
  x.open("pipe");
  x.open("provider");
  x.empty("resampling", {{"enabled", "false"},
                         {"maxOversampling", "2"},
                         {"zoomedInResamplingMethod", "nearestNeighbour"},
                         {"zoomedOutResamplingMethod", "nearestNeighbour"}});
  x.close();
  x.open("rasterrenderer", {{"type", "singlebandpseudocolor"},
                            {"band", "1"},
                            {"opacity", "0.85"},
                            {"alphaBand", "-1"},
                            {"classificationMin", xml_number(lo)},
                            {"classificationMax", xml_number(max)},
                            {"nodataColor", ""}});
  x.empty("rasterTransparency");
  x.open("minMaxOrigin");
  x.text("limits", "None");
  x.text("extent", "WholeRaster");
  x.text("statAccuracy", "Estimated");
  x.text("cumulativeCutLower", "0.02");
  x.text("cumulativeCutUpper", "0.98");
  x.text("stdDevFactor", "2");
  x.close();
  x.open("rastershader");
  x.open("colorrampshader", {{"colorRampType", "INTERPOLATED"},
                             {"classificationMode", "1"},
                             {"clip", "0"},
                             {"minimumValue", xml_number(lo)},
                             {"maximumValue", xml_number(max)},
                             {"labelPrecision", std::to_string(scale.decimals)}});
  for (int i = change ? -scale.count : 0; i <= scale.count; ++i) {
    const double v = i < 0 ? -scale.value(-i) : scale.value(i);
    const int alpha = i == 0 ? 0 : 255;  // no incidents, or no change: transparent
    x.empty("item", {{"value", xml_number(v)},
                     {"color", ramp_color(ramp, (v - lo) / (max - lo)).hex()},
                     {"alpha", std::to_string(alpha)},
                     {"label", legend_number(v, scale.decimals, ctx.language)}});
  }
  x.close();
  x.close();
  x.close();
  x.empty("brightnesscontrast", {{"brightness", "0"}, {"contrast", "0"}, {"gamma", "1"}});
  x.empty("huesaturation", {{"saturation", "0"},
                            {"grayscaleMode", "0"},
                            {"invertColors", "0"},
                            {"colorizeOn", "0"},
                            {"colorizeRed", "255"},
                            {"colorizeGreen", "128"},
                            {"colorizeBlue", "128"},
                            {"colorizeStrength", "100"}});
  x.empty("rasterresampler", {{"maxOversampling", "2"}});
  x.text("resamplingStage", "resamplingFilter");
  x.close();
  x.text("blendMode", "0");
}

}  // namespace

std::string legend_number(double value, int decimals, const std::string& language) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  if (language == "nl") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string view_filter(const StyledLayer& layer, const LayerView& view) {
  std::vector<std::string> parts;
  static const char* const kTotalsTables[] = {schema::layer::area_stats,        schema::layer::hotspot_cells,
                                              schema::layer::cell_change,       schema::layer::area_change,
                                              schema::layer::observation_stats, schema::layer::observation_change};
  const bool totals =
      std::find(std::begin(kTotalsTables), std::end(kTotalsTables), layer.name) != std::end(kTotalsTables);
  if (totals && layer.has("theme")) parts.push_back("\"theme\" = 'all'");
  if (!view.period.empty() && layer.has("period")) parts.push_back("\"period\" = " + sql_literal(view.period));
  if (!view.indicator.empty() && layer.has("indicator"))
    parts.push_back("\"indicator\" = " + sql_literal(view.indicator));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " AND ") + p;
  return out;
}

XmlAttrs style_root_attributes(const StyledLayer& layer, const LayerView& /*view*/) {
  XmlAttrs a = {{"styleCategories", "AllStyleCategories"},
                {"hasScaleBasedVisibilityFlag", "0"},
                {"minScale", "100000000"},
                {"maxScale", "0"}};
  if (!layer.is_raster()) {
    a.push_back({"labelsEnabled", layer.name == schema::layer::areas ? "1" : "0"});
    a.push_back({"readOnly", "0"});
    a.push_back({"simplifyDrawingHints", layer.geometry == "None" ? "0" : "1"});
    a.push_back({"simplifyDrawingTol", "1"});
    a.push_back({"simplifyAlgorithm", "0"});
    a.push_back({"simplifyLocal", "1"});
    a.push_back({"simplifyMaxScale", "1"});
  }
  return a;
}

// Coded fields show their readable names in the attribute table and forms (ValueMap
// widgets, QGIS 3.22's <fieldConfiguration>); the stored values stay the codes.
void write_value_maps(Xml& x, const StyleContext& ctx, const StyledLayer& layer) {
  bool opened = false;
  for (const auto& field : layer.fields) {
    const auto labels = value_labels(layer.name, field, ctx.language, ctx.area_kinds);
    if (labels.empty()) continue;
    if (!opened) x.open("fieldConfiguration");
    opened = true;
    x.open("field", {{"name", field}, {"configurationFlags", "None"}});
    x.open("editWidget", {{"type", "ValueMap"}});
    x.open("config");
    x.open("Option", {{"type", "Map"}});
    x.open("Option", {{"name", "map"}, {"type", "List"}});
    for (const auto& [value, label] : labels) {
      x.open("Option", {{"type", "Map"}});
      x.empty("Option", {{"name", label}, {"value", value}, {"type", "QString"}});
      x.close();
    }
    x.close();
    x.close();
    x.close();
    x.close();
    x.close();
  }
  if (opened) x.close();
}

void write_style_body(Xml& x, const StyleContext& ctx, const StyledLayer& layer, const LayerView& view) {
  if (layer.is_raster()) {
    write_raster_pipe(x, ctx, layer);
    return;
  }
  if (layer.geometry != "None") {
    write_vector_renderer(x, ctx, layer, view);
    if (layer.name == schema::layer::areas) write_area_labels(x, ctx, layer);
    x.text("blendMode", "0");
    x.text("featureBlendMode", "0");
    x.text("layerOpacity", "1");
  }
  write_value_maps(x, ctx, layer);
  x.open("aliases");
  for (std::size_t i = 0; i < layer.fields.size(); ++i) {
    const std::string alias = field_alias(layer.fields[i], ctx.language);
    if (!alias.empty()) x.empty("alias", {{"field", layer.fields[i]}, {"index", std::to_string(i)}, {"name", alias}});
  }
  x.close();
  for (const char* display : {"name", "cell_id", "area_id", "key", "reason"})
    if (layer.has(display)) {
      x.text("previewExpression", sql_identifier(display));
      break;
    }
  if (layer.geometry == "Point")
    x.text("layerGeometryType", "0");
  else if (layer.geometry == "None")
    x.text("layerGeometryType", "4");
  else
    x.text("layerGeometryType", "2");
}

void write_spatialrefsys(Xml& x, const StyleContext& ctx) {
  x.open("spatialrefsys");
  x.text("wkt", ctx.crs_wkt);
  x.text("proj4", ctx.crs_proj4);
  x.text("srsid", "0");
  std::string srid = "0";
  if (const auto colon = ctx.crs_authid.find(':'); colon != std::string::npos) srid = ctx.crs_authid.substr(colon + 1);
  x.text("srid", srid);
  x.text("authid", ctx.crs_authid);
  x.text("description", "");
  x.text("projectionacronym", "");
  x.text("ellipsoidacronym", "");
  x.text("geographicflag", "false");
  x.close();
}

}  // namespace kvo::io::detail
