#pragma once
// PostGIS raster tiles in the raster WKB format (PostGIS RFC 2, "WKB format for rasters"):
// what `ST_RastFromWKB` takes. One Float32 band with a nodata value, little endian.

#include <cstdint>
#include <string>
#include <vector>

namespace kvo::io {

/// A window of a north-up Float32 grid.
struct RasterTile {
  double west = 0, north = 0;  ///< upper-left corner of the tile, metres
  double cell_size = 1;        ///< square cells
  int srid = 0;
  int width = 0, height = 0;  ///< ≤ 65535 each
  float nodata = 0;
  const float* cells = nullptr;  ///< first cell of the tile's top row
  std::size_t row_stride = 0;    ///< cells from one row of the grid to the next
};

/// The tile as raster WKB. Throws std::invalid_argument for a size beyond 65535.
[[nodiscard]] std::string raster_wkb(const RasterTile& tile);

/// True when every cell of the tile is the nodata value (such tiles are left out).
[[nodiscard]] bool tile_is_empty(const RasterTile& tile);

}  // namespace kvo::io
