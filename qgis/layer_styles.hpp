#pragma once
// Default QGIS styles for every layer kvo writes, stored in the GeoPackage's `layer_styles`
// table (the table QGIS itself reads and writes), so that a layer opens styled. The same
// style bodies are reused by the embedded QGIS project (qgis/qgis_project.hpp).
// docs/qgis.md explains every style and its conventions.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/gpkg/gpkg_writer.hpp"

namespace kvo::io {

/// One table of a kvo GeoPackage as the styles need it.
struct StyledLayer {
  std::string name;                 ///< table name, e.g. "hotspot_cells"
  std::string geometry;             ///< "Point", "Polygon", "MultiPolygon", "None" or "Raster"
  std::string geometry_column;      ///< "geom"; "" for attribute tables and rasters
  std::vector<std::string> fields;  ///< fields as QGIS lists them: "fid" first, then table order
  double value_min = 0;             ///< rasters: smallest value (nodata excluded)
  double value_max = 0;             ///< rasters: largest value (nodata excluded)
  /// True when the layer has the field.
  [[nodiscard]] bool has(const std::string& field) const;
  /// True for a raster table.
  [[nodiscard]] bool is_raster() const { return geometry == "Raster"; }
};

/// What the styles and the project need to know about one GeoPackage.
struct StyleContext {
  std::string language = "en";          ///< "nl" | "en": legend labels, aliases, layer titles
  std::string title;                    ///< project title (the spec's title)
  std::string crs_authid;               ///< e.g. "EPSG:28992"; may be empty
  std::string crs_wkt;                  ///< the analysis CRS as WKT2
  std::string crs_proj4;                ///< the analysis CRS as a PROJ string
  double min_x = 0, min_y = 0;          ///< study extent (the areas), analysis CRS, metres
  double max_x = 0, max_y = 0;          ///< study extent (the areas), analysis CRS, metres
  std::vector<StyledLayer> layers;      ///< every table in gpkg_contents order (layer_styles excluded)
  std::vector<std::string> periods;     ///< periods in the data, baseline first
  std::vector<std::string> indicators;  ///< distinct survey_indicators.indicator, sorted
  std::vector<std::string> area_kinds;  ///< distinct areas.kind in table order (KVO areas first)
  std::string context_kind;             ///< with several kinds, the most numerous (neighbourhoods around the KVO areas)
  std::map<std::string, double> maxima;  ///< "layer.field[.indicator]" → largest value (theme 'all' rows)
  /// The layer named `name`, or nullptr.
  [[nodiscard]] const StyledLayer* find(const std::string& name) const;
  /// The last period present ("followup" when there is one), or "".
  [[nodiscard]] std::string latest_period() const;
};

/// One way of showing a table: a row in `layer_styles` and a layer in the project.
struct LayerView {
  std::string table;        ///< GeoPackage table
  std::string view;         ///< "" (the layer's default look), "local_moran" or "indicator"
  std::string period;       ///< rows of this period only; "" = every row
  std::string indicator;    ///< survey indicator shown (view "indicator")
  std::string style_name;   ///< name in layer_styles, e.g. "kvo: hot spots (Gi*) followup"
  std::string title;        ///< display name in the project, in the context's language
  std::string group;        ///< project group: "" (top), "followup", "baseline", "survey", "change", "tables"
  bool is_default = false;  ///< the table's default style in layer_styles
  bool visible = false;     ///< checked in the project
};

/// Reads the layers, fields, raster value ranges, areas extent, CRS, periods and survey
/// indicators of a GeoPackage. Throws InputError.
StyleContext describe_for_styles(const std::filesystem::path& gpkg, const std::string& language,
                                 const std::string& title);

/// Every view kvo styles for the context's layers, in project order (top of the map first).
std::vector<LayerView> layer_views(const StyleContext& ctx);

/// The QGIS style document (QML) of one view.
std::string style_qml(const StyleContext& ctx, const LayerView& view);

/// Writes the `layer_styles` table (QGIS's schema, registered in gpkg_contents as an
/// attributes table): one row per view, one default per table. Rasters get a row too,
/// which newer QGIS versions apply; QGIS 3.22 takes raster styles from the project.
void write_layer_styles(GpkgWriter& out, const StyleContext& ctx);

/// Of several area kinds, the one that is context rather than subject: the most numerous
/// (the CBS neighbourhoods around one or two KVO areas), the later one on a tie; never a
/// kind starting with "kvo"; "" when there is only one kind or all are KVO kinds. `kinds`
/// are (kind, count) in table order.
std::string context_area_kind(const std::vector<std::pair<std::string, std::size_t>>& kinds);

/// The timestamp stored in layer_styles and qgis_projects: SOURCE_DATE_EPOCH when set,
/// else now, as "YYYY-MM-DDTHH:MM:SS" (UTC).
std::string styling_timestamp();

}  // namespace kvo::io
