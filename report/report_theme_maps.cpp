// The per-theme change maps of a follow-up: for each theme whose incidents changed
// significantly in at least one KVO area, how the Gi* class of that theme's cells changed,
// with the areas coloured by their change of that theme. The study-wide change map (all
// themes) comes first in the section; themes without a significant change get one line.

#include <algorithm>
#include <map>

#include "qgis/layer_styles_legend.hpp"
#include "report/report_map_parts.hpp"

namespace kvo::io::report {

namespace {

bool significant(const ReportAreaChange& c) {
  return c.change == "increase" || c.change == "decrease";
}

// The themes of area_change but `all`, in kvo's theme order (unknown themes after, as met).
std::vector<std::string> compared_themes(const ReportData& d) {
  std::vector<std::string> out;
  auto present = [&](const std::string& t) {
    return std::any_of(d.area_changes.begin(), d.area_changes.end(), [&](const ReportAreaChange& c) {
      return c.theme == t && d.is_kvo(c.area_id) && c.count_baseline + c.count_followup > 0;
    });
  };
  for (const auto& t : theme_classes("en"))
    if (present(t.value)) out.push_back(t.value);
  for (const auto& c : d.area_changes)
    if (c.theme != "all" && std::find(out.begin(), out.end(), c.theme) == out.end() && present(c.theme))
      out.push_back(c.theme);
  return out;
}

std::string theme_map(const Page& p, const std::string& theme) {
  const auto& d = p.d;
  const std::string label = theme_label(theme, p.lang);
  SvgMap map(d.extent);
  const auto raster = d.rasters.find("density_change_" + theme);
  if (raster != d.rasters.end()) map.raster(raster->second, 0.85);
  // The areas that changed significantly in this theme: a light fill under the cells and an
  // outline in the class colour over them; ▲/▼ after the name.
  std::map<std::string, std::string> change;  // area id → increase | decrease
  for (const auto& c : d.area_changes)
    if (c.theme == theme && significant(c)) change[c.area_id] = c.change;
  AreaStyle style;
  std::map<std::string, std::vector<const ReportShape*>> shapes;  // class → areas
  for (const auto& a : d.areas)
    if (const auto it = change.find(a.id); it != change.end()) {
      shapes[it->second].push_back(&a.shape);
      style.marks[a.id] = it->second == "increase" ? " ▲" : " ▼";
    }
  const auto classes = area_change_classes(p.lang);
  std::string area_legend;
  for (const auto& cls : classes)
    if (shapes.count(cls.value)) {
      map.shapes(shapes[cls.value], cls.color, 0.3, "none", 0, "area-fill " + cls.value);
      area_legend += legend_item(svg_swatch(cls.color, false, 0.45), p.tr("Area: ", "Gebied: ") + cls.label);
    }
  std::string legend = draw_change_cells(map, p, theme);
  draw_areas(map, d, style);
  for (const auto& cls : classes)
    if (shapes.count(cls.value)) map.shapes(shapes[cls.value], {}, 0, cls.color.hex(), 3.5, "area-change " + cls.value);
  // The KVO areas first, then the others, as in the summary.
  std::string named;
  for (const bool kvo : {true, false})
    for (const auto& c : d.area_changes)
      if (c.theme == theme && significant(c) && d.is_kvo(c.area_id) == kvo)
        named += (named.empty() ? "" : ", ") + html_escape(c.area_name) + (c.change == "increase" ? " ▲" : " ▼");
  if (legend.empty())
    legend = "<span>" +
             p.tr("No cell of this theme changed its hot spot class.",
                  "Geen cel van dit thema veranderde van hotspotklasse.") +
             "</span>";
  legend += area_legend;
  if (raster != d.rasters.end()) legend += density_legend(p, raster->second, true);
  const std::string title =
      label + ": " + p.tr("change between baseline and follow-up", "verandering tussen nulmeting en vervolgmeting");
  std::string caption =
      html_escape(title) + ". " +
      p.tr(
          "Cells: how the Gi* class of each cell changed for this theme alone (cells without a pattern are not "
          "drawn). Areas in colour: a significant change of this theme (▲ increase, ▼ decrease): ",
          "Cellen: hoe de Gi*-klasse van elke cel veranderde voor dit thema alleen (cellen zonder patroon zijn "
          "weggelaten). Gekleurde gebieden: een significante verandering van dit thema (▲ toename, ▼ afname): ") +
      named + ".";
  if (raster != d.rasters.end())
    caption += " " + p.tr("Surface: follow-up density minus baseline density of this theme.",
                          "Vlak: dichtheid vervolgmeting min dichtheid nulmeting van dit thema.");
  return map_figure("map-change-" + html_escape(theme), label, map.finish(title, p.lang), legend, caption);
}

}  // namespace

std::string theme_change_maps(const Page& p) {
  const auto& d = p.d;
  if (d.area_changes.empty() || d.extent.empty()) return "";
  std::vector<std::string> mapped, quiet;
  for (const auto& theme : compared_themes(d)) {
    const bool changed = std::any_of(d.area_changes.begin(), d.area_changes.end(), [&](const ReportAreaChange& c) {
      return c.theme == theme && d.is_kvo(c.area_id) && significant(c);
    });
    (changed ? mapped : quiet).push_back(theme);
  }
  std::string s = "<h3>" + p.tr("Change per theme", "Verandering per thema") + "</h3>\n<p>" +
                  p.tr(
                      "A change map for each theme whose incidents changed significantly in at least one KVO area "
                      "(q below ",
                      "Een veranderingskaart voor elk thema waarvan het aantal incidenten in ten minste één "
                      "KVO-gebied significant veranderde (q onder ") +
                  p.num(d.alpha, 2) +
                  p.tr("): the cells of that theme alone, the areas coloured by their change of that theme.",
                       "): de cellen van alleen dat thema, de gebieden gekleurd naar hun verandering in dat thema.") +
                  "</p>\n";
  for (const auto& theme : mapped) s += theme_map(p, theme);
  std::string names;
  for (const auto& theme : quiet) names += (names.empty() ? "" : ", ") + html_escape(theme_label(theme, p.lang));
  if (mapped.empty())
    s += "<p class=\"no-theme-maps\">" +
         p.tr("No theme changed significantly in a KVO area, so there are no per-theme maps.",
              "Geen thema veranderde significant in een KVO-gebied, dus er zijn geen kaarten per thema.") +
         (names.empty() ? "" : " " + p.tr("Themes compared: ", "Vergeleken thema's: ") + names + ".") + "</p>\n";
  else if (!names.empty())
    s += "<p class=\"no-theme-maps\">" +
         p.tr("No significant change in any KVO area, so no map: ",
              "Geen significante verandering in een KVO-gebied, dus geen kaart: ") +
         names + ".</p>\n";
  return s;
}

}  // namespace kvo::io::report
