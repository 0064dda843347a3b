// The comparison statistics at national scale: the aoristic profile of 1 and 10 million
// police-like time windows, the exact rate comparison of a large area_change layer and
// Mann–Kendall over many monthly series.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "engine/aoristic.hpp"
#include "engine/rate_compare.hpp"
#include "engine/trend.hpp"

namespace {

struct Windows {
  std::vector<std::int64_t> start, end;
  std::vector<std::int32_t> group;
};

// Seeded windows over 2023–2024: 40 % points in time, 45 % up to 12 h, 14 % up to 3 days,
// 1 % over a week; 5000 groups (areas × themes).
const Windows& windows(std::size_t n) {
  static std::map<std::size_t, Windows> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Windows w;
  std::mt19937_64 rng(20240101);
  const std::int64_t t0 = 1672531200;  // 2023-01-01T00:00:00Z
  w.start.resize(n);
  w.end.resize(n);
  w.group.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    w.start[i] = t0 + static_cast<std::int64_t>(rng() % (2 * 365 * 86400ULL));
    const std::uint64_t kind = rng() % 100;
    if (kind < 40) w.end[i] = kvo::engine::kNoTime;
    else if (kind < 85) w.end[i] = w.start[i] + static_cast<std::int64_t>(rng() % (12 * 3600));
    else if (kind < 99) w.end[i] = w.start[i] + static_cast<std::int64_t>(rng() % (72 * 3600));
    else w.end[i] = w.start[i] + 8 * 86400;
    w.group[i] = static_cast<std::int32_t>(rng() % 5000);
  }
  return cache.emplace(n, std::move(w)).first->second;
}

void BM_aoristic_profile(benchmark::State& state) {
  const Windows& w = windows(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto profile = kvo::engine::compute_aoristic_profile(w.start, w.end, w.group, 5000);
    benchmark::DoNotOptimize(profile.weight.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_aoristic_profile)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

// Rows of an area_change layer; counts up to `max_count` (national `all` rows reach 10⁵).
void BM_compare_rates(benchmark::State& state) {
  const auto rows = static_cast<std::size_t>(state.range(0));
  const auto max_count = static_cast<std::uint64_t>(state.range(1));
  std::mt19937_64 rng(7);
  std::vector<std::int64_t> c0(rows), c1(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    c0[i] = static_cast<std::int64_t>(rng() % max_count);
    c1[i] = static_cast<std::int64_t>(rng() % max_count);
  }
  for (auto _ : state) {
    auto result = kvo::engine::compare_rates(c0, c1, 1.0, 1.0);
    benchmark::DoNotOptimize(result.p.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_compare_rates)->Args({17'000, 100})->Args({17'000, 100'000})->Unit(benchmark::kMillisecond);

// Mann–Kendall and Sen's slope over 17 000 series of 36 months.
void BM_mann_kendall_rows(benchmark::State& state) {
  const std::size_t series = 17'000, months = 36;
  std::mt19937_64 rng(11);
  std::vector<double> values(series * months);
  for (double& v : values) v = static_cast<double>(rng() % 20);
  for (auto _ : state) {
    auto result = kvo::engine::mann_kendall_rows(values, months);
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(series));
}
BENCHMARK(BM_mann_kendall_rows)->Unit(benchmark::kMillisecond);

}  // namespace
