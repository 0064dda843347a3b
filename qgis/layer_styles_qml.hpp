#pragma once
// Internal to io/: the QGIS style elements (renderers, labels, aliases, raster pipes) of
// kvo's layers, written once and used both in QML documents (layer_styles) and inside the
// <maplayer> elements of the embedded project.

#include <string>

#include "qgis/layer_styles.hpp"
#include "qgis/layer_styles_xml.hpp"

namespace kvo::io::detail {

/// The QGIS version written into styles and projects (the oldest we target: Debian 12's).
inline constexpr const char* kQgisVersion = "3.22.16-Białowieża";

/// Attributes of the <qgis> (QML) or <maplayer> (project) element that belong to the style.
XmlAttrs style_root_attributes(const StyledLayer& layer, const LayerView& view);

/// Writes the style's child elements: renderer and labels (vector), raster pipe, aliases.
void write_style_body(Xml& x, const StyleContext& ctx, const StyledLayer& layer, const LayerView& view);

/// Writes <spatialrefsys> for the context's CRS.
void write_spatialrefsys(Xml& x, const StyleContext& ctx);

/// The row filter of a view as a QGIS expression ("" = every row), e.g.
/// `"theme" = 'all' AND "period" = 'followup'`.
std::string view_filter(const StyledLayer& layer, const LayerView& view);

/// A number for legends: decimal comma in Dutch, at most `decimals` decimals, no trailing zeros.
std::string legend_number(double value, int decimals, const std::string& language);

}  // namespace kvo::io::detail
