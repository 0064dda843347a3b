#include "engine/hotspot_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/hotspot_parallel.hpp"
#include "engine/hotspot_point_index.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

namespace {
constexpr std::size_t kChunk = 4096;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

std::pair<double, double> global_moran_binary(double cross, double s0, double sum_k2, double n, double ss, double s4) {
  if (!(s0 > 0.0) || !(ss > 0.0) || n < 4.0) return {kNaN, kNaN};
  const double moran = n / s0 * cross / ss;
  // Cliff & Ord randomisation variance; for symmetric binary weights S1 = 2 S0 and
  // S2 = Σ (2 k_i)² = 4 Σ k_i².
  const double s1 = 2.0 * s0, s2 = 4.0 * sum_k2, s02 = s0 * s0;
  const double kurt = (s4 / n) / ((ss / n) * (ss / n));
  const double ei = -1.0 / (n - 1.0);
  const double a = n * ((n * n - 3.0 * n + 3.0) * s1 - n * s2 + 3.0 * s02);
  const double b = kurt * ((n * n - n) * s1 - 2.0 * n * s2 + 6.0 * s02);
  const double vi = (a - b) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - ei * ei;
  if (!(vi > 0.0)) return {moran, kNaN};
  return {moran, (moran - ei) / std::sqrt(vi)};
}

double band_between_shells(std::span<const double> x, std::span<const double> y, double distance_m, double* next_pair_m,
                           unsigned threads) {
  const std::size_t n = x.size();
  if (y.size() != n) throw std::invalid_argument("band between shells: sizes differ");
  if (!(distance_m > 0.0) || !std::isfinite(distance_m))
    throw std::invalid_argument("band between shells: the distance must be a positive number of metres");
  // Pairs up to this distance are neighbours at distance_m (distance_band_weights' slack).
  const double inside = distance_m * (1.0 + 1e-9);
  // The smallest pair distance above `inside`: search a ring beyond it, widening until a
  // pair is found or the ring holds every pair.
  double env = 0.0;
  if (n > 0) {
    const auto [x0, x1] = std::minmax_element(x.begin(), x.end());
    const auto [y0, y1] = std::minmax_element(y.begin(), y.end());
    env = std::hypot(*x1 - *x0, *y1 - *y0);
  }
  double next = std::numeric_limits<double>::infinity();
  for (double reach = inside * 1.5; n > 1; reach *= 2.0) {
    const PointIndex index(x, y, reach);
    const std::size_t chunks = hotspot_detail::chunk_count(n, kChunk);
    std::vector<double> best(chunks, std::numeric_limits<double>::infinity());
    const double in2 = inside * inside;
    hotspot_detail::for_chunks(n, kChunk, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i)
        index.for_each_within(i, reach * reach, reach, [&](std::uint32_t, double d2) {
          if (d2 > in2) best[c] = std::min(best[c], d2);
        });
    });
    const double m2 = *std::min_element(best.begin(), best.end());
    if (std::isfinite(m2)) {
      next = std::sqrt(m2);
      break;
    }
    if (reach > env) break;  // every pair was within reach: none lies beyond the band
  }
  if (next_pair_m) *next_pair_m = next;
  constexpr double kMargin = 0.01;  // 1 cm: far above any round-off, far below any cell
  for (const double scale : {1.0, 10.0, 100.0}) {
    const double v = std::ceil((distance_m + kMargin) * scale) / scale;
    if (v + kMargin <= next) return v;
  }
  return 0.5 * (distance_m + next);
}

