#pragma once
// Internal to the report: coloured raster pixels as PNG, and the part of a raster a zoomed
// map shows (so a map of one area embeds its own few pixels, not the whole town's image).

#include <cstdint>
#include <string>
#include <vector>

#include "engine/geometry.hpp"
#include "report/report_data.hpp"

namespace kvo::io {

/// PNG bytes of `width` × `height` RGBA pixels (row by row from the top); "" when GDAL's
/// MEM or PNG driver fails.
std::string encode_png(const std::vector<std::uint8_t>& rgba, int width, int height);

/// The whole pixels of `raster` that meet `view` (metres), with their extent and PNG; `png`
/// is empty when the view misses the raster or the raster has no pixels.
ReportRaster raster_window(const ReportRaster& raster, const engine::Envelope& view);

}  // namespace kvo::io
