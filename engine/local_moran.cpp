#include "engine/local_moran.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <unordered_set>

#include "engine/gistar.hpp"
#include "engine/hotspot_parallel.hpp"

namespace kvo::engine {

namespace {

constexpr std::size_t kChunk = 8192;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Unbiased integer in [0, range) by rejection: portable across standard libraries, unlike
// std::uniform_int_distribution.
std::uint64_t bounded(std::mt19937_64& rng, std::uint64_t range) {
  const std::uint64_t threshold = (0 - range) % range;  // 2^64 mod range
  for (;;) {
    const std::uint64_t r = rng();
    if (r >= threshold) return r % range;
  }
}

// The shared permutation table: for each permutation r, the first T elements of a uniformly
// random permutation of 0..n−1, their running sums of x, and for every observation the
// (r, position) pairs where it occurs, so that draws containing the observation itself can
// be corrected exactly.
struct PermutationTable {
  std::size_t r_count = 0, t_count = 0;
  std::vector<std::uint32_t> element;  // [r * T + t]
  std::vector<double> prefix;          // [t * R + r], t = 0..T: Σ of the first t drawn values
  std::vector<double> sorted;          // [t * R + ...]: prefix row t, sorted ascending
  std::vector<std::uint32_t> occ_offsets;                   // n + 1
  std::vector<std::pair<std::uint32_t, std::uint32_t>> occ;  // (r, t) per element, by element
};

PermutationTable make_table(std::span<const double> x, std::size_t R, std::size_t T, std::uint64_t seed) {
  const std::size_t n = x.size();
  PermutationTable tab;
  tab.r_count = R;
  tab.t_count = T;
  tab.element.resize(R * T);
  std::mt19937_64 rng(seed);
  std::unordered_set<std::uint32_t> seen;
  for (std::size_t r = 0; r < R; ++r) {
    std::uint32_t* row = &tab.element[r * T];
    seen.clear();
    // Sequential rejection sampling of distinct values: the ordered prefix of a uniformly
    // random permutation, in O(T) expected draws when T is much smaller than n.
    for (std::size_t t = 0; t < T; ++t) {
      for (;;) {
        const auto v = static_cast<std::uint32_t>(bounded(rng, n));
        bool dup = false;
        if (T <= 64) {
          for (std::size_t u = 0; u < t; ++u) dup = dup || row[u] == v;
        } else {
          dup = !seen.insert(v).second;
        }
        if (!dup) {
          row[t] = v;
          break;
        }
      }
    }
  }
  tab.prefix.assign((T + 1) * R, 0.0);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t t = 0; t < T; ++t)
      tab.prefix[(t + 1) * R + r] = tab.prefix[t * R + r] + x[tab.element[r * T + t]];
  tab.sorted = tab.prefix;
  for (std::size_t t = 0; t <= T; ++t)
    std::sort(tab.sorted.begin() + static_cast<std::ptrdiff_t>(t * R), tab.sorted.begin() + static_cast<std::ptrdiff_t>((t + 1) * R));
  tab.occ_offsets.assign(n + 1, 0);
  for (std::uint32_t e : tab.element) ++tab.occ_offsets[e + 1];
  for (std::size_t i = 0; i < n; ++i) tab.occ_offsets[i + 1] += tab.occ_offsets[i];
  tab.occ.resize(tab.element.size());
  std::vector<std::uint32_t> fill(tab.occ_offsets.begin(), tab.occ_offsets.end() - 1);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t t = 0; t < T; ++t) {
      const std::uint32_t e = tab.element[r * T + t];
      tab.occ[fill[e]++] = {static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(t)};
    }
  return tab;
}

}  // namespace

std::string_view lm_cluster_name(LmCluster cluster) {
  switch (cluster) {
    case LmCluster::hh: return "HH";
    case LmCluster::lh: return "LH";
    case LmCluster::ll: return "LL";
    case LmCluster::hl: return "HL";
    case LmCluster::ns: break;
  }
  return "ns";
}

