#pragma once
// The `[grid] extent = "kvo"` grid: the cells over the KVO areas plus every cell within
// the distance band of them, cut out of the grid over all areas.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/grid.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

/// Marks (1) the cells of `grid` whose outline overlaps the interior of a `core` polygon,
/// as build_grid keeps them, and every neighbour of such a cell under `weights` (built on
/// `grid`: the distance band, or kNN), so each core cell keeps its whole neighbourhood.
std::vector<std::uint8_t> core_and_neighbour_cells(const Grid& grid, std::span<const MultiPolygon> core,
                                                   const SpatialWeights& weights);

/// The grid with only the cells where `keep` is non-zero, in the same order, with the same
/// lattice (spec, ids) and lookup window. Throws std::invalid_argument when `keep` does not
/// have one entry per cell.
Grid restrict_grid(const Grid& grid, std::span<const std::uint8_t> keep);

}  // namespace kvo::engine
