#include "engine/raster.hpp"

#include <cmath>
#include <stdexcept>

namespace kvo::engine {

Envelope RasterGrid::extent() const {
  Envelope env;
  if (cols <= 0 || rows <= 0) return env;
  env.expand(origin_x, origin_y - rows * cell_size_m);
  env.expand(origin_x + cols * cell_size_m, origin_y);
  return env;
}

Raster make_raster(const RasterGrid& grid, float fill) {
  Raster r;
  r.grid = grid;
  r.data.assign(grid.cell_count(), fill);
  return r;
}

RasterGrid aligned_grid(const Envelope& envelope, double padding_m, double cell_size_m, double align_x,
                        double align_y) {
  if (envelope.empty()) throw std::invalid_argument("aligned_grid: empty envelope");
  if (!(cell_size_m > 0.0) || !std::isfinite(cell_size_m))
    throw std::invalid_argument("aligned_grid: cell size must be a positive number of metres");
  if (!(padding_m >= 0.0)) padding_m = 0.0;
  // Lattice indices of the outer edges; the edges themselves are recomputed from the
  // integer index so equal indices give bit-identical coordinates.
  const double kx0 = std::floor((envelope.min_x - padding_m - align_x) / cell_size_m);
  double kx1 = std::ceil((envelope.max_x + padding_m - align_x) / cell_size_m);
  const double ky0 = std::floor((envelope.min_y - padding_m - align_y) / cell_size_m);
  double ky1 = std::ceil((envelope.max_y + padding_m - align_y) / cell_size_m);
  if (kx1 <= kx0) kx1 = kx0 + 1.0;
  if (ky1 <= ky0) ky1 = ky0 + 1.0;
  const double cols = kx1 - kx0;
  const double rows = ky1 - ky0;
  if (cols * rows > 2.0e9) throw std::invalid_argument("aligned_grid: raster would exceed 2e9 cells");
  RasterGrid g;
  g.cell_size_m = cell_size_m;
  g.origin_x = align_x + kx0 * cell_size_m;
  g.origin_y = align_y + ky1 * cell_size_m;
  g.cols = static_cast<std::int32_t>(cols);
  g.rows = static_cast<std::int32_t>(rows);
  return g;
}

namespace {
bool near_whole_cells(double delta, double cell) {
  const double k = delta / cell;
  return std::abs(k - std::round(k)) <= 1e-6;
}
}  // namespace

bool aligned(const RasterGrid& a, const RasterGrid& b) {
  if (std::abs(a.cell_size_m - b.cell_size_m) > 1e-9 * a.cell_size_m) return false;
  return near_whole_cells(a.origin_x - b.origin_x, a.cell_size_m) &&
         near_whole_cells(a.origin_y - b.origin_y, a.cell_size_m);
}

bool same_grid(const RasterGrid& a, const RasterGrid& b) {
  return a.cols == b.cols && a.rows == b.rows && aligned(a, b) &&
         std::abs(a.origin_x - b.origin_x) <= 1e-6 * a.cell_size_m &&
         std::abs(a.origin_y - b.origin_y) <= 1e-6 * a.cell_size_m;
}

}  // namespace kvo::engine
