#include "engine/grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/grid_cover.hpp"
#include "engine/hotspot_parallel.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

namespace {

constexpr double kSqrt3 = 1.7320508075688772935;

void check_size(double cell_size_m) {
  if (!(cell_size_m > 0.0) || !std::isfinite(cell_size_m))
    throw std::invalid_argument("grid: cell size must be a positive number of metres");
}

struct HexMetrics {
  double a, w, h;  // edge (= circumradius), width (flat to flat), row pitch
};
HexMetrics hex_metrics(double cell_size_m) {
  const double a = hexagon_edge_m(cell_size_m);
  return {a, kSqrt3 * a, 1.5 * a};
}

std::int32_t to_i32(double v) {
  if (!(v > -2147483648.0 && v < 2147483647.0)) throw std::invalid_argument("grid: point too far from the grid origin");
  return static_cast<std::int32_t>(v);
}

}  // namespace

double hexagon_edge_m(double cell_size_m) { return cell_size_m * std::sqrt(2.0 / (3.0 * kSqrt3)); }

double cell_spacing_m(const GridSpec& spec) {
  return spec.shape == CellShape::square ? spec.cell_size_m : kSqrt3 * hexagon_edge_m(spec.cell_size_m);
}

GridSpec make_grid_spec(CellShape shape, double cell_size_m, const Envelope& study) {
  check_size(cell_size_m);
  if (study.empty()) throw std::invalid_argument("grid: empty study area");
  GridSpec spec{shape, cell_size_m, 0.0, 0.0};
  if (shape == CellShape::square) {
    spec.origin_x = std::floor(study.min_x / cell_size_m) * cell_size_m;
    spec.origin_y = std::floor(study.min_y / cell_size_m) * cell_size_m;
  } else {
    const HexMetrics m = hex_metrics(cell_size_m);
    const double px = m.w, py = 2.0 * m.h;  // the lattice repeats every w east and 2 rows (3a) north
    spec.origin_x = std::floor(study.min_x / px) * px - px;
    spec.origin_y = std::floor(study.min_y / py) * py - py;
  }
  return spec;
}

CellIndex lattice_cell(const GridSpec& spec, double x, double y) {
  if (spec.shape == CellShape::square) {
    const double s = spec.cell_size_m;
    return {to_i32(std::floor((x - spec.origin_x) / s)), to_i32(std::floor((y - spec.origin_y) / s))};
  }
  const HexMetrics m = hex_metrics(spec.cell_size_m);
  const double px = x - (spec.origin_x + 0.5 * m.w), py = y - (spec.origin_y + m.a);
  // Fractional axial coordinates of a pointy-topped lattice, then cube rounding.
  const double qf = (kSqrt3 / 3.0 * px - py / 3.0) / m.a;
  const double rf = (2.0 / 3.0 * py) / m.a;
  const double sf = -qf - rf;
  double q = std::round(qf), r = std::round(rf), s = std::round(sf);
  const double dq = std::fabs(q - qf), dr = std::fabs(r - rf), ds = std::fabs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  const std::int64_t qi = to_i32(q), ri = to_i32(r);
  // Axial → "odd-r" offset coordinates: odd rows are shifted half a cell east.
  const std::int64_t col = qi + (ri - (ri & 1)) / 2;
  return {to_i32(static_cast<double>(col)), static_cast<std::int32_t>(ri)};
}

// Hexagon vertices and centres lie on a half-lattice: x = origin_x + i·(w/2),
// y = origin_y + j·(a/2) for integers i, j. Computing every coordinate from its integer
// position makes the vertices shared by neighbouring cells bit-identical (no slivers).
namespace {
struct HalfLattice {
  double x0, y0, hw, ha;
  [[nodiscard]] Point at(std::int64_t i, std::int64_t j) const {
    return {x0 + static_cast<double>(i) * hw, y0 + static_cast<double>(j) * ha};
  }
};
HalfLattice half_lattice(const GridSpec& spec) {
  const HexMetrics m = hex_metrics(spec.cell_size_m);
  return {spec.origin_x, spec.origin_y, 0.5 * m.w, 0.5 * m.a};
}
// Half-lattice position of a hexagon's centre.
std::pair<std::int64_t, std::int64_t> hex_centre_index(CellIndex cell) {
  return {1 + 2 * static_cast<std::int64_t>(cell.col) + (cell.row & 1), 2 + 3 * static_cast<std::int64_t>(cell.row)};
}
}  // namespace

