#include "engine/spatial_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include <boost/geometry/index/rtree.hpp>

#include "engine/hotspot_parallel.hpp"
#include "engine/hotspot_point_index.hpp"

namespace kvo::engine {

namespace bgi = boost::geometry::index;
using hotspot_detail::for_chunks;

namespace {

constexpr std::size_t kChunk = 8192;

void check_points(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("spatial weights: x and y differ in length");
  if (x.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw std::invalid_argument("spatial weights: too many observations");
}

// Symmetric CSR from undirected pairs (a < b), sorted and unique.
SpatialWeights from_pairs(std::size_t n, std::vector<std::pair<std::int32_t, std::int32_t>>& pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  SpatialWeights w;
  w.row_offsets.assign(n + 1, 0);
  for (const auto& [a, b] : pairs) {
    ++w.row_offsets[static_cast<std::size_t>(a) + 1];
    ++w.row_offsets[static_cast<std::size_t>(b) + 1];
  }
  for (std::size_t i = 0; i < n; ++i) w.row_offsets[i + 1] += w.row_offsets[i];
  w.columns.resize(pairs.size() * 2);
  std::vector<std::int64_t> fill(w.row_offsets.begin(), w.row_offsets.end() - 1);
  for (const auto& [a, b] : pairs) {
    w.columns[static_cast<std::size_t>(fill[static_cast<std::size_t>(a)]++)] = b;
    w.columns[static_cast<std::size_t>(fill[static_cast<std::size_t>(b)]++)] = a;
  }
  for (std::size_t i = 0; i < n; ++i)
    std::sort(w.columns.begin() + w.row_offsets[i], w.columns.begin() + w.row_offsets[i + 1]);
  return w;
}

double point_segment_d2(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = 0.0;
  if (len2 > 0.0) t = std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  const double qx = ax + t * dx - px, qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

}  // namespace

std::vector<std::int32_t> islands(const SpatialWeights& weights) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < weights.size(); ++i)
    if (weights.neighbours(i) == 0) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

SpatialWeights distance_band_weights(std::span<const double> x, std::span<const double> y,
                                     const DistanceBandOptions& options) {
  check_points(x, y);
  const double d = options.distance_m;
  if (!(d > 0.0) || !std::isfinite(d)) throw std::invalid_argument("distance band must be a positive number of metres");
  const std::size_t n = x.size();
  SpatialWeights w;
  w.row_offsets.assign(n + 1, 0);
  if (n == 0) return w;
  // A relative slack of 1e-9 keeps lattice neighbours at exactly the band distance inside
  // despite round-off in computed cell centres.
  const double reach = d * (1.0 + 1e-9);
  const PointIndex index(x, y, reach);
  const double r2 = reach * reach;
  // Pass 1 counts, pass 2 fills: no per-chunk copies of the (large) column array.
  for_chunks(n, kChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      std::int64_t count = 0;
      index.for_each_within(i, r2, reach, [&](std::uint32_t, double) { ++count; });
      w.row_offsets[i + 1] = count;
    }
  });
  for (std::size_t i = 0; i < n; ++i) w.row_offsets[i + 1] += w.row_offsets[i];
  w.columns.resize(static_cast<std::size_t>(w.row_offsets[n]));
  for_chunks(n, kChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      auto out = w.columns.begin() + w.row_offsets[i];
      const auto first = out;
      index.for_each_within(i, r2, reach, [&](std::uint32_t j, double) { *out++ = static_cast<std::int32_t>(j); });
      std::sort(first, out);
    }
  });
  return w;
}

SpatialWeights knn_weights(std::span<const double> x, std::span<const double> y, const KnnOptions& options) {
  check_points(x, y);
  if (options.k < 1) throw std::invalid_argument("knn weights: k must be at least 1");
  const std::size_t n = x.size();
  SpatialWeights w;
  w.row_offsets.assign(n + 1, 0);
  if (n == 0) return w;
  const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(options.k), n - 1);
  for (std::size_t i = 0; i < n; ++i) w.row_offsets[i + 1] = w.row_offsets[i] + static_cast<std::int64_t>(k);
  w.columns.resize(n * k);
  // Buckets sized so that about k points fall in a 3 × 3 block on average.
  const Envelope env = [&] {
    Envelope e;
    for (std::size_t i = 0; i < n; ++i) e.expand(x[i], y[i]);
    return e;
  }();
  const double area = std::max(env.width() * env.height(), 1e-12);
  const double bucket = std::max(std::sqrt(area * static_cast<double>(k + 1) / static_cast<double>(n)), 1e-9);
  const PointIndex index(x, y, bucket);
  for_chunks(n, kChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    std::vector<std::pair<double, std::uint32_t>> scratch;
    for (std::size_t i = b; i < e; ++i) {
      index.nearest(i, k, scratch);
      auto out = w.columns.begin() + static_cast<std::ptrdiff_t>(i * k);
      for (std::size_t t = 0; t < k; ++t) out[static_cast<std::ptrdiff_t>(t)] = static_cast<std::int32_t>(scratch[t].second);
      std::sort(out, out + static_cast<std::ptrdiff_t>(k));
    }
  });
  return w;
}

