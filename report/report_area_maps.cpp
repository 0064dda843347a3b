// The zoomed maps of the report: per KVO area its surroundings, with the hot spots and the
// density of the latest period, as on the map of the whole study area (same classes, same
// colour scale), so a working group sees its own area at a readable scale.

#include <algorithm>
#include <cstdio>
#include <map>

#include "report/report_map_parts.hpp"
#include "report/report_raster.hpp"

namespace kvo::io::report {

namespace {

constexpr double kMapWidth = 1000, kMapHeight = 640;  // viewBox units: every area map has this shape

// The area's envelope with a margin of 15 % of its larger side, at least 100 m, on every
// side; then widened or heightened around its centre to the map's shape.
engine::Envelope area_view(const ReportArea& a) {
  engine::Envelope e;
  for (const auto& ring : a.shape.rings)
    for (const auto& pt : ring) e.expand(pt[0], pt[1]);
  if (e.empty()) return e;
  e = e.grown(std::max(100.0, 0.15 * std::max(e.width(), e.height())));
  const double cx = (e.min_x + e.max_x) / 2, cy = (e.min_y + e.max_y) / 2;
  const double w = std::max(e.width(), e.height() * kMapWidth / kMapHeight);
  const double h = w * kMapHeight / kMapWidth;
  return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

// Incidents in the area over every period, all themes: area_stats, else area_change.
std::int64_t area_incidents(const ReportData& d, const std::string& id) {
  std::int64_t n = 0;
  if (const auto a = d.area_theme_counts.find(id); a != d.area_theme_counts.end()) {
    if (const auto t = a->second.find("all"); t != a->second.end())
      for (const auto& [period, count] : t->second) n += count;
    return n;
  }
  for (const auto& c : d.area_changes)
    if (c.area_id == id && c.theme == "all") n += c.count_baseline + c.count_followup;
  return n;
}

// Metres with no decimals, for the data-view attribute.
std::string metres(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string area_map(const Page& p, const ReportArea& a, std::size_t index) {
  const auto& d = p.d;
  const std::string period = d.periods.empty() ? "" : d.periods.back();
  SvgMap map(area_view(a), kMapWidth, kMapHeight);
  const engine::Envelope view = map.view();
  std::string raster_legend;
  if (const auto r = d.rasters.find("density_" + period); r != d.rasters.end()) {
    ReportRaster window = raster_window(r->second, view);
    window.name += "-area" + std::to_string(index);  // the legend's gradient id, unique on the page
    map.raster(window, 0.85);
    if (!window.png.empty()) raster_legend = density_legend(p, window, false);
  }
  std::string legend = draw_hotspot_cells(map, p, period, view);
  draw_areas(map, d, {view, a.id, {}});
  if (legend.empty())
    legend = "<span>" +
             p.tr("No significant hot or cold spot cells here.", "Hier geen significante hot- of coldspotcellen.") +
             "</span>";
  legend += raster_legend;
  const std::string title =
      a.name + ": " + p.tr("hot spots and density", "hotspots en dichtheid") + ", " + p.period(period);
  const std::string attributes = " data-area=\"" + html_escape(a.id) + "\" data-view=\"" + metres(view.min_x) + " " +
                                 metres(view.min_y) + " " + metres(view.max_x) + " " + metres(view.max_y) + "\"";
  return map_figure("map-area-" + std::to_string(index), a.name, map.finish(title, p.lang), legend,
                    html_escape(title) + ". " +
                        p.tr("Cells, surface and colours as on the map of the whole study area; the area outlined "
                             "heavily, its neighbours as far as the view reaches.",
                             "Cellen, vlak en kleuren als op de kaart van het hele onderzoeksgebied; het gebied met "
                             "een dikke lijn, de buren voor zover ze in beeld zijn."),
                    attributes);
}

}  // namespace

std::vector<const ReportArea*> busiest_kvo_areas(const ReportData& d, std::vector<const ReportArea*>& left_out) {
  std::vector<const ReportArea*> areas;
  for (const auto& a : d.areas)
    if (d.is_kvo(a.id) && !a.shape.rings.empty() &&
        std::none_of(areas.begin(), areas.end(), [&](const ReportArea* b) { return b->id == a.id; }))
      areas.push_back(&a);
  // With many areas, the busiest are drawn (ties: the order of the areas layer), shown in layer order.
  std::vector<const ReportArea*> drawn = areas;
  if (areas.size() > kMaxAreaMaps) {
    std::map<const ReportArea*, std::int64_t> incidents;  // counted once, not in the comparator
    for (const auto* a : areas) incidents[a] = area_incidents(d, a->id);
    std::vector<const ReportArea*> busiest = areas;
    std::stable_sort(busiest.begin(), busiest.end(),
                     [&](const ReportArea* x, const ReportArea* y) { return incidents[x] > incidents[y]; });
    busiest.resize(kMaxAreaMaps);
    drawn.clear();
    for (const auto* a : areas)
      (std::find(busiest.begin(), busiest.end(), a) != busiest.end() ? drawn : left_out).push_back(a);
  }
  return drawn;
}

std::string area_maps(const Page& p) {
  const auto& d = p.d;
  std::vector<const ReportArea*> left_out;
  const std::vector<const ReportArea*> drawn = busiest_kvo_areas(d, left_out);
  if (drawn.empty()) return "";
  const std::string period = d.periods.empty() ? "" : d.periods.back();
  std::string s = "<h3>" + p.tr("Per KVO area", "Per KVO-gebied") + "</h3>\n<p>" +
                  p.tr("Each KVO area close up, with a margin around it: hot spots and density",
                       "Elk KVO-gebied van dichtbij, met een rand eromheen: hotspots en dichtheid") +
                  (period.empty() ? "" : ", " + html_escape(p.period(period))) + ".";
  if (!left_out.empty()) {
    std::string names;
    for (const auto* a : left_out) names += (names.empty() ? "" : ", ") + html_escape(a->name);
    s += " " + p.tr("To keep the report readable, only the ", "Om het rapport leesbaar te houden staan alleen de ") +
         p.num(static_cast<double>(kMaxAreaMaps), 0) + p.tr(" of the ", " van de ") +
         p.num(static_cast<double>(drawn.size() + left_out.size()), 0) +
         p.tr(" KVO areas with the most incidents (all periods, all themes) are mapped here; not mapped: ",
              " KVO-gebieden met de meeste incidenten (alle perioden, alle thema's) hier op een kaart; zonder "
              "eigen kaart: ") +
         names +
         p.tr(" (see the maps above, or the QGIS project).", " (zie de kaarten hierboven, of het QGIS-project).");
  }
  s += "</p>\n";
  for (std::size_t i = 0; i < drawn.size(); ++i) s += area_map(p, *drawn[i], i + 1);
  return s;
}

}  // namespace kvo::io::report
