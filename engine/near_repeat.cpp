#include "engine/near_repeat.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <stdexcept>

#include "engine/hotspot_parallel.hpp"
#include "engine/hotspot_point_index.hpp"

namespace kvo::engine {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kEventChunk = 4096;

// Unbiased integer in [0, range) by rejection (portable, unlike std::uniform_int_distribution).
std::uint64_t bounded(std::mt19937_64& rng, std::uint64_t range) {
  const std::uint64_t threshold = (0 - range) % range;  // 2^64 mod range
  for (;;) {
    const std::uint64_t r = rng();
    if (r >= threshold) return r % range;
  }
}

// SplitMix64 finaliser: the seed of iteration r's generator, so iterations are independent
// of each other and of the thread that runs them.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Band of a non-negative difference: ⌊d / width⌋, capped at `bands` (= beyond). The one
// definition used for observed and simulated pairs alike.
inline std::size_t band_of(double d, double width, std::size_t bands) {
  const double k = std::floor(d / width);
  return k < static_cast<double>(bands) ? static_cast<std::size_t>(k) : bands;
}

}  // namespace

std::vector<double> days_from_utc_seconds(std::span<const std::int64_t> utc_seconds) {
  std::vector<double> out(utc_seconds.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(utc_seconds[i]) / 86400.0;
  return out;
}

NearRepeatResult near_repeat(std::span<const double> x, std::span<const double> y, std::span<const double> t_days,
                             const NearRepeatOptions& o, const Progress& progress) {
  if (x.size() != y.size() || x.size() != t_days.size())
    throw std::invalid_argument("near_repeat: x, y and t differ in length");
  if (!(o.distance_band_m > 0.0) || !std::isfinite(o.distance_band_m) || o.distance_bands < 1)
    throw std::invalid_argument("near_repeat: the spatial bandwidth and band count must be positive");
  if (!(o.time_band_days > 0.0) || !std::isfinite(o.time_band_days) || o.time_bands < 1)
    throw std::invalid_argument("near_repeat: the temporal bandwidth and band count must be positive");
  if (!(o.same_location_m >= 0.0) || !(o.same_location_m < o.distance_band_m))
    throw std::invalid_argument("near_repeat: same_location_m must be in [0, distance_band_m)");
  if (o.distance_bands > 60000) throw std::invalid_argument("near_repeat: too many spatial bands");
  if (o.iterations < 0) throw std::invalid_argument("near_repeat: iterations must not be negative");
  const std::size_t n = x.size();
  if (n >= UINT32_MAX) throw std::invalid_argument("near_repeat: too many events");
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(t_days[i])) throw std::invalid_argument("near_repeat: non-finite time");

  const auto S = static_cast<std::size_t>(o.distance_bands);
  const auto T = static_cast<std::size_t>(o.time_bands);
  const bool same = o.same_location_m > 0.0;
  const std::size_t first = same ? 1 : 0;

  NearRepeatResult r;
  r.same_location_row = same;
  r.rows = first + S + 1;
  r.cols = T + 1;
  r.events = n;
  r.iterations = o.iterations;
  r.pairs = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n > 0 ? n - 1 : 0) / 2;
  if (same) {
    r.distance_from_m.push_back(0.0);
    r.distance_to_m.push_back(o.same_location_m);
  }
  for (std::size_t k = 0; k < S; ++k) {
    r.distance_from_m.push_back(k == 0 ? o.same_location_m : static_cast<double>(k) * o.distance_band_m);
    r.distance_to_m.push_back(static_cast<double>(k + 1) * o.distance_band_m);
  }
  r.distance_from_m.push_back(static_cast<double>(S) * o.distance_band_m);
  r.distance_to_m.push_back(kInf);
  for (std::size_t k = 0; k <= T; ++k) {
    r.time_from_days.push_back(static_cast<double>(k) * o.time_band_days);
    r.time_to_days.push_back(k < T ? static_cast<double>(k + 1) * o.time_band_days : kInf);
  }
  const std::size_t cells = r.rows * r.cols;
  const std::size_t beyond_row = r.rows - 1;

  // 1. The close pairs (i < j, distance band < S) with their row, in event order.
  const double reach = static_cast<double>(S) * o.distance_band_m;
  auto row_of = [&](double d) -> std::size_t {
    if (same && d < o.same_location_m) return 0;
    return first + band_of(d, o.distance_band_m, S);  // first + S = beyond
  };
  // Stored per event i as a CSR: offsets[i] .. offsets[i + 1] index the partners j > i and
  // their rows, so the hot loop streams 6 bytes per pair.
  std::vector<std::size_t> offsets(n + 1, 0);
  std::vector<std::uint32_t> pj;
  std::vector<std::uint16_t> prow;
  {
    const PointIndex index(x, y, reach);
    const std::size_t chunks = hotspot_detail::chunk_count(n, kEventChunk);
    struct Part {
      std::vector<std::uint32_t> j;
      std::vector<std::uint16_t> row;
    };
    std::vector<Part> parts(chunks);
    const double r2 = reach * reach * (1.0 + 1e-12);  // a hair wider: the row test below decides
    hotspot_detail::for_chunks(n, kEventChunk, o.threads, [&](std::size_t c, std::size_t b, std::size_t e) {
      Part& part = parts[c];
      for (std::size_t i = b; i < e; ++i) {
        index.for_each_within(i, r2, reach, [&](std::uint32_t j, double d2) {
          if (j <= i) return;
          const double d =
              o.metric == NearRepeatMetric::euclidean ? std::sqrt(d2) : std::fabs(x[i] - x[j]) + std::fabs(y[i] - y[j]);
          const std::size_t row = row_of(d);
          if (row == beyond_row) return;
          part.j.push_back(j);
          part.row.push_back(static_cast<std::uint16_t>(row));
        });
        offsets[i + 1] = part.j.size();  // within the chunk, turned global below
      }
    });
    // Chunks in order; within a chunk, pairs in event and bucket order: the list is a
    // function of the data alone (and its order changes no count).
    std::size_t total = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t b = c * kEventChunk, e = std::min(n, b + kEventChunk);
      for (std::size_t i = b; i < e; ++i) offsets[i + 1] += total;
      total += parts[c].j.size();
    }
    pj.reserve(total);
    prow.reserve(total);
    for (Part& part : parts) {
      pj.insert(pj.end(), part.j.begin(), part.j.end());
      prow.insert(prow.end(), part.row.begin(), part.row.end());
      part = Part{};
    }
  }
  r.close_pairs = static_cast<std::int64_t>(pj.size());

  // 2. Column totals over all pairs (any distance), from the sorted times: a pair's column
  // depends only on its time difference, so these totals are the same for every permutation.
  std::vector<std::int64_t> col_total(r.cols, 0);
  {
    std::vector<double> ts(t_days.begin(), t_days.end());
    std::sort(ts.begin(), ts.end());
    for (std::size_t i = 0; i < n; ++i) {
      auto lo = ts.begin() + static_cast<std::ptrdiff_t>(i + 1);
      for (std::size_t c = 0; c < T; ++c) {
        const auto hi = std::partition_point(lo, ts.end(),
                                             [&](double tj) { return band_of(tj - ts[i], o.time_band_days, T) <= c; });
        col_total[c] += hi - lo;
        lo = hi;
      }
      col_total[T] += ts.end() - lo;
    }
  }

  // Row totals of the close rows over all columns: fixed, since the rows depend on the
  // locations only. The beyond-time column of a close row is its total minus the time bands.
  std::vector<std::int64_t> row_total(r.rows, 0);
  for (std::uint16_t row : prow) ++row_total[row];
  // Differences above this are beyond for sure (band_of >= T); below it band_of decides, so
  // the cheap test changes no band and spares the division for most pairs.
  const double surely_beyond = static_cast<double>(T) * o.time_band_days * (1.0 + 1e-9);

  // One table from a vector of times (observed: the data; simulated: a permutation).
  auto fill_table = [&](std::span<const double> t, std::span<std::int64_t> table) {
    std::fill(table.begin(), table.end(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      const double ti = t[i];
      for (std::size_t q = offsets[i]; q < offsets[i + 1]; ++q) {
        const double dt = std::fabs(ti - t[pj[q]]);
        if (dt > surely_beyond) continue;
        const std::size_t col = band_of(dt, o.time_band_days, T);
        if (col < T) ++table[prow[q] * r.cols + col];
      }
    }
    for (std::size_t row = 0; row < beyond_row; ++row) {
      std::int64_t within = 0;
      for (std::size_t c = 0; c < T; ++c) within += table[row * r.cols + c];
      table[row * r.cols + T] = row_total[row] - within;
    }
    for (std::size_t c = 0; c < r.cols; ++c) {
      std::int64_t within = 0;
      for (std::size_t row = 0; row < beyond_row; ++row) within += table[row * r.cols + c];
      table[beyond_row * r.cols + c] = col_total[c] - within;
    }
  };
  r.observed.assign(cells, 0);
  fill_table(t_days, r.observed);

  // 3. Monte Carlo: iteration it permutes the times with its own generator.
  const auto R = static_cast<std::size_t>(o.iterations);
  std::vector<std::int64_t> sims(R * cells, 0);
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  hotspot_detail::for_chunks(R, 1, o.threads, [&](std::size_t, std::size_t b, std::size_t e) {
    std::vector<double> perm(t_days.begin(), t_days.end());
    for (std::size_t it = b; it < e; ++it) {
      if (stop.load(std::memory_order_relaxed)) return;
      std::mt19937_64 rng(mix(o.seed ^ mix(static_cast<std::uint64_t>(it))));
      std::copy(t_days.begin(), t_days.end(), perm.begin());
      for (std::size_t k = n; k > 1; --k) std::swap(perm[k - 1], perm[bounded(rng, k)]);
      fill_table(perm, std::span<std::int64_t>(&sims[it * cells], cells));
      const std::size_t finished = done.fetch_add(1) + 1;
      if (progress && !report(progress, static_cast<double>(finished) / static_cast<double>(R))) stop = true;
    }
  });
  if (stop) {
    NearRepeatResult c;
    c.cancelled = true;
    return c;
  }

  r.expected.assign(cells, kNaN);
  r.knox_ratio.assign(cells, kNaN);
  r.simulated_ge.assign(cells, 0);
  r.p.assign(cells, kNaN);
  if (R > 0)
    for (std::size_t cell = 0; cell < cells; ++cell) {
      std::int64_t sum = 0, ge = 0;
      for (std::size_t it = 0; it < R; ++it) {
        const std::int64_t v = sims[it * cells + cell];
        sum += v;
        ge += v >= r.observed[cell];
      }
      const double mean = static_cast<double>(sum) / static_cast<double>(R);
      r.expected[cell] = mean;
      const auto obs = static_cast<double>(r.observed[cell]);
      r.knox_ratio[cell] = mean > 0.0 ? obs / mean : (obs > 0.0 ? kInf : kNaN);
      r.simulated_ge[cell] = ge;
      r.p[cell] = static_cast<double>(1 + ge) / static_cast<double>(1 + R);
    }
  if (progress) report(progress, 1.0);
  return r;
}

