#include "engine/grid_sparse.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "engine/grid_cover.hpp"

namespace kvo::engine {

namespace {

// The columns within the band of a cell, per row offset: lattice cells (c + dc, r + dr)
// with dc in [lo, hi] have their centre within the band of (c, r)'s. Hexagon rows are
// shifted by half a cell on odd rows, so the intervals depend on the row's parity.
struct BandRows {
  std::int64_t reach = 0;                                        // rows up and down
  std::vector<std::pair<std::int64_t, std::int64_t>> even, odd;  // by dr + reach; lo > hi: none
};

BandRows band_rows(const GridSpec& spec, double band_m) {
  BandRows b;
  if (band_m <= 0) return b;
  const double reach = band_m * (1.0 + 1e-9);  // as distance_band_weights
  const double r2 = reach * reach;
  const double row_pitch = spec.shape == CellShape::square ? spec.cell_size_m : 1.5 * hexagon_edge_m(spec.cell_size_m);
  const double col_pitch = cell_spacing_m(spec);
  b.reach = static_cast<std::int64_t>(std::ceil(reach / row_pitch)) + 1;
  const auto cols = static_cast<std::int64_t>(std::ceil(reach / col_pitch)) + 2;
  for (const std::int32_t parity : {0, 1}) {
    auto& rows = parity == 0 ? b.even : b.odd;
    const Point from = lattice_centre(spec, {0, parity});
    for (std::int64_t dr = -b.reach; dr <= b.reach; ++dr) {
      std::int64_t lo = 1, hi = 0;
      for (std::int64_t dc = -cols; dc <= cols; ++dc) {
        const Point to = lattice_centre(spec, {static_cast<std::int32_t>(dc), static_cast<std::int32_t>(parity + dr)});
        const double dx = to.x() - from.x(), dy = to.y() - from.y();
        if (dx * dx + dy * dy > r2) continue;
        if (lo > hi) lo = dc;
        hi = dc;
      }
      rows.emplace_back(lo, hi);
    }
  }
  return b;
}

bool row_col_less(const CellIndex& a, const CellIndex& b) {
  return a.row != b.row ? a.row < b.row : a.col < b.col;
}

}  // namespace

Grid build_sparse_grid(const GridSpec& spec, std::span<const MultiPolygon> areas, std::span<const double> x,
                       std::span<const double> y, double band_m, const GridOptions& options) {
  if (!(spec.cell_size_m > 0.0) || !std::isfinite(spec.cell_size_m))
    throw std::invalid_argument("grid: cell size must be a positive number of metres");
  if (!(band_m >= 0.0) || !std::isfinite(band_m)) throw std::invalid_argument("grid: bad distance band");
  if (x.size() != y.size()) throw std::invalid_argument("grid: x and y differ in length");
  Grid grid;
  grid.spec = spec;
  Envelope env;
  const std::vector<Polygon> parts = study_parts(areas, options.extent, env);
  if (env.empty()) return grid;
  const CellRange study = cell_range(spec, env);

  // 1. The cells holding a point (inside the areas' lattice range; others cannot be kept).
  std::vector<CellIndex> held;
  held.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    if (env.grown(2 * spec.cell_size_m).contains(x[i], y[i])) held.push_back(lattice_cell(spec, x[i], y[i]));
  std::sort(held.begin(), held.end(), row_col_less);
  held.erase(std::unique(held.begin(), held.end(),
                         [](const CellIndex& a, const CellIndex& b) { return a.row == b.row && a.col == b.col; }),
             held.end());
  if (held.empty()) return grid;

  // 2. Row by row: the union of the band's column intervals around the held cells of the
  // rows within reach, then the cells of it that the areas cover.
  const BandRows band = band_rows(spec, band_m);
  std::vector<std::pair<std::int64_t, std::int64_t>> intervals;
  std::vector<CellIndex> row_cells;
  std::vector<PartCover> covers;
  covers.reserve(parts.size());
  for (const Polygon& part : parts) covers.emplace_back(spec, part);
  std::vector<std::vector<double>> crossings(covers.size());
  std::vector<std::size_t> active;
  std::size_t first = 0;  // first held cell of a row within reach
  const std::int64_t row_from = std::max<std::int64_t>(held.front().row - band.reach, study.r0);
  const std::int64_t row_to = std::min<std::int64_t>(held.back().row + band.reach, study.r1);
  for (std::int64_t r = row_from; r <= row_to; ++r) {
    while (first < held.size() && held[first].row < r - band.reach) ++first;
    intervals.clear();
    for (std::size_t h = first; h < held.size() && held[h].row <= r + band.reach; ++h) {
      const std::int64_t dr = r - held[h].row;
      if (band_m <= 0) {
        if (dr == 0) intervals.emplace_back(held[h].col, held[h].col);
        continue;
      }
      const auto& rows = (held[h].row & 1) ? band.odd : band.even;
      const auto [lo, hi] = rows[static_cast<std::size_t>(dr + band.reach)];
      if (lo <= hi) intervals.emplace_back(held[h].col + lo, held[h].col + hi);
    }
    if (intervals.empty()) continue;
    std::sort(intervals.begin(), intervals.end());
    // The parts reaching this row, with their crossings, found once the row has a candidate.
    bool parts_ready = false;
    active.clear();
    row_cells.clear();
    std::int64_t next = INT64_MIN;  // first column not yet visited in this row
    for (const auto& [lo, hi] : intervals) {
      for (std::int64_t c = std::max({lo, next, study.c0}); c <= std::min(hi, study.c1); ++c) {
        if (!parts_ready) {
          for (std::size_t k = 0; k < covers.size(); ++k)
            if (!covers[k].empty() && covers[k].range().r0 <= r && r <= covers[k].range().r1) {
              covers[k].row_crossings(r, crossings[k]);
              active.push_back(k);
            }
          parts_ready = true;
        }
        const CellIndex cell{static_cast<std::int32_t>(c), static_cast<std::int32_t>(r)};
        for (const std::size_t k : active)
          if (covers[k].covers(cell, crossings[k])) {
            row_cells.push_back(cell);
            break;
          }
      }
      next = std::max(next, hi + 1);
    }
    for (const CellIndex& cell : row_cells) grid.push_cell(cell);
  }
  // The window only bounds the lattice arithmetic of locate(); the lookup stays empty.
  grid.window_col = static_cast<std::int32_t>(study.c0);
  grid.window_row = static_cast<std::int32_t>(study.r0);
  grid.window_cols = static_cast<std::int32_t>(study.c1 - study.c0 + 1);
  grid.window_rows = static_cast<std::int32_t>(study.r1 - study.r0 + 1);
  return grid;
}

}  // namespace kvo::engine
