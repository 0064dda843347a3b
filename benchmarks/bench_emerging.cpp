// Issue 16 at scale.
// - Emerging hot spots: 1 000 000 synthetic incidents over 24 months, aggregated to a
//   300 × 300 grid of 100 m cells (90 000 cells, 2.16 M bins); queen band (150 m: 8
//   neighbours + self), time_window 1, FDR on. BM_EmergingAggregate times the aggregation
//   (point → cell × month counts), BM_EmergingHotspots weights + the analysis.
// - Near repeat: 20 000 burglaries over 10 km × 10 km and two years, 10 % of them near
//   repeats (follow-ups within 150 m and 10 days); bands 10 × 100 m (plus same location) and
//   10 × 7 days; 99 iterations.
// Threads: the argument (0 = all cores). Peak RSS: /usr/bin/time -v kvo_bench
// --benchmark_filter=Emerging (or NearRepeat).

#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "engine/emerging_hotspots.hpp"
#include "engine/near_repeat.hpp"
#include "engine/spatial_weights.hpp"

namespace {

using namespace kvo::engine;

double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

constexpr int kSide = 300;       // cells per side
constexpr double kCell = 100.0;  // metres
constexpr int kMonths = 24;

struct Incidents {
  std::vector<double> x, y;
  std::vector<int> month;
};

// 1 M incidents: 60 % uniform, 40 % in Gaussian clusters, some of which start, stop or grow
// during the two years (so every kind of pattern occurs).
const Incidents& incidents() {
  static const Incidents inc = [] {
    Incidents out;
    const std::size_t n = 1'000'000;
    out.x.reserve(n);
    out.y.reserve(n);
    out.month.reserve(n);
    std::mt19937_64 rng(16);
    const double extent = kSide * kCell;
    struct Cluster {
      double x, y, sd;
      int from, to;
    };
    std::vector<Cluster> clusters;
    for (int c = 0; c < 60; ++c) {
      const int from = static_cast<int>(uniform(rng) * 20), len = 4 + static_cast<int>(uniform(rng) * 20);
      clusters.push_back({extent * uniform(rng), extent * uniform(rng), 150 + 300 * uniform(rng), from,
                          std::min(kMonths, from + len)});
    }
    while (out.x.size() < n) {
      if (uniform(rng) < 0.6) {
        out.x.push_back(extent * uniform(rng));
        out.y.push_back(extent * uniform(rng));
        out.month.push_back(static_cast<int>(uniform(rng) * kMonths));
        continue;
      }
      const Cluster& c = clusters[static_cast<std::size_t>(uniform(rng) * static_cast<double>(clusters.size()))];
      const double r = c.sd * std::sqrt(-2.0 * std::log(1.0 - uniform(rng))), a = 2 * std::numbers::pi * uniform(rng);
      const double px = c.x + r * std::cos(a), py = c.y + r * std::sin(a);
      if (px < 0 || py < 0 || px >= extent || py >= extent) continue;
      out.x.push_back(px);
      out.y.push_back(py);
      out.month.push_back(c.from + static_cast<int>(uniform(rng) * (c.to - c.from)));
    }
    return out;
  }();
  return inc;
}

std::vector<double> aggregate(const Incidents& inc) {
  std::vector<double> cube(static_cast<std::size_t>(kSide) * kSide * kMonths, 0.0);
  for (std::size_t i = 0; i < inc.x.size(); ++i) {
    const auto col = static_cast<std::size_t>(inc.x[i] / kCell), row = static_cast<std::size_t>(inc.y[i] / kCell);
    cube[(row * kSide + col) * kMonths + static_cast<std::size_t>(inc.month[i])] += 1.0;
  }
  return cube;
}

struct Cells {
  std::vector<double> x, y;
};
const Cells& cells() {
  static const Cells c = [] {
    Cells out;
    for (int r = 0; r < kSide; ++r)
      for (int col = 0; col < kSide; ++col) {
        out.x.push_back((col + 0.5) * kCell);
        out.y.push_back((r + 0.5) * kCell);
      }
    return out;
  }();
  return c;
}

void BM_EmergingAggregate(benchmark::State& state) {
  const Incidents& inc = incidents();
  for (auto _ : state) {
    const std::vector<double> cube = aggregate(inc);
    benchmark::DoNotOptimize(cube.data());
  }
  state.counters["incidents"] = static_cast<double>(inc.x.size());
}

void BM_EmergingHotspots(benchmark::State& state) {
  const std::vector<double> cube = aggregate(incidents());
  const Cells& c = cells();
  const auto threads = static_cast<unsigned>(state.range(0));
  std::size_t hot_now = 0;
  for (auto _ : state) {
    const SpatialWeights w = distance_band_weights(c.x, c.y, {150.0, threads});
    EmergingOptions o;
    o.fdr = true;
    o.threads = threads;
    const EmergingResult r = emerging_hotspots(cube, c.x.size(), kMonths, CubeLayout::cell_major, w, o);
    benchmark::DoNotOptimize(r.z.data());
    hot_now = 0;
    for (std::size_t k = 1; k <= 8; ++k) hot_now += r.category_counts[k];
  }
  state.counters["cells"] = static_cast<double>(c.x.size());
  state.counters["bins"] = static_cast<double>(cube.size());
  state.counters["hot_cells"] = static_cast<double>(hot_now);
}

struct Burglaries {
  std::vector<double> x, y, t;
};
const Burglaries& burglaries() {
  static const Burglaries b = [] {
    Burglaries out;
    std::mt19937_64 rng(20000);
    const std::size_t n = 20000;
    while (out.x.size() < n) {
      if (out.x.size() > 100 && uniform(rng) < 0.1) {  // a near repeat of an earlier burglary
        const auto src = static_cast<std::size_t>(uniform(rng) * static_cast<double>(out.x.size()));
        const double r = 150 * uniform(rng), a = 2 * std::numbers::pi * uniform(rng);
        out.x.push_back(out.x[src] + r * std::cos(a));
        out.y.push_back(out.y[src] + r * std::sin(a));
        out.t.push_back(out.t[src] + 10 * uniform(rng));
        continue;
      }
      out.x.push_back(10000 * uniform(rng));
      out.y.push_back(10000 * uniform(rng));
      out.t.push_back(730 * uniform(rng));
    }
    return out;
  }();
  return b;
}

void BM_NearRepeat(benchmark::State& state) {
  const Burglaries& b = burglaries();
  NearRepeatOptions o;
  o.distance_band_m = 100;
  o.distance_bands = 10;
  o.time_band_days = 7;
  o.time_bands = 10;
  o.iterations = 99;
  o.threads = static_cast<unsigned>(state.range(0));
  std::int64_t close = 0;
  double origin_ratio = 0;
  for (auto _ : state) {
    const NearRepeatResult r = near_repeat(b.x, b.y, b.t, o);
    benchmark::DoNotOptimize(r.p.data());
    close = r.close_pairs;
    origin_ratio = r.knox_ratio[r.at(r.first_band_row(), 0)];
  }
  state.counters["events"] = static_cast<double>(b.x.size());
  state.counters["close_pairs"] = static_cast<double>(close);
  state.counters["origin_knox_ratio"] = origin_ratio;
}

}  // namespace

BENCHMARK(BM_EmergingAggregate)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EmergingHotspots)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_NearRepeat)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
