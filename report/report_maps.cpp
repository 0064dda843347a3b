// The map section of the HTML report: per period the density surface with the significant
// Gi* cells on top, for a follow-up the change map, then the zoomed maps per KVO area and
// the change maps per theme. Colours and classes are those of the QGIS styles
// (qgis/layer_styles_legend.hpp), so the report and QGIS agree.

#include <algorithm>

#include "io/gpkg/output_schema.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_map_parts.hpp"

namespace kvo::io::report {

bool meets(const ReportShape& shape, const engine::Envelope& view) {
  if (view.empty()) return true;
  engine::Envelope e;
  for (const auto& ring : shape.rings)
    for (const auto& pt : ring) e.expand(pt[0], pt[1]);
  return !e.empty() && e.min_x <= view.max_x && e.max_x >= view.min_x && e.min_y <= view.max_y && e.max_y >= view.min_y;
}

// The KVO areas bold; the context areas (the neighbourhoods around them) thin and grey,
// drawn first so the KVO outlines and labels stay on top.
void draw_areas(SvgMap& map, const ReportData& d, const AreaStyle& style) {
  std::vector<const ReportShape*> primary, secondary, focus;
  for (const auto& a : d.areas) {
    if (!meets(a.shape, style.view)) continue;
    (d.is_context(a) ? secondary : primary).push_back(&a.shape);
    if (a.id == style.focus_id) focus.push_back(&a.shape);
  }
  map.shapes(secondary, {}, 0, "#8a8a8a", 1.0, "area other");
  map.shapes(primary, {}, 0, "#232323", 2.2, "area");
  map.shapes(focus, {}, 0, "#000000", 4.0, "area focus");
  // A label is written when its point is well inside the view, so no name is cut at the edge.
  const engine::Envelope inside = style.view.grown(-0.04 * std::max(style.view.width(), style.view.height()));
  auto label = [&](const ReportArea& a, bool primary_area) {
    if (!style.view.empty() && a.id != style.focus_id && !inside.contains(a.label_x, a.label_y)) return;
    const auto mark = style.marks.find(a.id);
    map.label(a.label_x, a.label_y, a.name + (mark == style.marks.end() ? "" : mark->second), primary_area);
  };
  for (const auto& a : d.areas)
    if (d.is_context(a)) label(a, false);
  for (const auto& a : d.areas)
    if (!d.is_context(a)) label(a, true);
}

std::string legend_item(const std::string& swatch, const std::string& label) {
  return "<span>" + swatch + html_escape(label) + "</span>";
}

std::string density_legend(const Page& p, const ReportRaster& r, bool change) {
  const std::string unit = p.tr("incidents per ha per year", "incidenten per ha per jaar");
  auto ramp = change ? change_ramp() : density_ramp();
  if (change)
    ramp[ramp.size() / 2].color.a = 0;
  else
    ramp.front().color.a = 0;
  return legend_item(
      svg_ramp(ramp, p.num(r.scale_min, 2), p.num(r.scale_max, 2), "ramp-" + r.name),
      (change ? p.tr("Density change, ", "Verandering dichtheid, ") : p.tr("Density, ", "Dichtheid, ")) + unit);
}

std::string draw_hotspot_cells(SvgMap& map, const Page& p, const std::string& period, const engine::Envelope& view) {
  std::string legend;
  for (const auto& cls : gi_bin_classes(p.lang)) {
    const int bin = std::stoi(cls.value);
    if (bin == 0) continue;  // not significant cells are left out: the density shows through
    std::vector<const ReportShape*> shapes;
    for (const auto& c : p.d.cells)
      if (c.period == period && c.gi_bin == bin && meets(c.shape, view)) shapes.push_back(&c.shape);
    map.shapes(shapes, cls.color, 0.8, "#ffffff", 0.6, "cell gi" + cls.value);
    if (!shapes.empty()) legend += legend_item(svg_swatch(cls.color, false, 0.8), cls.label);
  }
  return legend;
}

std::string draw_change_cells(SvgMap& map, const Page& p, const std::string& theme) {
  std::string legend;
  for (const auto& cls : cell_change_classes(p.lang)) {
    if (cls.value == "no_pattern") continue;
    std::vector<const ReportShape*> shapes;
    for (const auto& c : p.d.change_cells)
      if (c.theme == theme && c.change_class == cls.value) shapes.push_back(&c.shape);
    map.shapes(shapes, cls.color, 0.85, "#ffffff", 0.6, "cell " + cls.value);
    if (!shapes.empty()) legend += legend_item(svg_swatch(cls.color, false, 0.85), cls.label);
  }
  return legend;
}

std::string map_figure(const std::string& id, const std::string& heading, const std::string& svg,
                       const std::string& legend, const std::string& caption, const std::string& attributes) {
  return "<figure class=\"map\" id=\"" + id + "\"" + attributes + ">\n" +
         (heading.empty() ? "" : "<h4>" + html_escape(heading) + "</h4>\n") + svg + "\n<div class=\"legend\">" +
         legend + "</div>\n<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

namespace {

std::string period_map(const Page& p, const std::string& period) {
  const auto& d = p.d;
  SvgMap map(d.extent);
  const auto raster = d.rasters.find("density_" + period);
  if (raster != d.rasters.end()) map.raster(raster->second, 0.85);
  std::string legend = draw_hotspot_cells(map, p, period);
  draw_areas(map, d);
  if (legend.empty())
    legend += "<span>" + p.tr("No significant hot or cold spot cells.", "Geen significante hot- of coldspotcellen.") +
              "</span>";
  if (raster != d.rasters.end()) legend += density_legend(p, raster->second, false);
  const std::string title = p.tr("Hot spots and density", "Hotspots en dichtheid") + ", " + p.period(period);
  return map_figure("map-" + period, "", map.finish(title, p.lang), legend,
                    html_escape(title) + ". " +
                        p.tr("Cells: Getis-Ord Gi* for all themes together, classes by confidence (cells that are "
                             "not significant are not drawn). Surface: quartic kernel density. Outlines: the study "
                             "areas.",
                             "Cellen: Getis-Ord Gi* voor alle thema's samen, klassen naar betrouwbaarheid "
                             "(niet-significante cellen zijn weggelaten). Vlak: kerndichtheid (quartic). Lijnen: de "
                             "gebieden."));
}

std::string change_map(const Page& p) {
  const auto& d = p.d;
  SvgMap map(d.extent);
  const auto raster = d.rasters.find("density_change");
  if (raster != d.rasters.end()) map.raster(raster->second, 0.85);
  std::string legend = draw_change_cells(map, p, "all");
  draw_areas(map, d);
  if (raster != d.rasters.end()) legend += density_legend(p, raster->second, true);
  const std::string title =
      p.tr("Change between baseline and follow-up", "Verandering tussen nulmeting en vervolgmeting");
  return map_figure("map-change", "", map.finish(title, p.lang), legend,
                    html_escape(title) + ". " +
                        p.tr("Cells: how the Gi* class of each cell changed (cells without a pattern are not drawn). "
                             "Surface: follow-up density minus baseline density (blue: fewer, red: more incidents).",
                             "Cellen: hoe de Gi*-klasse van elke cel veranderde (cellen zonder patroon zijn "
                             "weggelaten). Vlak: dichtheid vervolgmeting min dichtheid nulmeting (blauw: minder, "
                             "rood: meer incidenten)."));
}

}  // namespace

std::string section_maps(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"map\">\n<h2>" + p.tr("Maps", "Kaarten") + "</h2>\n";
  if (d.extent.empty())
    return s + absent_note(p.tr("The file holds no areas to draw.", "Het bestand bevat geen gebieden om te tekenen.")) +
           "</section>\n";
  for (const auto& period : d.periods) s += period_map(p, period);
  if (d.periods.empty()) s += period_map(p, "");
  const bool any_change = std::any_of(d.change_cells.begin(), d.change_cells.end(),
                                      [](const ReportChangeCell& c) { return c.theme == "all"; });
  if (any_change || d.rasters.count("density_change")) s += change_map(p);
  if (!d.has(schema::layer::hotspot_cells))
    s += absent_note(p.tr("This file has no hot spot cells (layer hotspot_cells).",
                          "Dit bestand bevat geen hotspotcellen (laag hotspot_cells)."));
  s += area_maps(p);
  s += theme_change_maps(p);
  return s + "</section>\n";
}

}  // namespace kvo::io::report
