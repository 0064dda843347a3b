#include "engine/grid_extent.hpp"

#include <stdexcept>

namespace kvo::engine {

std::vector<std::uint8_t> core_and_neighbour_cells(const Grid& grid, std::span<const MultiPolygon> core,
                                                   const SpatialWeights& weights) {
  if (weights.size() != grid.size()) throw std::invalid_argument("core cells: weights and grid differ in size");
  std::vector<std::uint8_t> keep(grid.size(), 0);
  // The same lattice over the core polygons alone gives the core cells; the grid over all
  // areas holds them (the core polygons are among its areas), found by their centres.
  const Grid core_grid = build_grid(grid.spec, core);
  for (std::size_t c = 0; c < core_grid.size(); ++c) {
    const std::int32_t i = grid.locate(core_grid.centre_x[c], core_grid.centre_y[c]);
    if (i == kNoCell) continue;
    const auto u = static_cast<std::size_t>(i);
    keep[u] = 1;
    for (auto e = weights.row_offsets[u]; e < weights.row_offsets[u + 1]; ++e)
      keep[static_cast<std::size_t>(weights.columns[static_cast<std::size_t>(e)])] = 1;
  }
  return keep;
}

Grid restrict_grid(const Grid& grid, std::span<const std::uint8_t> keep) {
  if (keep.size() != grid.size()) throw std::invalid_argument("restrict_grid: one flag per cell needed");
  Grid out;
  out.spec = grid.spec;
  out.window_col = grid.window_col;
  out.window_row = grid.window_row;
  out.window_cols = grid.window_cols;
  out.window_rows = grid.window_rows;
  out.lookup.assign(grid.lookup.size(), kNoCell);
  std::vector<std::int32_t> index_of(grid.size(), kNoCell);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!keep[i]) continue;
    index_of[i] = static_cast<std::int32_t>(out.size());
    out.col.push_back(grid.col[i]);
    out.row.push_back(grid.row[i]);
    out.centre_x.push_back(grid.centre_x[i]);
    out.centre_y.push_back(grid.centre_y[i]);
  }
  for (std::size_t k = 0; k < grid.lookup.size(); ++k)
    if (grid.lookup[k] != kNoCell) out.lookup[k] = index_of[static_cast<std::size_t>(grid.lookup[k])];
  return out;
}

}  // namespace kvo::engine