Point lattice_centre(const GridSpec& spec, CellIndex cell) {
  if (spec.shape == CellShape::square) {
    const double s = spec.cell_size_m;
    return {spec.origin_x + (cell.col + 0.5) * s, spec.origin_y + (cell.row + 0.5) * s};
  }
  const auto [i, j] = hex_centre_index(cell);
  return half_lattice(spec).at(i, j);
}

Polygon lattice_polygon(const GridSpec& spec, CellIndex cell) {
  Polygon poly;
  auto& ring = poly.outer();
  if (spec.shape == CellShape::square) {
    const double s = spec.cell_size_m;
    const double x0 = spec.origin_x + cell.col * s, y0 = spec.origin_y + cell.row * s;
    const double x1 = spec.origin_x + (cell.col + 1.0) * s, y1 = spec.origin_y + (cell.row + 1.0) * s;
    ring = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
    return poly;
  }
  const HalfLattice h = half_lattice(spec);
  const auto [i, j] = hex_centre_index(cell);
  // Clockwise from the top vertex.
  ring = {h.at(i, j + 2), h.at(i + 1, j + 1), h.at(i + 1, j - 1), h.at(i, j - 2),
          h.at(i - 1, j - 1), h.at(i - 1, j + 1), h.at(i, j + 2)};
  return poly;
}

std::int64_t lattice_cell_id(CellIndex cell) {
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(cell.row)) << 32) |
                                   static_cast<std::uint32_t>(cell.col));
}

CellIndex lattice_cell_from_id(std::int64_t id) {
  const auto u = static_cast<std::uint64_t>(id);
  return {static_cast<std::int32_t>(static_cast<std::uint32_t>(u & 0xffffffffu)),
          static_cast<std::int32_t>(static_cast<std::uint32_t>(u >> 32))};
}

std::string lattice_cell_name(CellIndex cell) {
  return "r" + std::to_string(cell.row) + "c" + std::to_string(cell.col);
}

void Grid::push_cell(CellIndex cell) {
  col.push_back(cell.col);
  row.push_back(cell.row);
  const Point centre = lattice_centre(spec, cell);
  centre_x.push_back(centre.x());
  centre_y.push_back(centre.y());
}

std::int32_t Grid::locate(double x, double y) const {
  if (!std::isfinite(x) || !std::isfinite(y) || size() == 0) return kNoCell;
  // Far-away points would overflow the lattice arithmetic: reject them by the window first.
  const double span = (std::max(window_cols, window_rows) + 4.0) * 2.0 * spec.cell_size_m;
  const Point o = lattice_centre(spec, {window_col, window_row});
  if (std::fabs(x - o.x()) > span || std::fabs(y - o.y()) > span) return kNoCell;
  const CellIndex c = lattice_cell(spec, x, y);
  if (lookup.empty()) {  // sparse: the cells are ordered by row, then column
    std::size_t lo = 0, hi = size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (row[mid] < c.row || (row[mid] == c.row && col[mid] < c.col))
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo < size() && row[lo] == c.row && col[lo] == c.col ? static_cast<std::int32_t>(lo) : kNoCell;
  }
  const std::int64_t dc = static_cast<std::int64_t>(c.col) - window_col, dr = static_cast<std::int64_t>(c.row) - window_row;
  if (dc < 0 || dr < 0 || dc >= window_cols || dr >= window_rows) return kNoCell;
  return lookup[static_cast<std::size_t>(dr * window_cols + dc)];
}

