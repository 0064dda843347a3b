#pragma once
// Internal to the report's map section: the layers and legends every map is drawn from, so
// the study-wide maps, the zoomed area maps and the per-theme change maps look alike. Colours
// and classes are those of the QGIS styles (qgis/layer_styles_legend.hpp).

#include <map>
#include <string>

#include "engine/geometry.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

/// How the areas are drawn on one map.
struct AreaStyle {
  engine::Envelope view;                     ///< only areas meeting this envelope (metres); empty = all
  std::string focus_id;                      ///< the area a zoomed map is about, outlined heavier; "" = none
  std::map<std::string, std::string> marks;  ///< area id → text after its label, e.g. " ▲"
};

/// True when the shape's envelope meets `view` (always when `view` is empty).
bool meets(const ReportShape& shape, const engine::Envelope& view);
/// The KVO areas bold, the context areas (neighbourhoods) thin and grey below them, with labels;
/// with a view, only the areas that meet it and the labels inside it.
void draw_areas(SvgMap& map, const ReportData& d, const AreaStyle& style = {});
/// The significant Gi* cells (theme `all`) of `period` that meet `view`; returns the legend
/// items of the classes drawn.
std::string draw_hotspot_cells(SvgMap& map, const Page& p, const std::string& period,
                               const engine::Envelope& view = {});
/// The cell change classes of `theme` (cells without a pattern left out); returns the legend
/// items of the classes drawn.
std::string draw_change_cells(SvgMap& map, const Page& p, const std::string& theme);
/// One legend entry: a swatch and its text (escaped).
std::string legend_item(const std::string& swatch, const std::string& label);
/// The legend entry of a density (or density change) raster: its ramp, scale and unit.
std::string density_legend(const Page& p, const ReportRaster& r, bool change);
/// A <figure class="map"> with an optional <h4> heading, the map, its legend and caption;
/// `attributes` are added to the figure element as they are (e.g. ` data-view="…"`).
std::string map_figure(const std::string& id, const std::string& heading, const std::string& svg,
                       const std::string& legend, const std::string& caption, const std::string& attributes = "");

/// Per KVO area (at most kMaxAreaMaps) a map zoomed to the area: hot spots and density of
/// the latest period, the neighbours around it.
std::string area_maps(const Page& p);
/// The most zoomed area maps a report holds; with more KVO areas, the busiest are drawn.
inline constexpr std::size_t kMaxAreaMaps = 12;
/// The KVO areas with a shape, at most kMaxAreaMaps: the busiest (all periods, all themes;
/// ties in layer order), in the order of the areas layer; the others go to `left_out`.
std::vector<const ReportArea*> busiest_kvo_areas(const ReportData& d, std::vector<const ReportArea*>& left_out);
/// For a follow-up, per theme with a significant change in a KVO area, that theme's change map;
/// one line names the themes compared without one.
std::string theme_change_maps(const Page& p);

}  // namespace kvo::io::report
