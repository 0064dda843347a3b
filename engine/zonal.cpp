#include "engine/zonal.hpp"

#include <algorithm>
#include <stdexcept>

namespace kvo::engine {

namespace {

// An edge in canonical orientation (lower y first), so that two rings sharing an edge in
// opposite directions compute bit-identical crossings.
struct Edge {
  double x0, y0, x1, y1;
};

// Rows whose centre y satisfies y0 ≤ y < y1 (y0 < y1), clipped to the grid; hi < lo = none.
void edge_rows(const RasterGrid& g, const Edge& e, std::int32_t& lo, std::int32_t& hi) {
  const double s = g.cell_size_m;
  // Fractional row of a y: (origin_y − y)/s − 0.5; widen by one and test exactly below.
  const double a = std::floor((g.origin_y - e.y1) / s - 0.5);
  const double b = std::ceil((g.origin_y - e.y0) / s - 0.5);
  if (!(b >= 0.0) || !(a <= g.rows - 1.0)) {
    lo = 0;
    hi = -1;
    return;
  }
  lo = static_cast<std::int32_t>(std::max(a, 0.0));
  hi = static_cast<std::int32_t>(std::min(b, g.rows - 1.0));
  while (lo <= hi && !(g.center_y(lo) < e.y1)) ++lo;
  while (hi >= lo && !(g.center_y(hi) >= e.y0)) --hi;
}

template <class Fn>
void for_each_ring_edge(const MultiPolygon& area, Fn fn) {
  auto ring_edges = [&](const auto& ring) {
    const std::size_t m = ring.size();
    if (m < 2) return;
    // Boost rings are closed (last == first); an open ring gets its closing edge too.
    const bool closed = bg::get<0>(ring[0]) == bg::get<0>(ring[m - 1]) && bg::get<1>(ring[0]) == bg::get<1>(ring[m - 1]);
    const std::size_t count = closed ? m - 1 : m;
    for (std::size_t k = 0; k < count; ++k) {
      const Point& p = ring[k];
      const Point& q = ring[(k + 1) % m];
      const double px = bg::get<0>(p), py = bg::get<1>(p), qx = bg::get<0>(q), qy = bg::get<1>(q);
      if (py == qy) continue;  // horizontal: never crossed under the half-open rule
      if (py < qy)
        fn(Edge{px, py, qx, qy});
      else
        fn(Edge{qx, qy, px, py});
    }
  };
  for (const Polygon& poly : area) {
    ring_edges(poly.outer());
    for (const auto& inner : poly.inners()) ring_edges(inner);
  }
}

// Calls fn(row, first_col, last_col) for each run of cells whose centres lie inside `area`.
template <class Fn>
void for_each_inside_run(const RasterGrid& g, const MultiPolygon& area, Fn fn) {
  if (g.cols <= 0 || g.rows <= 0) return;
  // Crossings bucketed per row (CSR), built in two passes over the edges.
  std::int32_t row_min = g.rows, row_max = -1;
  for_each_ring_edge(area, [&](const Edge& e) {
    std::int32_t lo = 0, hi = -1;
    edge_rows(g, e, lo, hi);
    if (lo > hi) return;
    row_min = std::min(row_min, lo);
    row_max = std::max(row_max, hi);
  });
  if (row_max < row_min) return;
  const auto span_rows = static_cast<std::size_t>(row_max - row_min + 1);
  std::vector<std::size_t> start(span_rows + 1, 0);
  for_each_ring_edge(area, [&](const Edge& e) {
    std::int32_t lo = 0, hi = -1;
    edge_rows(g, e, lo, hi);
    for (std::int32_t r = lo; r <= hi; ++r) ++start[static_cast<std::size_t>(r - row_min) + 1];
  });
  for (std::size_t r = 0; r < span_rows; ++r) start[r + 1] += start[r];
  std::vector<double> xs(start.back());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for_each_ring_edge(area, [&](const Edge& e) {
    std::int32_t lo = 0, hi = -1;
    edge_rows(g, e, lo, hi);
    const double slope = (e.x1 - e.x0) / (e.y1 - e.y0);
    for (std::int32_t r = lo; r <= hi; ++r)
      xs[fill[static_cast<std::size_t>(r - row_min)]++] = e.x0 + (g.center_y(r) - e.y0) * slope;
  });

  const double s = g.cell_size_m;
  for (std::size_t k = 0; k < span_rows; ++k) {
    const auto first = xs.begin() + static_cast<std::ptrdiff_t>(start[k]);
    const auto last = xs.begin() + static_cast<std::ptrdiff_t>(start[k + 1]);
    std::sort(first, last);
    const auto row = static_cast<std::int32_t>(k) + row_min;
    for (auto it = first; it + 1 < last; it += 2) {
      const double xa = *it, xb = *(it + 1);
      // First centre ≥ xa and last centre < xb, estimated then settled exactly.
      double ca = std::ceil((xa - g.origin_x) / s - 0.5) - 1.0;
      double cb = std::floor((xb - g.origin_x) / s - 0.5) + 1.0;
      if (ca < 0.0) ca = 0.0;
      if (cb > g.cols - 1.0) cb = g.cols - 1.0;
      if (cb < ca) continue;
      auto c0 = static_cast<std::int32_t>(ca);
      auto c1 = static_cast<std::int32_t>(cb);
      while (c0 <= c1 && !(g.center_x(c0) >= xa)) ++c0;
      while (c1 >= c0 && !(g.center_x(c1) < xb)) --c1;
      if (c0 <= c1) fn(row, c0, c1);
    }
  }
}

}  // namespace

void mark_cells_inside(const RasterGrid& grid, const MultiPolygon& area, std::vector<std::uint8_t>& mask) {
  if (mask.size() != grid.cell_count()) throw std::invalid_argument("mark_cells_inside: mask size differs from grid");
  for_each_inside_run(grid, area, [&](std::int32_t row, std::int32_t c0, std::int32_t c1) {
    std::fill(mask.begin() + static_cast<std::ptrdiff_t>(grid.index(c0, row)),
              mask.begin() + static_cast<std::ptrdiff_t>(grid.index(c1, row)) + 1, std::uint8_t{1});
  });
}

std::vector<std::uint8_t> cells_inside(const RasterGrid& grid, const MultiPolygon& area) {
  std::vector<std::uint8_t> mask(grid.cell_count(), 0);
  mark_cells_inside(grid, area, mask);
  return mask;
}

ZonalStats zonal_stats(const Raster& raster, const MultiPolygon& area) {
  if (raster.data.size() != raster.grid.cell_count())
    throw std::invalid_argument("zonal_stats: raster data does not match its grid");
  ZonalStats z;
  for_each_inside_run(raster.grid, area, [&](std::int32_t row, std::int32_t c0, std::int32_t c1) {
    for (std::size_t i = raster.grid.index(c0, row), e = raster.grid.index(c1, row); i <= e; ++i) {
      if (raster.is_nodata(i)) {
        ++z.nodata_cells;
      } else {
        z.sum += raster.data[i];
        ++z.cells;
      }
    }
  });
  if (z.cells > 0) z.mean = z.sum / static_cast<double>(z.cells);
  return z;
}

std::vector<ZonalStats> zonal_stats(const Raster& raster, const Areas& areas) {
  std::vector<ZonalStats> out;
  out.reserve(areas.size());
  for (const MultiPolygon& g : areas.geometry) out.push_back(zonal_stats(raster, g));
  return out;
}

void mask_outside(Raster& raster, std::span<const MultiPolygon> areas) {
  if (raster.data.size() != raster.grid.cell_count())
    throw std::invalid_argument("mask_outside: raster data does not match its grid");
  std::vector<std::uint8_t> inside(raster.grid.cell_count(), 0);
  for (const MultiPolygon& a : areas) mark_cells_inside(raster.grid, a, inside);
  for (std::size_t i = 0; i < inside.size(); ++i)
    if (!inside[i]) raster.data[i] = raster.nodata;
}

void mask_outside(Raster& raster, const MultiPolygon& area) { mask_outside(raster, std::span<const MultiPolygon>(&area, 1)); }

}  // namespace kvo::engine
