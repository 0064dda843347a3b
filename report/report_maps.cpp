// The map section of the HTML report: per period the density surface with the significant
// Gi* cells on top, and for a follow-up the change map. Colours and classes are those of
// the QGIS styles (qgis/layer_styles_legend.hpp), so the report and QGIS agree.

#include <algorithm>
#include <set>

#include "io/gpkg/output_schema.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

namespace {

// The KVO areas bold; the context areas (the neighbourhoods around them) thin and grey,
// drawn first so the KVO outlines and labels stay on top.
void draw_areas(SvgMap& map, const ReportData& d) {
  std::vector<const ReportShape*> primary, secondary;
  for (const auto& a : d.areas) (d.is_context(a) ? secondary : primary).push_back(&a.shape);
  map.shapes(secondary, {}, 0, "#8a8a8a", 1.0, "area other");
  map.shapes(primary, {}, 0, "#232323", 2.2, "area");
  for (const auto& a : d.areas)
    if (d.is_context(a)) map.label(a.label_x, a.label_y, a.name, false);
  for (const auto& a : d.areas)
    if (!d.is_context(a)) map.label(a.label_x, a.label_y, a.name, true);
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

std::string period_map(const Page& p, const std::string& period) {
  const auto& d = p.d;
  SvgMap map(d.extent);
  const auto raster = d.rasters.find("density_" + period);
  if (raster != d.rasters.end()) map.raster(raster->second, 0.85);
  const auto classes = gi_bin_classes(p.lang);
  std::string legend;
  for (const auto& cls : classes) {
    const int bin = std::stoi(cls.value);
    if (bin == 0) continue;  // not significant cells are left out: the density shows through
    std::vector<const ReportShape*> shapes;
    for (const auto& c : d.cells)
      if (c.period == period && c.gi_bin == bin) shapes.push_back(&c.shape);
    map.shapes(shapes, cls.color, 0.8, "#ffffff", 0.6, "cell gi" + cls.value);
    if (!shapes.empty()) legend += legend_item(svg_swatch(cls.color, false, 0.8), cls.label);
  }
  draw_areas(map, d);
  const std::string title = p.tr("Hot spots and density", "Hotspots en dichtheid") + ", " + p.period(period);
  std::string s = "<figure class=\"map\" id=\"map-" + period + "\">\n" + map.finish(title, p.lang) + "\n";
  s += "<div class=\"legend\">" + legend;
  if (legend.empty())
    s += "<span>" + p.tr("No significant hot or cold spot cells.", "Geen significante hot- of coldspotcellen.") +
         "</span>";
  if (raster != d.rasters.end()) s += density_legend(p, raster->second, false);
  s += "</div>\n<figcaption>" + html_escape(title) + ". " +
       p.tr(
           "Cells: Getis-Ord Gi* for all themes together, classes by confidence (cells that are not "
           "significant are not drawn). Surface: quartic kernel density. Outlines: the study areas.",
           "Cellen: Getis-Ord Gi* voor alle thema's samen, klassen naar betrouwbaarheid (niet-significante "
           "cellen zijn weggelaten). Vlak: kerndichtheid (quartic). Lijnen: de gebieden.") +
       "</figcaption>\n</figure>\n";
  return s;
}

std::string change_map(const Page& p) {
  const auto& d = p.d;
  SvgMap map(d.extent);
  const auto raster = d.rasters.find("density_change");
  if (raster != d.rasters.end()) map.raster(raster->second, 0.85);
  std::string legend;
  for (const auto& cls : cell_change_classes(p.lang)) {
    if (cls.value == "no_pattern") continue;
    std::vector<const ReportShape*> shapes;
    for (const auto& c : d.change_cells)
      if (c.change_class == cls.value) shapes.push_back(&c.shape);
    map.shapes(shapes, cls.color, 0.85, "#ffffff", 0.6, "cell " + cls.value);
    if (!shapes.empty()) legend += legend_item(svg_swatch(cls.color, false, 0.85), cls.label);
  }
  draw_areas(map, d);
  const std::string title =
      p.tr("Change between baseline and follow-up", "Verandering tussen nulmeting en vervolgmeting");
  std::string s =
      "<figure class=\"map\" id=\"map-change\">\n" + map.finish(title, p.lang) + "\n<div class=\"legend\">" + legend;
  if (raster != d.rasters.end()) s += density_legend(p, raster->second, true);
  s += "</div>\n<figcaption>" + html_escape(title) + ". " +
       p.tr(
           "Cells: how the Gi* class of each cell changed (cells without a pattern are not drawn). "
           "Surface: follow-up density minus baseline density (blue: fewer, red: more incidents).",
           "Cellen: hoe de Gi*-klasse van elke cel veranderde (cellen zonder patroon zijn weggelaten). "
           "Vlak: dichtheid vervolgmeting min dichtheid nulmeting (blauw: minder, rood: meer incidenten).") +
       "</figcaption>\n</figure>\n";
  return s;
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
  if (!d.change_cells.empty() || d.rasters.count("density_change")) s += change_map(p);
  if (!d.has(schema::layer::hotspot_cells))
    s += absent_note(p.tr("This file has no hot spot cells (layer hotspot_cells).",
                          "Dit bestand bevat geen hotspotcellen (laag hotspot_cells)."));
  return s + "</section>\n";
}

}  // namespace kvo::io::report
