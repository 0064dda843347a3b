#pragma once
// Raster cells against polygons: which cell centres lie in an area, zonal sums and means,
// and masking to nodata outside the study area. A scanline per cell row, not a
// point-in-polygon test per cell.
//
// Rule for centres on a boundary (as in polygon rasterisers): an edge is crossed by the row
// through y when min(y0, y1) ≤ y < max(y0, y1) (horizontal edges never), and a centre at x
// is inside when it lies in [x_in, x_out) between a pair of crossings (even–odd over all
// rings of the multipolygon). Areas that tile the plane (sharing edges exactly) therefore
// claim every cell centre exactly once.

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/incident_set.hpp"
#include "engine/raster.hpp"

namespace kvo::engine {

/// Row-major mask of `grid`: 1 where the cell centre lies inside `area`, else 0.
std::vector<std::uint8_t> cells_inside(const RasterGrid& grid, const MultiPolygon& area);

/// Sets mask[i] = 1 for every cell whose centre lies inside `area` (others untouched);
/// `mask` must hold grid.cell_count() values. Call once per area for a union.
void mark_cells_inside(const RasterGrid& grid, const MultiPolygon& area, std::vector<std::uint8_t>& mask);

/// Sum and mean of raster values over the cells whose centres lie in an area.
struct ZonalStats {
  double sum = 0.0;                                      ///< Σ value over valid cells inside
  double mean = std::numeric_limits<double>::quiet_NaN(); ///< sum / cells; NaN when cells = 0
  std::int64_t cells = 0;                                ///< valid (not nodata) cells inside
  std::int64_t nodata_cells = 0;                         ///< nodata cells inside (skipped)
};

/// Zonal sum and mean of `raster` over `area` (cells by centre; nodata skipped).
ZonalStats zonal_stats(const Raster& raster, const MultiPolygon& area);

/// Zonal statistics for every area, in the order of `areas`.
std::vector<ZonalStats> zonal_stats(const Raster& raster, const Areas& areas);

/// Sets every cell whose centre lies outside `area` to raster.nodata.
void mask_outside(Raster& raster, const MultiPolygon& area);

/// Sets every cell whose centre lies outside all of `areas` to raster.nodata (areas may overlap).
void mask_outside(Raster& raster, std::span<const MultiPolygon> areas);

}  // namespace kvo::engine