SpatialWeights queen_weights(std::span<const MultiPolygon> polygons, const QueenOptions& options) {
  const double tol = options.tolerance_m;
  if (!(tol >= 0.0) || !std::isfinite(tol)) throw std::invalid_argument("queen weights: tolerance must be >= 0");
  const std::size_t n = polygons.size();
  struct Segment {
    double ax, ay, bx, by;
    std::int32_t area;
  };
  std::vector<Segment> segments;
  auto add_ring = [&](const auto& ring, std::int32_t area) {
    for (std::size_t v = 0; v + 1 < ring.size(); ++v)
      segments.push_back({ring[v].x(), ring[v].y(), ring[v + 1].x(), ring[v + 1].y(), area});
  };
  for (std::size_t a = 0; a < n; ++a)
    for (const auto& part : polygons[a]) {
      add_ring(part.outer(), static_cast<std::int32_t>(a));
      for (const auto& hole : part.inners()) add_ring(hole, static_cast<std::int32_t>(a));
    }
  using Entry = std::pair<Box, std::uint32_t>;
  std::vector<Entry> entries;
  entries.reserve(segments.size());
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const Segment& g = segments[s];
    entries.emplace_back(Box(Point(std::min(g.ax, g.bx), std::min(g.ay, g.by)), Point(std::max(g.ax, g.bx), std::max(g.ay, g.by))),
                         static_cast<std::uint32_t>(s));
  }
  const bgi::rtree<Entry, bgi::rstar<16>> tree(entries.begin(), entries.end());
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  const double tol2 = tol * tol;
  std::vector<Entry> hits;
  // Every vertex is tested against the other areas' segments: this finds shared vertices
  // and vertices lying on another area's edge (a T-junction along a shared edge).
  for (const Segment& g : segments) {
    const double px = g.ax, py = g.ay;
    hits.clear();
    tree.query(bgi::intersects(Box(Point(px - tol, py - tol), Point(px + tol, py + tol))), std::back_inserter(hits));
    for (const Entry& h : hits) {
      const Segment& o = segments[h.second];
      if (o.area == g.area) continue;
      if (point_segment_d2(px, py, o.ax, o.ay, o.bx, o.by) <= tol2)
        pairs.emplace_back(std::min(g.area, o.area), std::max(g.area, o.area));
    }
  }
  return from_pairs(n, pairs);
}

SpatialWeights row_standardised(const SpatialWeights& weights) {
  SpatialWeights out;
  out.row_offsets = weights.row_offsets;
  out.columns = weights.columns;
  out.values.resize(weights.links());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const auto b = static_cast<std::size_t>(weights.row_offsets[i]), e = static_cast<std::size_t>(weights.row_offsets[i + 1]);
    double sum = 0.0;
    for (std::size_t t = b; t < e; ++t) sum += weights.value(t);
    for (std::size_t t = b; t < e; ++t) out.values[t] = sum != 0.0 ? weights.value(t) / sum : 0.0;
  }
  return out;
}

std::vector<double> kth_neighbour_distances(std::span<const double> x, std::span<const double> y, int k,
                                            unsigned threads) {
  check_points(x, y);
  if (k < 1) throw std::invalid_argument("kth_neighbour_distances: k must be at least 1");
  const std::size_t n = x.size();
  std::vector<double> out(n, std::numeric_limits<double>::infinity());
  if (n < 2) return out;
  Envelope env;
  for (std::size_t i = 0; i < n; ++i) env.expand(x[i], y[i]);
  const double area = std::max(env.width() * env.height(), 1e-12);
  const double bucket = std::max(std::sqrt(area * static_cast<double>(k + 1) / static_cast<double>(n)), 1e-9);
  const PointIndex index(x, y, bucket);
  const auto kk = static_cast<std::size_t>(k);
  for_chunks(n, kChunk, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    std::vector<std::pair<double, std::uint32_t>> scratch;
    for (std::size_t i = b; i < e; ++i) {
      index.nearest(i, kk, scratch);
      if (scratch.size() == kk) out[i] = std::sqrt(scratch[kk - 1].first);
    }
  });
  return out;
}

std::vector<double> nearest_neighbour_distances(std::span<const double> x, std::span<const double> y,
                                                unsigned threads) {
  return kth_neighbour_distances(x, y, 1, threads);
}

}  // namespace kvo::engine
