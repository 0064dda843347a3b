// Kernel density at city scale: 1 million incidents over 20 km × 20 km onto 20 m cells
// (1000 × 1000) with a 200 m quartic radius, the case compared with QGIS in docs/density.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "engine/kde.hpp"

namespace {

using kvo::engine::KdePoints;

struct Points {
  std::vector<double> x, y;
};

// Uniform points on [0, 20 km)², seeded; the same generator as the QGIS comparison input.
const Points& city_points(std::size_t n) {
  static std::map<std::size_t, Points> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Points p;
  std::mt19937_64 rng(20240101);
  p.x.resize(n);
  p.y.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    p.x[i] = static_cast<double>(rng() >> 11) * 0x1.0p-53 * 20000.0;
    p.y[i] = static_cast<double>(rng() >> 11) * 0x1.0p-53 * 20000.0;
  }
  return cache.emplace(n, std::move(p)).first->second;
}

kvo::engine::RasterGrid city_grid() {
  kvo::engine::RasterGrid g;
  g.origin_x = 0.0;
  g.origin_y = 20000.0;
  g.cell_size_m = 20.0;
  g.cols = 1000;
  g.rows = 1000;
  return g;
}

// Args: points, radius in metres, threads.
void BM_kde_quartic(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const double r = static_cast<double>(state.range(1));
  const int threads = static_cast<int>(state.range(2));
  const Points& p = city_points(n);
  kvo::engine::KdeOptions o;
  o.kernel = kvo::engine::Kernel::quartic;
  o.bandwidth_m = r;
  o.grid = city_grid();
  o.threads = threads;
  for (auto _ : state) {
    auto result = kvo::engine::compute_kde(KdePoints{p.x, p.y, {}}, o);
    benchmark::DoNotOptimize(result.raster.data.data());
  }
  const double footprint_cells = 3.141592653589793 * (r / 20.0) * (r / 20.0);
  state.counters["point_cells"] =
      benchmark::Counter(static_cast<double>(n) * footprint_cells, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_kde_quartic)
    ->ArgNames({"points", "r_m", "threads"})
    ->Args({1000000, 200, 2})
    ->Args({1000000, 200, 1})
    ->Args({250000, 200, 2})
    ->Args({1000000, 100, 2})
    ->Args({1000000, 400, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_kde_auto_bandwidth(benchmark::State& state) {
  const Points& p = city_points(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kvo::engine::auto_bandwidth(KdePoints{p.x, p.y, {}}).bandwidth_m);
}
BENCHMARK(BM_kde_auto_bandwidth)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
