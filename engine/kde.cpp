#include "engine/kde.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <thread>
#include <utility>

namespace kvo::engine {

namespace {

// Rows per band. Bands are the unit of parallel work: a band is always summed by one
// thread over its points in index order, so the result cannot depend on the thread
// count. 32 rows × 1000 columns of doubles (256 KiB) stay in L2 while a band is summed.
constexpr std::int32_t kBandRows = 32;

// The Gaussian is truncated at r = 3σ: exp(−d²/(2σ²)) = exp(−4.5 d²/r²).
constexpr double kGaussExponent = 4.5;

// Normalising constant c of each kernel, K(d) = c · shape(d²) for d < r, so that the
// kernel integrates to 1 over the disc of radius r (polar integration, docs/density.md).
double kernel_norm(Kernel kernel, double r) {
  const double pr2 = std::numbers::pi * r * r;
  switch (kernel) {
    case Kernel::quartic: return 3.0 / pr2;
    case Kernel::triangular: return 3.0 / pr2;
    case Kernel::epanechnikov: return 2.0 / pr2;
    case Kernel::uniform: return 1.0 / pr2;
    case Kernel::gaussian: return kGaussExponent / (pr2 * -std::expm1(-kGaussExponent));
  }
  return 0.0;
}

// Shapes as functions of d², 0 at and beyond r, with no square root where the formula
// needs none. max(0, u) is written 0.5·(u + |u|) (exact: 2u and its half are exact) so the
// cell loop vectorises without -ffast-math: GCC will not if-convert a compare under the
// default -ftrapping-math.
inline double clamp0(double u) { return 0.5 * (u + std::fabs(u)); }
struct QuarticShape {
  double r2, inv_r2;
  double operator()(double d2) const {
    const double t = clamp0(1.0 - d2 * inv_r2);
    return t * t;
  }
};
struct EpanechnikovShape {
  double r2, inv_r2;
  double operator()(double d2) const { return clamp0(1.0 - d2 * inv_r2); }
};
struct TriangularShape {
  double r2, inv_r;
  double operator()(double d2) const { return clamp0(1.0 - std::sqrt(d2) * inv_r); }
};
struct UniformShape {
  double r2;
  double operator()(double d2) const { return d2 < r2 ? 1.0 : 0.0; }
};
struct GaussianShape {
  double r2, k;  // k = 4.5 / r²
  double operator()(double d2) const { return d2 < r2 ? std::exp(-k * d2) : 0.0; }
};

// Closed index range [lo, hi] of rows or columns whose centres may lie in a window,
// widened by one on each side so rounding can never drop a cell; the kernel, exactly 0 at
// and beyond r, decides.
struct IndexRange {
  std::int32_t lo = 0, hi = -1;
  [[nodiscard]] bool empty() const { return hi < lo; }
};
IndexRange index_range(double first, double last, std::int32_t count) {
  // first/last are fractional centre indices of the window ends, first ≤ last.
  const double lo = std::ceil(first) - 1.0;
  const double hi = std::floor(last) + 1.0;
  if (!(hi >= 0.0) || !(lo <= count - 1.0)) return {};
  return {static_cast<std::int32_t>(std::max(lo, 0.0)), static_cast<std::int32_t>(std::min(hi, count - 1.0))};
}

IndexRange row_range(const RasterGrid& g, double py, double r) {
  const double s = g.cell_size_m;
  return index_range((g.origin_y - (py + r)) / s - 0.5, (g.origin_y - (py - r)) / s - 0.5, g.rows);
}
IndexRange col_range(const RasterGrid& g, double px, double half) {
  const double s = g.cell_size_m;
  return index_range((px - half - g.origin_x) / s - 0.5, (px + half - g.origin_x) / s - 0.5, g.cols);
}

struct PointColumns {
  const double* x;
  const double* y;
  const float* w;  // null = unit weights
};

// A point copied into the bucket of a band it touches: summing a band then reads its
// points sequentially instead of gathering them from the whole input.
struct BandPoint {
  double x, y, w;
};

// Adds Σ w · shape(d²) of a band's points to rows [row0, row1) of `out`; cx[c] is the
// centre x of column c.
template <class Shape>
void accumulate_band(const BandPoint* pts, std::size_t count, const RasterGrid& g, const double* cx,
                     std::int32_t row0, std::int32_t row1, double r, Shape shape, double* out) {
  const double r2 = r * r;
  const double inv_s = 1.0 / g.cell_size_m;
  const double last_col = g.cols - 1.0;
  std::array<double, kBandRows> dy2s{}, halves{};
  for (std::size_t k = 0; k < count; ++k) {
    const double px = pts[k].x;
    const double py = pts[k].y;
    const double w = pts[k].w;
    const IndexRange rows = row_range(g, py, r);
    const std::int32_t ra = std::max(rows.lo, row0);
    const std::int32_t rb = std::min(rows.hi, row1 - 1);
    // Fractional column of the point's x. The column window per row is widened by one to
    // two cells (truncation instead of floor/ceil, which SSE2 lacks), so rounding cannot
    // drop a cell; shape() is exactly 0 at and beyond r. Bucketed points lie within r of
    // the grid, so the window bounds are small numbers.
    const double fx = (px - g.origin_x) * inv_s - 0.5;
    // Half-widths of the footprint per row (ra..rb lie in one band, so at most kBandRows),
    // computed first so the square roots pipeline instead of each stalling its row.
    const std::int32_t nrows = rb - ra + 1;
    for (std::int32_t j = 0; j < nrows; ++j) {
      const double dy = g.center_y(ra + j) - py;
      dy2s[static_cast<std::size_t>(j)] = dy * dy;
      halves[static_cast<std::size_t>(j)] = std::sqrt(std::max(r2 - dy * dy, 0.0)) * inv_s;
    }
    for (std::int32_t row = ra; row <= rb; ++row) {
      const double dy2 = dy2s[static_cast<std::size_t>(row - ra)];
      const double half = halves[static_cast<std::size_t>(row - ra)];
      if (!(dy2 < r2)) continue;
      const double lo = std::max(fx - half, -1.0);
      const double hi = std::min(fx + half, g.cols + 0.0);
      if (hi < lo) continue;
      const std::int32_t c0 = std::max(static_cast<std::int32_t>(lo) - 1, 0);
      const std::int32_t c1 = std::min(static_cast<std::int32_t>(hi) + 1, static_cast<std::int32_t>(last_col));
      double* line = out + g.index(0, row);
      for (std::int32_t c = c0; c <= c1; ++c) {
        const double dx = cx[c] - px;
        line[c] += w * shape(dx * dx + dy2);
      }
    }
  }
}

void accumulate_band_any(Kernel kernel, const BandPoint* pts, std::size_t count, const RasterGrid& g,
                         const double* cx, std::int32_t row0, std::int32_t row1, double r, double* out) {
  const double r2 = r * r;
  switch (kernel) {
    case Kernel::quartic:
      accumulate_band(pts, count, g, cx, row0, row1, r, QuarticShape{r2, 1.0 / r2}, out);
      break;
    case Kernel::triangular:
      accumulate_band(pts, count, g, cx, row0, row1, r, TriangularShape{r2, 1.0 / r}, out);
      break;
    case Kernel::epanechnikov:
      accumulate_band(pts, count, g, cx, row0, row1, r, EpanechnikovShape{r2, 1.0 / r2}, out);
      break;
    case Kernel::uniform: accumulate_band(pts, count, g, cx, row0, row1, r, UniformShape{r2}, out); break;
    case Kernel::gaussian:
      accumulate_band(pts, count, g, cx, row0, row1, r, GaussianShape{r2, kGaussExponent / r2}, out);
      break;
  }
}

void check_points(const KdePoints& points) {
  if (points.x.size() != points.y.size()) throw std::invalid_argument("kde: x and y differ in length");
  if (!points.weight.empty() && points.weight.size() != points.x.size())
    throw std::invalid_argument("kde: weight differs in length from x");
}

unsigned resolve_threads(int threads) {
  if (threads > 0) return static_cast<unsigned>(threads);
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

double kernel_value(Kernel kernel, double distance_m, double bandwidth_m) {
  const double r = bandwidth_m;
  const double d = std::abs(distance_m);
  if (!(r > 0.0) || !(d < r)) return 0.0;
  const double u = d / r;
  double shape = 0.0;
  switch (kernel) {
    case Kernel::quartic: shape = (1.0 - u * u) * (1.0 - u * u); break;
    case Kernel::triangular: shape = 1.0 - u; break;
    case Kernel::epanechnikov: shape = 1.0 - u * u; break;
    case Kernel::uniform: shape = 1.0; break;
    case Kernel::gaussian: shape = std::exp(-kGaussExponent * u * u); break;
  }
  return kernel_norm(kernel, r) * shape;
}

KdePoints kde_points(const IncidentSet& incidents) {
  return KdePoints{incidents.x, incidents.y, incidents.weight};
}

AutoBandwidth auto_bandwidth(const KdePoints& points) {
  check_points(points);
  AutoBandwidth out;
  const std::size_t n = points.x.size();
  auto weight = [&](std::size_t i) {
    const double w = points.weight.empty() ? 1.0 : static_cast<double>(points.weight[i]);
    return w > 0.0 ? w : 0.0;
  };
  double sw = 0.0, sx = 0.0, sy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight(i);
    sw += w;
    sx += w * points.x[i];
    sy += w * points.y[i];
  }
  out.n = sw;
  if (!(sw > 0.0)) return out;
  out.mean_x = sx / sw;
  out.mean_y = sy / sw;
  // Second pass around the mean: RD coordinates are ~1e5 m, so Σx² − n x̄² would cancel.
  double sdx = 0.0, sdy = 0.0;
  std::vector<std::pair<double, double>> dist;  // (distance to mean centre, weight)
  dist.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight(i);
    if (w == 0.0) continue;
    const double dx = points.x[i] - out.mean_x;
    const double dy = points.y[i] - out.mean_y;
    sdx += w * dx * dx;
    sdy += w * dy * dy;
    dist.emplace_back(std::sqrt(dx * dx + dy * dy), w);
  }
  out.standard_distance_m = std::sqrt(sdx / sw + sdy / sw);
  // Weighted median: the smallest distance whose cumulative weight reaches half the total;
  // when the cumulative weight equals exactly half, the mean of it and the next distance
  // (this reduces to the ordinary median, with the even-n average, for unit weights).
  std::sort(dist.begin(), dist.end());
  const double half = sw / 2.0;
  double cum = 0.0;
  for (std::size_t k = 0; k < dist.size(); ++k) {
    cum += dist[k].second;
    if (cum >= half) {
      out.median_distance_m =
          (cum == half && k + 1 < dist.size()) ? (dist[k].first + dist[k + 1].first) / 2.0 : dist[k].first;
      break;
    }
  }
  const double spread = std::min(out.standard_distance_m, std::sqrt(1.0 / std::numbers::ln2) * out.median_distance_m);
  out.bandwidth_m = 0.9 * spread * std::pow(sw, -0.2);
  return out;
}

std::vector<double> kde_density_m2(const KdePoints& points, const RasterGrid& grid, Kernel kernel,
                                   double bandwidth_m, int threads, const Progress& progress) {
  check_points(points);
  const double r = bandwidth_m;
  if (!(r > 0.0) || !std::isfinite(r)) throw std::invalid_argument("kde: bandwidth must be a positive number of metres");
  if (!(grid.cell_size_m > 0.0)) throw std::invalid_argument("kde: cell size must be positive");
  std::vector<double> out(grid.cell_count(), 0.0);
  if (grid.cell_count() == 0) return out;

  const PointColumns pts{points.x.data(), points.y.data(), points.weight.empty() ? nullptr : points.weight.data()};
  const std::size_t n = points.x.size();
  const std::int32_t bands = (grid.rows + kBandRows - 1) / kBandRows;

  // Bucket the points by the bands their footprint touches (CSR, index order kept within
  // each band). A point outside the grid by more than r lands in no band.
  auto band_span = [&](std::size_t i, std::int32_t& b0, std::int32_t& b1) {
    const double px = pts.x[i], py = pts.y[i];
    if (!std::isfinite(px) || !std::isfinite(py)) return false;
    if (col_range(grid, px, r).empty()) return false;
    const IndexRange rows = row_range(grid, py, r);
    if (rows.empty()) return false;
    b0 = rows.lo / kBandRows;
    b1 = rows.hi / kBandRows;
    return true;
  };
  std::vector<std::size_t> start(static_cast<std::size_t>(bands) + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t b0 = 0, b1 = -1;
    if (band_span(i, b0, b1))
      for (std::int32_t b = b0; b <= b1; ++b) ++start[static_cast<std::size_t>(b) + 1];
  }
  for (std::size_t b = 0; b < static_cast<std::size_t>(bands); ++b) start[b + 1] += start[b];
  std::vector<BandPoint> bucket(start.back());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t b0 = 0, b1 = -1;
      if (!band_span(i, b0, b1)) continue;
      const BandPoint bp{pts.x[i], pts.y[i], pts.w ? static_cast<double>(pts.w[i]) : 1.0};
      for (std::int32_t b = b0; b <= b1; ++b) bucket[fill[static_cast<std::size_t>(b)]++] = bp;
    }
  }
  std::vector<double> cx(static_cast<std::size_t>(grid.cols));
  for (std::int32_t c = 0; c < grid.cols; ++c) cx[static_cast<std::size_t>(c)] = grid.center_x(c);

  const double norm = kernel_norm(kernel, r);
  std::atomic<std::int32_t> next{0};
  std::atomic<std::int32_t> done{0};
  std::atomic<bool> stop{false};
  auto work = [&](bool reporter) {
    for (;;) {
      if (stop.load(std::memory_order_relaxed)) return;
      const std::int32_t b = next.fetch_add(1, std::memory_order_relaxed);
      if (b >= bands) return;
      const std::int32_t row0 = b * kBandRows;
      const std::int32_t row1 = std::min(row0 + kBandRows, grid.rows);
      const auto ub = static_cast<std::size_t>(b);
      accumulate_band_any(kernel, bucket.data() + start[ub], start[ub + 1] - start[ub], grid, cx.data(), row0, row1,
                          r, out.data());
      for (std::size_t i = grid.index(0, row0), e = grid.index(0, row1); i < e; ++i) out[i] *= norm;
      const std::int32_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (reporter && !report(progress, static_cast<double>(finished) / bands)) stop = true;
    }
  };
  const unsigned nthreads = std::min<unsigned>(resolve_threads(threads), static_cast<unsigned>(bands));
  {
    std::vector<std::jthread> pool;
    pool.reserve(nthreads - 1);
    for (unsigned t = 1; t < nthreads; ++t) pool.emplace_back(work, false);
    work(true);
  }
  if (stop) return {};
  return out;
}

