#include "engine/emerging_hotspots.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/gistar.hpp"
#include "engine/hotspot_parallel.hpp"

namespace kvo::engine {

namespace {

constexpr std::size_t kCellChunk = 2048;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<std::string_view, kEmergingCategoryCount> kNames = {
    "no_pattern",           "new_hot_spot",          "consecutive_hot_spot",  "intensifying_hot_spot",
    "persistent_hot_spot",  "diminishing_hot_spot",  "sporadic_hot_spot",     "oscillating_hot_spot",
    "historical_hot_spot",  "new_cold_spot",         "consecutive_cold_spot", "intensifying_cold_spot",
    "persistent_cold_spot", "diminishing_cold_spot", "sporadic_cold_spot",    "oscillating_cold_spot",
    "historical_cold_spot",
};

// Benjamini–Hochberg thresholds at several levels from one sort: for each alpha the largest
// p_(r) with p_(r) <= r alpha / m (0 when none), as bh_threshold.
template <std::size_t K>
std::array<double, K> bh_thresholds(std::span<const double> p, const std::array<double, K>& alphas) {
  std::vector<double> sorted;
  sorted.reserve(p.size());
  for (double v : p)
    if (!std::isnan(v)) sorted.push_back(v);
  std::sort(sorted.begin(), sorted.end());
  const auto m = static_cast<double>(sorted.size());
  std::array<double, K> out{};
  for (std::size_t a = 0; a < K; ++a)
    for (std::size_t r = 0; r < sorted.size(); ++r)
      if (sorted[r] <= static_cast<double>(r + 1) * alphas[a] / m) out[a] = sorted[r];
  return out;
}

// The classification for one family (hot: sign = +1; cold: sign = −1), as categories offset
// from new_hot / new_cold. `share90` is the ≥ 90 % test for this family.
struct Family {
  EmergingCategory new_, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical;
};
constexpr Family kHot{EmergingCategory::new_hot,          EmergingCategory::consecutive_hot,
                      EmergingCategory::intensifying_hot, EmergingCategory::persistent_hot,
                      EmergingCategory::diminishing_hot,  EmergingCategory::sporadic_hot,
                      EmergingCategory::oscillating_hot,  EmergingCategory::historical_hot};
constexpr Family kCold{EmergingCategory::new_cold,          EmergingCategory::consecutive_cold,
                       EmergingCategory::intensifying_cold, EmergingCategory::persistent_cold,
                       EmergingCategory::diminishing_cold,  EmergingCategory::sporadic_cold,
                       EmergingCategory::oscillating_cold,  EmergingCategory::historical_cold};

}  // namespace

std::string_view emerging_category_name(EmergingCategory category) {
  return kNames[static_cast<std::size_t>(category)];
}

EmergingCategory classify_emerging(std::span<const std::int8_t> significance, const TrendResult& z_trend,
                                   double trend_alpha) {
  const std::size_t n = significance.size();
  if (n == 0) return EmergingCategory::no_pattern;
  std::size_t hot = 0, cold = 0;
  for (std::int8_t s : significance) {
    hot += s > 0;
    cold += s < 0;
  }
  // Trend of the z series: +1 significant increase, −1 significant decrease, 0 none.
  const int trend = (z_trend.p < trend_alpha && z_trend.s != 0) ? (z_trend.s > 0 ? 1 : -1) : 0;
  // Only the sign counts, so Gi* bins (±3/±2/±1) may be passed as well.
  auto sign_of = [](std::int8_t v) { return (v > 0) - (v < 0); };
  const int last = sign_of(significance[n - 1]);

  // "At least 90 % of the time steps", exactly in integers: 10 h >= 9 n.
  auto share90 = [n](std::size_t h) { return 10 * h >= 9 * n; };
  // 1. The ≥ 90 % families (at most one can hold: h + c <= n).
  auto long_run = [&](const Family& f, int sign) {
    if (last != sign) return f.historical;
    if (trend == sign) return f.intensifying;
    if (trend == -sign) return f.diminishing;
    return f.persistent;
  };
  if (share90(hot)) return long_run(kHot, 1);
  if (share90(cold)) return long_run(kCold, -1);
  // 2. Significant at the final step, less than 90 % of the steps.
  auto recent = [&](const Family& f, int sign, std::size_t same, std::size_t other) {
    if (other > 0) return f.oscillating;
    if (same == 1) return f.new_;
    std::size_t run = 0;  // the uninterrupted run that ends at the final step
    while (run < n && sign_of(significance[n - 1 - run]) == sign) ++run;
    if (run >= 2 && run == same) return f.consecutive;
    return f.sporadic;
  };
  if (last > 0) return recent(kHot, 1, hot, cold);
  if (last < 0) return recent(kCold, -1, cold, hot);
  return EmergingCategory::no_pattern;
}

EmergingCell classify_emerging_series(std::span<const std::int8_t> significance, std::span<const double> z,
                                      double trend_alpha) {
  if (z.size() != significance.size())
    throw std::invalid_argument("classify_emerging_series: significance and z differ in length");
  EmergingCell cell;
  TrendOptions options;
  options.alpha = trend_alpha;
  cell.trend = mann_kendall(z, options);
  for (std::int8_t s : significance) {
    cell.hot_bins += s > 0;
    cell.cold_bins += s < 0;
  }
  cell.category = classify_emerging(significance, cell.trend, trend_alpha);
  return cell;
}

EmergingResult emerging_hotspots(std::span<const double> counts, std::size_t n_cells, std::size_t n_steps,
                                 CubeLayout layout, const SpatialWeights& weights, const EmergingOptions& options,
                                 const Progress& progress) {
  if (counts.size() != n_cells * n_steps)
    throw std::invalid_argument("emerging_hotspots: counts are not n_cells × n_steps values");
  if (weights.size() != n_cells) throw std::invalid_argument("emerging_hotspots: weights and cells differ in size");
  if (options.time_window < 0) throw std::invalid_argument("emerging_hotspots: time_window is negative");
  EmergingResult r;
  r.n_cells = n_cells;
  r.n_steps = n_steps;
  r.threshold = options.alpha;
  const std::size_t T = n_steps;
  const std::size_t n = n_cells * n_steps;
  r.z.assign(n, kNaN);
  r.p.assign(n, kNaN);
  r.significance.assign(n, 0);
  r.bin.assign(n, 0);
  r.cells.assign(n_cells, EmergingCell{});
  if (n == 0) {
    r.category_counts[0] = n_cells;
    return r;
  }
  auto value = [&](std::size_t cell, std::size_t step) {
    return layout == CubeLayout::cell_major ? counts[cell * T + step] : counts[step * n_cells + cell];
  };

  // Global moments over all bins, sequentially in cell-major order whatever the layout, so
  // that both layouts and every thread count give bit-identical results; the variance as
  // Σ(x − x̄)²/n, as compute_gi_star.
  double sum = 0.0;
  for (std::size_t i = 0; i < n_cells; ++i)
    for (std::size_t t = 0; t < T; ++t) sum += value(i, t);
  const auto dn = static_cast<double>(n);
  const double mean = sum / dn;
  double ss = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < n_cells; ++i)
    for (std::size_t t = 0; t < T; ++t) {
      const double v = value(i, t);
      ss += (v - mean) * (v - mean);
      scale = std::max(scale, std::fabs(v));
    }
  const double s = std::sqrt(ss / dn);
  r.mean = mean;
  r.sd = s;
  r.constant = !(s > 1e-12 * scale) || n < 2;

