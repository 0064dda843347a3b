#pragma once
// A plain north-up Float32 raster: grid geometry plus row-major cell values.
//
// Convention (as GDAL's geotransform and the GeoPackage tiled gridded coverage): the
// origin is the TOP-LEFT corner of the top-left cell; columns run east, rows run south,
// so cell (col, row) spans x ∈ [origin_x + col·s, origin_x + (col+1)·s] and
// y ∈ [origin_y − (row+1)·s, origin_y − row·s], with s the cell size in metres.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/geometry.hpp"

namespace kvo::engine {

/// Default nodata value of kvo rasters (GDAL's and QGIS's customary -9999).
inline constexpr float kRasterNodata = -9999.0F;

/// The geometry of a north-up raster grid (no values).
struct RasterGrid {
  double origin_x = 0.0;     ///< x of the top-left corner (west edge), metres
  double origin_y = 0.0;     ///< y of the top-left corner (north edge), metres
  double cell_size_m = 10.0; ///< square cell side, metres (> 0)
  std::int32_t cols = 0;     ///< number of columns (west → east)
  std::int32_t rows = 0;     ///< number of rows (north → south)

  /// Number of cells, cols × rows.
  [[nodiscard]] std::size_t cell_count() const {
    return static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows);
  }
  /// Row-major index of cell (col, row).
  [[nodiscard]] std::size_t index(std::int32_t col, std::int32_t row) const {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(col);
  }
  /// x of the centre of column `col`, metres.
  [[nodiscard]] double center_x(std::int32_t col) const { return origin_x + (col + 0.5) * cell_size_m; }
  /// y of the centre of row `row`, metres.
  [[nodiscard]] double center_y(std::int32_t row) const { return origin_y - (row + 0.5) * cell_size_m; }
  /// Area of one cell, m².
  [[nodiscard]] double cell_area_m2() const { return cell_size_m * cell_size_m; }
  /// The grid's outer envelope, metres.
  [[nodiscard]] Envelope extent() const;
};

/// A Float32 raster: grid, nodata value and row-major values (row 0 = north).
struct Raster {
  RasterGrid grid;              ///< geometry
  float nodata = kRasterNodata; ///< value marking "no data" (outside the study area)
  std::vector<float> data;      ///< grid.cell_count() values, row-major, row 0 north

  /// Value of cell (col, row).
  [[nodiscard]] float at(std::int32_t col, std::int32_t row) const { return data[grid.index(col, row)]; }
  /// Mutable value of cell (col, row).
  [[nodiscard]] float& at(std::int32_t col, std::int32_t row) { return data[grid.index(col, row)]; }
  /// True when value `i` (row-major) is the nodata value.
  [[nodiscard]] bool is_nodata(std::size_t i) const { return data[i] == nodata; }
};

/// A raster on `grid` with every cell set to `fill` (default 0).
Raster make_raster(const RasterGrid& grid, float fill = 0.0F);

/// The smallest grid of `cell_size_m` cells, aligned to the lattice through
/// (align_x, align_y), that covers `envelope` grown by `padding_m` on every side. Edges are
/// snapped outward to align_x + k·s and align_y + k·s (k integer), so grids built from
/// different envelopes with the same alignment line up cell for cell. A degenerate
/// envelope still gets one cell. Throws std::invalid_argument for an empty envelope or a
/// cell size ≤ 0.
RasterGrid aligned_grid(const Envelope& envelope, double padding_m, double cell_size_m, double align_x = 0.0,
                        double align_y = 0.0);

/// True when both grids have the same cell size, size and origin (to 1e-6 of a cell).
bool same_grid(const RasterGrid& a, const RasterGrid& b);

/// True when both grids have the same cell size and their origins differ by whole cells
/// (to 1e-6 of a cell): their cells line up, whatever their extents.
bool aligned(const RasterGrid& a, const RasterGrid& b);

}  // namespace kvo::engine
