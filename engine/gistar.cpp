#include "engine/gistar.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/special_functions/erf.hpp>

#include "engine/fdr.hpp"
#include "engine/hotspot_parallel.hpp"

namespace kvo::engine {

namespace {
constexpr std::size_t kChunk = 16384;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double two_sided_normal_p(double z) {
  if (std::isnan(z)) return z;
  // 2(1 − Φ(|z|)) = erfc(|z|/√2), accurate far into the tail.
  return boost::math::erfc(std::fabs(z) / std::sqrt(2.0));
}

GiStarResult compute_gi_star(std::span<const double> values, const SpatialWeights& weights,
                             const GiStarOptions& options, const Progress& progress) {
  const std::size_t n = values.size();
  if (weights.size() != n) throw std::invalid_argument("Gi*: values and weights differ in size");
  GiStarResult r;
  r.z.assign(n, kNaN);
  r.p.assign(n, kNaN);
  r.bin.assign(n, 0);
  if (n == 0) return r;
  // Neighbourhood count (local sum) and its expectation per cell, for min_local_count.
  std::vector<double> local(n, 0.0), expected(n, 0.0);

  // Global moments, sequentially (fixed order: identical for every thread count). The
  // variance is taken as Σ(x − x̄)²/n, which equals Σx²/n − x̄² exactly in real arithmetic
  // and does not cancel catastrophically for large counts.
  double sum = 0.0;
  for (double v : values) sum += v;
  const double dn = static_cast<double>(n);
  const double mean = sum / dn;
  double ss = 0.0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double s = std::sqrt(ss / dn);
  double scale = 0.0;
  for (double v : values) scale = std::max(scale, std::fabs(v));
  // All-equal input: S is zero (or rounding noise); report "no clustering" (z 0, p 1).
  r.constant = !(s > 1e-12 * scale) || n < 2;

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  const std::size_t chunks = hotspot_detail::chunk_count(n, kChunk);
  hotspot_detail::for_chunks(n, kChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    if (stop.load(std::memory_order_relaxed)) return;
    for (std::size_t i = b; i < e; ++i) {
      const auto rb = static_cast<std::size_t>(weights.row_offsets[i]);
      const auto re = static_cast<std::size_t>(weights.row_offsets[i + 1]);
      if (rb == re) continue;  // island: stays NaN
      if (r.constant) {
        r.z[i] = 0.0;
        r.p[i] = 1.0;
        continue;
      }
      double wx = values[i], wsum = 1.0, w2 = 1.0;  // self weight 1
      for (std::size_t t = rb; t < re; ++t) {
        const double w = weights.value(t);
        wx += w * values[static_cast<std::size_t>(weights.columns[t])];
        wsum += w;
        w2 += w * w;
      }
      local[i] = wx;
      expected[i] = mean * wsum;
      const double var = (dn * w2 - wsum * wsum) / (dn - 1.0);
      if (!(var > 0.0)) {  // every observation is a neighbour: the statistic has no variance
        r.z[i] = 0.0;
        r.p[i] = 1.0;
        continue;
      }
      r.z[i] = (wx - mean * wsum) / (s * std::sqrt(var));
      r.p[i] = two_sided_normal_p(r.z[i]);
    }
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && !report(progress, static_cast<double>(finished) / static_cast<double>(chunks))) stop = true;
  });
  if (stop) return GiStarResult{{}, {}, {}, 0, r.constant, 0.10, 0.05, 0.01, true};

  for (std::size_t i = 0; i < n; ++i)
    if (weights.neighbours(i) == 0) ++r.islands;
  if (options.fdr) {
    r.threshold_90 = bh_threshold(r.p, 0.10);
    r.threshold_95 = bh_threshold(r.p, 0.05);
    r.threshold_99 = bh_threshold(r.p, 0.01);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double p = r.p[i];
    if (std::isnan(p)) continue;
    // Without FDR the levels are strict (p < 0.01); BH thresholds are inclusive (p <= p_(k)),
    // and a threshold of 0 means nothing is significant at that level.
    auto passes = [&](double thr) { return options.fdr ? (thr > 0.0 && p <= thr) : p < thr; };
    std::int8_t level = 0;
    if (passes(r.threshold_99)) level = 3;
    else if (passes(r.threshold_95)) level = 2;
    else if (passes(r.threshold_90)) level = 1;
    r.bin[i] = static_cast<std::int8_t>(r.z[i] > 0.0 ? level : (r.z[i] < 0.0 ? -level : 0));
    // A hot spot must hold enough incidents; a cold spot must have enough expected (a thin
    // neighbourhood without incidents says nothing). The small tolerance absorbs round-off
    // in the sums of whole counts.
    const double m = options.min_local_count * (1.0 - 1e-12);
    if ((r.bin[i] > 0 && local[i] < m) || (r.bin[i] < 0 && expected[i] < m)) {
      r.bin[i] = 0;
      ++r.held_back;
    }
  }
  return r;
}

}  // namespace kvo::engine