AutoDistanceResult auto_distance_band(std::span<const double> x, std::span<const double> y,
                                      std::span<const double> values, const AutoDistanceOptions& options) {
  const std::size_t n = x.size();
  if (y.size() != n || values.size() != n) throw std::invalid_argument("auto distance: sizes differ");
  if (n < 3) throw std::invalid_argument("auto distance: needs at least three features");
  if (options.bands < 3 || options.min_neighbours < 1) throw std::invalid_argument("auto distance: bad options");
  AutoDistanceResult res;

  // Locational outliers are left out of start and increment (not of the statistic).
  const std::vector<double> nn = nearest_neighbour_distances(x, y, options.threads);
  double mean = 0.0, sq = 0.0;
  for (double d : nn) mean += d;
  mean /= static_cast<double>(n);
  for (double d : nn) sq += (d - mean) * (d - mean);
  const double cutoff = mean + 3.0 * std::sqrt(sq / static_cast<double>(n));
  double start = 0.0, inc = 0.0;
  std::size_t kept = 0;
  for (double d : nn)
    if (d <= cutoff) {
      start = std::max(start, d);
      inc += d;
      ++kept;
    }
  inc /= static_cast<double>(std::max<std::size_t>(kept, 1));
  res.start_m = start;
  res.increment_m = inc;

  double vmean = 0.0;
  for (double v : values) vmean += v;
  vmean /= static_cast<double>(n);
  double ss = 0.0, s4 = 0.0;
  for (double v : values) {
    const double d2 = (v - vmean) * (v - vmean);
    ss += d2;
    s4 += d2 * d2;
  }

  const auto bands = static_cast<std::size_t>(options.bands);
  for (std::size_t b = 0; b < bands; ++b) res.band_m.push_back(start + static_cast<double>(b) * inc);
  res.moran_i.assign(bands, kNaN);
  res.moran_z.assign(bands, kNaN);
  if (inc > 0.0 && ss > 0.0) {
    const double dmax = res.band_m.back() * (1.0 + 1e-9);
    const PointIndex index(x, y, dmax);
    // One pass over all pairs within the largest band: each pair is binned into the first
    // band that contains it, then bands are accumulated. Per-chunk partial sums are added in
    // chunk order, so the result does not depend on the thread count.
    const std::size_t chunks = hotspot_detail::chunk_count(n, kChunk);
    std::vector<double> cross(chunks * bands, 0.0), s0(chunks * bands, 0.0), k2(chunks * bands, 0.0);
    hotspot_detail::for_chunks(n, kChunk, options.threads, [&](std::size_t c, std::size_t b0, std::size_t e0) {
      std::vector<double> lag(bands), cnt(bands);
      for (std::size_t i = b0; i < e0; ++i) {
        std::fill(lag.begin(), lag.end(), 0.0);
        std::fill(cnt.begin(), cnt.end(), 0.0);
        index.for_each_within(i, dmax * dmax, dmax, [&](std::uint32_t j, double d2) {
          const double d = std::sqrt(d2);
          const double pos = (d / (1.0 + 1e-9) - start) / inc;
          const std::size_t b = pos <= 0.0 ? 0 : std::min(bands - 1, static_cast<std::size_t>(std::ceil(pos - 1e-9)));
          lag[b] += values[j] - vmean;
          cnt[b] += 1.0;
        });
        const double zi = values[i] - vmean;
        double cl = 0.0, cc = 0.0;
        for (std::size_t b = 0; b < bands; ++b) {
          cl += lag[b];
          cc += cnt[b];
          cross[c * bands + b] += zi * cl;
          s0[c * bands + b] += cc;
          k2[c * bands + b] += cc * cc;
        }
      }
    });
    for (std::size_t b = 0; b < bands; ++b) {
      double cr = 0.0, so = 0.0, kk = 0.0;
      for (std::size_t c = 0; c < chunks; ++c) {
        cr += cross[c * bands + b];
        so += s0[c * bands + b];
        kk += k2[c * bands + b];
      }
      const auto [mi, mz] = global_moran_binary(cr, so, kk, static_cast<double>(n), ss, s4);
      res.moran_i[b] = mi;
      res.moran_z[b] = mz;
    }
    for (std::size_t b = 1; b + 1 < bands; ++b) {
      const double z = res.moran_z[b];
      if (z > res.moran_z[b - 1] && z > res.moran_z[b + 1] && z > options.min_z) {
        res.chosen_m = res.band_m[b];
        res.peak_found = true;
        res.distance_m = band_between_shells(x, y, res.chosen_m, &res.next_pair_m, options.threads);
        return res;
      }
    }
  }
  const int k = std::min<int>(options.min_neighbours, static_cast<int>(n) - 1);
  const std::vector<double> dk = kth_neighbour_distances(x, y, k, options.threads);
  res.chosen_m = *std::max_element(dk.begin(), dk.end());
  res.distance_m = band_between_shells(x, y, res.chosen_m, &res.next_pair_m, options.threads);
  return res;
}

}  // namespace kvo::engine