Grid build_grid(const GridSpec& spec, std::span<const MultiPolygon> areas, const GridOptions& options) {
  check_size(spec.cell_size_m);
  if (!std::isfinite(spec.origin_x) || !std::isfinite(spec.origin_y)) throw std::invalid_argument("grid: bad origin");
  Grid grid;
  grid.spec = spec;
  Envelope env;
  const std::vector<Polygon> parts = study_parts(areas, options.extent, env);
  if (env.empty()) return grid;
  // Lookup window: the lattice cells of the envelope's corners, one cell of margin.
  const CellRange window = cell_range(spec, env);
  const std::int64_t wc0 = window.c0, wc1 = window.c1, wr0 = window.r0, wr1 = window.r1;
  const std::int64_t wcols = wc1 - wc0 + 1, wrows = wr1 - wr0 + 1;
  if (wcols * wrows > (std::int64_t{1} << 28)) throw std::invalid_argument("grid: more than 2^28 cells; use a larger cell size");
  grid.window_col = static_cast<std::int32_t>(wc0);
  grid.window_row = static_cast<std::int32_t>(wr0);
  grid.window_cols = static_cast<std::int32_t>(wcols);
  grid.window_rows = static_cast<std::int32_t>(wrows);
  std::vector<std::uint8_t> kept(static_cast<std::size_t>(wcols * wrows), 0);

  for (const Polygon& part : parts) {
    const PartCover cover(spec, part);
    if (cover.empty()) continue;
    std::vector<double> crossings;
    const CellRange& cr = cover.range();
    for (std::int64_t r = std::max(cr.r0, wr0); r <= std::min(cr.r1, wr1); ++r) {
      cover.row_crossings(r, crossings);
      for (std::int64_t c = std::max(cr.c0, wc0); c <= std::min(cr.c1, wc1); ++c) {
        auto& flag = kept[static_cast<std::size_t>((r - wr0) * wcols + (c - wc0))];
        if (!flag) flag = cover.covers({static_cast<std::int32_t>(c), static_cast<std::int32_t>(r)}, crossings);
      }
    }
  }
  grid.lookup.assign(kept.size(), kNoCell);
  for (std::int64_t r = 0; r < wrows; ++r)
    for (std::int64_t c = 0; c < wcols; ++c) {
      const std::size_t k = static_cast<std::size_t>(r * wcols + c);
      if (!kept[k]) continue;
      const CellIndex cell{static_cast<std::int32_t>(wc0 + c), static_cast<std::int32_t>(wr0 + r)};
      grid.lookup[k] = static_cast<std::int32_t>(grid.size());
      grid.push_cell(cell);
    }
  return grid;
}

double auto_cell_size(std::span<const double> x, std::span<const double> y, double min_cell_m) {
  if (x.size() != y.size()) throw std::invalid_argument("auto cell size: x and y differ in length");
  std::vector<std::pair<double, double>> pts;
  pts.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) pts.emplace_back(x[i], y[i]);
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  if (pts.size() < 2) throw std::invalid_argument("auto cell size: needs at least two distinct incident locations");
  std::vector<double> ux(pts.size()), uy(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    ux[i] = pts[i].first;
    uy[i] = pts[i].second;
  }
  std::vector<double> d = nearest_neighbour_distances(ux, uy);
  double mean = 0.0;
  for (double v : d) mean += v;
  mean /= static_cast<double>(d.size());
  std::sort(d.begin(), d.end());
  const std::size_t m = d.size();
  const double median = m % 2 == 1 ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2]);
  const double raw = std::max({mean, median, min_cell_m});
  // Whole metres, so that the manifest shows a plain number.
  return std::ceil(raw - 1e-9);
}

std::vector<std::int32_t> assign_cells(const Grid& grid, std::span<const double> x, std::span<const double> y,
                                       unsigned threads) {
  if (x.size() != y.size()) throw std::invalid_argument("assign_cells: x and y differ in length");
  std::vector<std::int32_t> out(x.size(), kNoCell);
  hotspot_detail::for_chunks(x.size(), 65536, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) out[i] = grid.locate(x[i], y[i]);
  });
  return out;
}

std::vector<double> count_indices(const Grid& grid, std::span<const std::int32_t> cell_of,
                                  std::span<const std::size_t> indices) {
  std::vector<double> counts(grid.size(), 0.0);
  for (const std::size_t i : indices) {
    const std::int32_t c = cell_of[i];
    if (c != kNoCell) counts[static_cast<std::size_t>(c)] += 1.0;
  }
  return counts;
}

std::vector<double> count_cells(const Grid& grid, std::span<const std::int32_t> cell_of, const IncidentSet& incidents,
                                PeriodId period, ThemeId theme) {
  if (cell_of.size() != incidents.size()) throw std::invalid_argument("count_cells: cell_of and incidents differ in length");
  std::vector<double> counts(grid.size(), 0.0);
  const auto per = static_cast<std::uint8_t>(period);
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    const std::int32_t c = cell_of[i];
    if (c == kNoCell || incidents.period[i] != per) continue;
    if (theme != kThemeAll && incidents.theme[i] != theme) continue;
    counts[static_cast<std::size_t>(c)] += static_cast<double>(incidents.weight[i]);
  }
  return counts;
}

}  // namespace kvo::engine
