#include "cli/ordered_batch.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace kvo::cli {

void run_in_order(std::size_t n, unsigned workers, const std::function<void(std::size_t)>& job,
                  const std::function<void(std::size_t)>& deliver) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::vector<char> finished(n, 0);
  std::size_t delivered = 0;
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      job(i);
      const std::lock_guard lock(mutex);
      finished[i] = 1;
      while (delivered < n && finished[delivered]) deliver(delivered++);
    }
  };
  const std::size_t threads = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(n, 1));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace kvo::cli
