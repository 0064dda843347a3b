#pragma once
// Fixed-chunk parallel loops for the hotspot engine: work is split into chunks whose
// boundaries depend only on the problem size, so per-chunk partial results combined in
// chunk order are identical whatever the number of threads.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace kvo::engine::hotspot_detail {

/// Worker count for a `threads` option: 0 = hardware concurrency (at least 1).
inline unsigned resolve_threads(unsigned threads) {
  if (threads != 0) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Number of chunks of `chunk` items needed for `n` items.
inline std::size_t chunk_count(std::size_t n, std::size_t chunk) { return (n + chunk - 1) / chunk; }

/// Calls f(chunk_index, begin, end) for every chunk of `chunk` items in [0, n), on up to
/// `threads` threads (0 = all cores). Chunks are handed out dynamically; callers must write
/// only to per-item or per-chunk slots so that the result does not depend on the schedule.
template <class F>
void for_chunks(std::size_t n, std::size_t chunk, unsigned threads, F&& f) {
  const std::size_t chunks = chunk_count(n, chunk);
  const unsigned workers =
      static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), std::max<std::size_t>(1, chunks)));
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1))
      f(c, c * chunk, std::min(n, (c + 1) * chunk));
  };
  if (workers <= 1) {
    run();
    return;
  }
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (unsigned t = 1; t < workers; ++t) pool.emplace_back(run);
  run();
}

}  // namespace kvo::engine::hotspot_detail