KdeResult compute_kde(const KdePoints& points, const KdeOptions& options, const Progress& progress) {
  check_points(points);
  if (options.grid.cell_count() == 0 && (!(options.cell_size_m > 0.0) || !std::isfinite(options.cell_size_m)))
    throw std::invalid_argument("kde: cell_size_m must be a positive number of metres");
  if (!(options.years > 0.0) || !std::isfinite(options.years))
    throw std::invalid_argument("kde: years must be positive");
  if (!(options.bandwidth_m >= 0.0) || !std::isfinite(options.bandwidth_m))
    throw std::invalid_argument("kde: bandwidth_m must be ≥ 0 metres (0 = auto)");

  KdeResult result;
  result.bandwidth_auto = options.bandwidth_m == 0.0;
  result.bandwidth_m = result.bandwidth_auto ? auto_bandwidth(points).bandwidth_m : options.bandwidth_m;
  if (!(result.bandwidth_m > 0.0))
    throw std::invalid_argument(
        "kde: the automatic bandwidth is undefined for these points (fewer than two distinct locations); "
        "give bandwidth_m");

  RasterGrid grid = options.grid;
  if (grid.cell_count() == 0) {
    Envelope extent = options.extent;
    double padding = 0.0;
    if (extent.empty()) {
      for (std::size_t i = 0; i < points.x.size(); ++i)
        if (std::isfinite(points.x[i]) && std::isfinite(points.y[i])) extent.expand(points.x[i], points.y[i]);
      if (extent.empty()) throw std::invalid_argument("kde: no extent and no point to derive one from");
      padding = result.bandwidth_m;
    }
    grid = aligned_grid(extent, padding, options.cell_size_m, options.origin_x, options.origin_y);
  } else if (!(grid.cell_size_m > 0.0) || grid.cols < 0 || grid.rows < 0) {
    throw std::invalid_argument("kde: the explicit grid needs a positive cell size");
  }

  for (std::size_t i = 0; i < points.x.size(); ++i)
    result.total_weight += points.weight.empty() ? 1.0 : static_cast<double>(points.weight[i]);

  const std::vector<double> density = kde_density_m2(points, grid, options.kernel, result.bandwidth_m,
                                                     options.threads, progress);
  result.raster.grid = grid;
  if (density.size() != grid.cell_count()) {
    result.cancelled = true;
    return result;
  }
  // K is per m²: × 10 000 m²/ha, ÷ years of exposure.
  const double scale = 10000.0 / options.years;
  result.raster.data.resize(density.size());
  for (std::size_t i = 0; i < density.size(); ++i) result.raster.data[i] = static_cast<float>(density[i] * scale);
  return result;
}

Raster compute_density_change(const Raster& baseline, const Raster& followup) {
  if (!same_grid(baseline.grid, followup.grid))
    throw std::invalid_argument("density change: baseline and follow-up rasters are not on the same grid");
  if (baseline.data.size() != baseline.grid.cell_count() || followup.data.size() != followup.grid.cell_count())
    throw std::invalid_argument("density change: raster data does not match its grid");
  Raster out;
  out.grid = baseline.grid;
  out.nodata = baseline.nodata;
  out.data.resize(baseline.data.size());
  for (std::size_t i = 0; i < out.data.size(); ++i) {
    if (baseline.is_nodata(i) || followup.is_nodata(i)) {
      out.data[i] = out.nodata;
    } else {
      out.data[i] = followup.data[i] - baseline.data[i];  // one correctly rounded float subtraction
    }
  }
  return out;
}

}  // namespace kvo::engine