  // Cube total per step and its trend (the overall count trend).
  {
    std::vector<double> totals(T, 0.0);
    for (std::size_t i = 0; i < n_cells; ++i)
      for (std::size_t t = 0; t < T; ++t) totals[t] += value(i, t);
    TrendOptions to;
    to.alpha = options.trend_alpha;
    r.count_trend = mann_kendall(totals, to);
  }

  const auto k = static_cast<std::size_t>(options.time_window);
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  const std::size_t chunks = hotspot_detail::chunk_count(n_cells, kCellChunk);
  // Phase 1: z and p per bin. Spatial lag per step (self included), then the sum over the
  // window of steps t − k .. t.
  hotspot_detail::for_chunks(n_cells, kCellChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    if (stop.load(std::memory_order_relaxed)) return;
    std::vector<double> lag(T);
    for (std::size_t i = b; i < e; ++i) {
      const auto rb = static_cast<std::size_t>(weights.row_offsets[i]);
      const auto re = static_cast<std::size_t>(weights.row_offsets[i + 1]);
      double w_space = 1.0, w2_space = 1.0;  // self weight 1
      for (std::size_t t = 0; t < T; ++t) lag[t] = value(i, t);
      for (std::size_t q = rb; q < re; ++q) {
        const double w = weights.value(q);
        const auto j = static_cast<std::size_t>(weights.columns[q]);
        w_space += w;
        w2_space += w * w;
        if (layout == CubeLayout::cell_major) {
          const double* row = &counts[j * T];
          for (std::size_t t = 0; t < T; ++t) lag[t] += w * row[t];
        } else {
          for (std::size_t t = 0; t < T; ++t) lag[t] += w * counts[t * n_cells + j];
        }
      }
      for (std::size_t t = 0; t < T; ++t) {
        const std::size_t first = t >= k ? t - k : 0;
        const auto steps = static_cast<double>(t - first + 1);
        if (rb == re && t == first) continue;  // neighbourhood is the bin alone: undefined
        const std::size_t bin = i * T + t;
        if (r.constant) {
          r.z[bin] = 0.0;
          r.p[bin] = 1.0;
          continue;
        }
        double local = 0.0;
        for (std::size_t u = first; u <= t; ++u) local += lag[u];
        const double wsum = w_space * steps, w2 = w2_space * steps;
        const double var = (dn * w2 - wsum * wsum) / (dn - 1.0);
        if (!(var > 0.0)) {  // the neighbourhood is the whole cube: no variance
          r.z[bin] = 0.0;
          r.p[bin] = 1.0;
          continue;
        }
        r.z[bin] = (local - mean * wsum) / (s * std::sqrt(var));
        r.p[bin] = two_sided_normal_p(r.z[bin]);
      }
    }
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && !report(progress, 0.8 * static_cast<double>(finished) / static_cast<double>(chunks))) stop = true;
  });
  if (stop) {
    EmergingResult c;
    c.cancelled = true;
    return c;
  }

  // Phase 2: thresholds (BH over all defined bins with fdr), significance and Gi* bins.
  for (double v : r.p) r.undefined_bins += std::isnan(v);
  std::array<double, 4> thr = {options.alpha, 0.10, 0.05, 0.01};
  if (options.fdr) thr = bh_thresholds<4>(r.p, thr);
  r.threshold = thr[0];
  auto passes = [&](double p, double t) { return options.fdr ? (t > 0.0 && p <= t) : p < t; };
  for (std::size_t q = 0; q < n; ++q) {
    const double p = r.p[q];
    if (std::isnan(p)) continue;
    const int sign = r.z[q] > 0.0 ? 1 : (r.z[q] < 0.0 ? -1 : 0);
    if (passes(p, thr[0])) r.significance[q] = static_cast<std::int8_t>(sign);
    const int level = passes(p, thr[3]) ? 3 : passes(p, thr[2]) ? 2 : passes(p, thr[1]) ? 1 : 0;
    r.bin[q] = static_cast<std::int8_t>(sign * level);
  }

  // Phase 3: per cell, the trend of z and the category.
  TrendOptions to;
  to.alpha = options.trend_alpha;
  hotspot_detail::for_chunks(n_cells, kCellChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    const std::vector<TrendResult> trends =
        mann_kendall_rows(std::span<const double>(r.z).subspan(b * T, (e - b) * T), T, to);
    for (std::size_t i = b; i < e; ++i) {
      EmergingCell& cell = r.cells[i];
      cell.trend = trends[i - b];
      const std::span<const std::int8_t> sig(&r.significance[i * T], T);
      for (std::int8_t v : sig) {
        cell.hot_bins += v > 0;
        cell.cold_bins += v < 0;
      }
      cell.category = classify_emerging(sig, cell.trend, options.trend_alpha);
    }
  });
  for (const EmergingCell& cell : r.cells) ++r.category_counts[static_cast<std::size_t>(cell.category)];
  if (progress) report(progress, 1.0);
  return r;
}

}  // namespace kvo::engine