LocalMoranResult compute_local_moran(std::span<const double> values, const SpatialWeights& weights,
                                     const LocalMoranOptions& options, const Progress& progress) {
  const std::size_t n = values.size();
  if (weights.size() != n) throw std::invalid_argument("local Moran: values and weights differ in size");
  if (n >= std::numeric_limits<std::uint32_t>::max()) throw std::invalid_argument("local Moran: too many observations");
  LocalMoranResult res;
  for (auto* v : {&res.i, &res.lag, &res.expected, &res.variance, &res.z, &res.p_norm, &res.expected_conditional,
                  &res.variance_conditional, &res.p_sim})
    v->assign(n, kNaN);
  res.quadrant.assign(n, 0);
  res.cluster.assign(n, LmCluster::ns);
  if (n == 0) return res;

  const double dn = static_cast<double>(n);
  double sum = 0.0, scale = 0.0;
  for (double v : values) {
    sum += v;
    scale = std::max(scale, std::fabs(v));
  }
  const double mean = sum / dn;
  double s2 = 0.0, s4 = 0.0;
  for (double v : values) {
    const double d2 = (v - mean) * (v - mean);
    s2 += d2;
    s4 += d2 * d2;
  }
  const double m2 = s2 / dn;
  const double b2 = (s4 / dn) / (m2 * m2);
  res.constant = !(std::sqrt(m2) > 1e-12 * scale);

  std::size_t max_k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = weights.neighbours(i);
    if (k >= n) throw std::invalid_argument("local Moran: a row has more neighbours than observations");
    max_k = std::max(max_k, k);
    if (k == 0) ++res.islands;
  }
  const std::size_t R = res.constant ? 0 : options.permutations;
  const std::size_t T = std::min(max_k + 1, n);
  PermutationTable tab;
  if (R > 0 && max_k > 0) tab = make_table(values, R, T, options.seed);
  const double n1 = dn - 1.0, n2 = dn - 2.0;

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  const std::size_t chunks = hotspot_detail::chunk_count(n, kChunk);
  hotspot_detail::for_chunks(n, kChunk, options.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    if (stop.load(std::memory_order_relaxed)) return;
    for (std::size_t i = b; i < e; ++i) {
      const auto rb = static_cast<std::size_t>(weights.row_offsets[i]);
      const auto re = static_cast<std::size_t>(weights.row_offsets[i + 1]);
      const std::size_t k = re - rb;
      if (k == 0) continue;  // island
      double wsum = 0.0, wx = 0.0, ww = 0.0, sx = 0.0;
      bool uniform = true;
      const double w0 = weights.value(rb);
      for (std::size_t t = rb; t < re; ++t) {
        const double w = weights.value(t);
        uniform = uniform && w == w0;
        wsum += w;
        const double xj = values[static_cast<std::size_t>(weights.columns[t])];
        wx += w * xj;
        sx += xj;
        ww += w * w;
      }
      const double zi = values[i] - mean;
      const double lag = wx / wsum - mean;
      res.lag[i] = lag;
      res.quadrant[i] = zi > 0 ? (lag > 0 ? 1 : 4) : (lag > 0 ? 2 : 3);
      // Row-standardised: w_i = 1, w_i(2) = Σ (w_ij / Σw)².
      const double wi = 1.0, wi2 = ww / (wsum * wsum);
      res.expected[i] = -wi / n1;
      if (res.constant) {
        res.i[i] = 0.0;
        res.z[i] = 0.0;
        res.p_norm[i] = 1.0;
        res.p_sim[i] = 1.0;
        continue;
      }
      res.i[i] = zi / m2 * lag;
      res.variance[i] = wi2 * (dn - b2) / n1 + (wi * wi - wi2) * (2.0 * b2 - dn) / (n1 * n2) - wi * wi / (n1 * n1);
      res.z[i] = (res.i[i] - res.expected[i]) / std::sqrt(res.variance[i]);
      res.p_norm[i] = two_sided_normal_p(res.z[i]);
      res.expected_conditional[i] = -(zi * zi * wi) / (n1 * m2);
      res.variance_conditional[i] =
          (zi / m2) * (zi / m2) * (dn / n2) * (wi2 - wi * wi / n1) * (m2 - zi * zi / n1);
      if (R == 0) continue;
      if (zi == 0.0) {  // I and every permuted I are 0: all ties, p = 1
        res.p_sim[i] = 1.0;
        continue;
      }
      // Compare weighted sums of raw values (Σ w x): same order as I_i and exact for counts.
      // Sums within 1e-11 of Σ|w| · max|x| are ties (mathematically equal sums may round
      // differently when added in another order); ties count in both tails.
      std::size_t ge = 0, le = 0;  // permuted sums >= / <= the observed sum
      if (uniform) {
        const double xobs = sx;  // Σ x_j over the neighbours
        const double tol = 1e-11 * static_cast<double>(k) * scale;
        const double* row = &tab.sorted[k * R];
        ge = R - static_cast<std::size_t>(std::lower_bound(row, row + R, xobs - tol) - row);
        le = static_cast<std::size_t>(std::upper_bound(row, row + R, xobs + tol) - row);
        // Draws whose first k elements include i itself take element k instead.
        for (std::uint32_t o = tab.occ_offsets[i]; o < tab.occ_offsets[i + 1]; ++o) {
          const auto [r, t] = tab.occ[o];
          if (t >= k) continue;
          const double old_s = tab.prefix[k * R + r];
          const double new_s = tab.prefix[(k + 1) * R + r] - values[i];
          ge = ge - (old_s >= xobs - tol ? 1 : 0) + (new_s >= xobs - tol ? 1 : 0);
          le = le - (old_s <= xobs + tol ? 1 : 0) + (new_s <= xobs + tol ? 1 : 0);
        }
      } else {
        double wabs = 0.0;
        for (std::size_t t = rb; t < re; ++t) wabs += std::fabs(weights.value(t));
        const double tol = 1e-11 * wabs * scale;
        for (std::size_t r = 0; r < R; ++r) {
          const std::uint32_t* draw = &tab.element[r * T];
          double s = 0.0;
          std::size_t slot = rb;
          for (std::size_t t = 0; slot < re; ++t) {
            if (draw[t] == i) continue;
            s += weights.value(slot++) * values[draw[t]];
          }
          ge += s >= wx - tol ? 1 : 0;
          le += s <= wx + tol ? 1 : 0;
        }
      }
      // I_r >= I_obs  <=>  z_i (S_r − S_obs) >= 0.
      const std::size_t at_least = zi > 0 ? ge : le;
      const std::size_t at_most = zi > 0 ? le : ge;
      const std::size_t m = std::min(at_least, at_most);
      res.p_sim[i] = (static_cast<double>(m) + 1.0) / (static_cast<double>(R) + 1.0);
    }
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && !report(progress, static_cast<double>(finished) / static_cast<double>(chunks))) stop = true;
  });
  if (stop) {
    LocalMoranResult cancelled;
    cancelled.cancelled = true;
    return cancelled;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (weights.neighbours(i) == 0 || res.constant) continue;
    const double p = R > 0 ? res.p_sim[i] : res.p_norm[i];
    if (p <= options.alpha) res.cluster[i] = static_cast<LmCluster>(res.quadrant[i]);
  }
  return res;
}

}  // namespace kvo::engine