NearRepeatWindow near_repeat_window(const NearRepeatResult& knox, double alpha) {
  NearRepeatWindow w;
  if (knox.rows < 2 || knox.cols < 2 || knox.p.size() != knox.rows * knox.cols) return w;
  const std::size_t T = knox.cols - 1;              // time bands (beyond excluded)
  const std::size_t first = knox.first_band_row();  // first spatial band
  const std::size_t S = knox.rows - 1 - first;      // spatial bands (beyond excluded)
  auto elevated = [&](std::size_t row, std::size_t col) {
    const std::size_t c = knox.at(row, col);
    return knox.p[c] < alpha && knox.knox_ratio[c] > 1.0;
  };
  // Repeat: the uninterrupted run of elevated time bands from the first in the same-location row.
  if (knox.same_location_row) {
    std::size_t run = 0;
    while (run < T && elevated(0, run)) ++run;
    w.repeat = run > 0;
    if (w.repeat) w.repeat_days = knox.time_to_days[run - 1];
  }
  // Near repeat: the 4-connected component of elevated cells (spatial × time bands) that holds
  // the origin cell (first spatial band, first time band).
  w.days_by_band.assign(S, 0.0);
  if (S == 0 || !elevated(first, 0)) return w;
  std::vector<std::uint8_t> seen(S * T, 0);
  std::vector<std::pair<std::size_t, std::size_t>> stack{{0, 0}};
  seen[0] = 1;
  while (!stack.empty()) {
    const auto [k, c] = stack.back();
    stack.pop_back();
    w.distance_m = std::max(w.distance_m, knox.distance_to_m[first + k]);
    w.days = std::max(w.days, knox.time_to_days[c]);
    w.days_by_band[k] = std::max(w.days_by_band[k], knox.time_to_days[c]);
    auto visit = [&](std::size_t kk, std::size_t cc) {
      if (kk >= S || cc >= T || seen[kk * T + cc] || !elevated(first + kk, cc)) return;
      seen[kk * T + cc] = 1;
      stack.emplace_back(kk, cc);
    };
    visit(k + 1, c);
    visit(k, c + 1);
    if (k > 0) visit(k - 1, c);
    if (c > 0) visit(k, c - 1);
  }
  w.near_repeat = true;
  return w;
}

std::vector<NearRepeatZone> near_repeat_zones(std::span<const double> t_days, const NearRepeatWindow& window,
                                              double now_days) {
  std::vector<NearRepeatZone> out;
  for (std::size_t e = 0; e < t_days.size(); ++e) {
    const double age = now_days - t_days[e];
    if (!(age >= 0.0)) continue;
    NearRepeatZone z;
    z.event = static_cast<std::uint32_t>(e);
    z.near = window.near_repeat && age < window.days;
    z.repeat = window.repeat && age < window.repeat_days;
    if (!z.near && !z.repeat) continue;
    if (z.near) {
      z.radius_m = window.distance_m;
      z.until_days = t_days[e] + window.days;
    }
    if (z.repeat) z.repeat_until_days = t_days[e] + window.repeat_days;
    out.push_back(z);
  }
  return out;
}

}  // namespace kvo::engine
