#pragma once
// The sparse grid of a large study region (`[grid] extent = "incidents"`): only the cells
// where incidents are and their neighbourhoods, so its size follows the incidents, not the
// extent (a whole country at 50 m cells is 35 million cells; its incidents fill a few
// hundred thousand). As ArcGIS Optimized Hot Spot Analysis without bounding polygons,
// extended by the distance band so every incident cell keeps its whole neighbourhood.

#include <span>

#include "engine/geometry.hpp"
#include "engine/grid.hpp"

namespace kvo::engine {

/// The cells of `spec` that hold at least one point, plus every cell whose centre lies
/// within `band_m` of such a cell's centre (0: none added), of those the cells build_grid
/// keeps over `areas` with the same options. Cells are ordered by row, then column, as in
/// build_grid; the lookup is sparse (Grid::lookup empty). Throws std::invalid_argument on a
/// bad cell size or band.
Grid build_sparse_grid(const GridSpec& spec, std::span<const MultiPolygon> areas, std::span<const double> x,
                       std::span<const double> y, double band_m, const GridOptions& options = {});

}  // namespace kvo::engine
