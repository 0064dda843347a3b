#pragma once
// Runs the jobs of a batch on several threads and hands their results on in job order.

#include <cstddef>
#include <functional>

namespace kvo::cli {

/// Runs job(i) for every i in [0, n) on up to `workers` threads (at least one). deliver(i)
/// is called once per job, in order of i, as soon as jobs 0..i have all finished, and never
/// on two threads at once. A job must not throw.
void run_in_order(std::size_t n, unsigned workers, const std::function<void(std::size_t)>& job,
                  const std::function<void(std::size_t)>& deliver);

}  // namespace kvo::cli
