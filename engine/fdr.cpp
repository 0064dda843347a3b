#include "engine/fdr.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kvo::engine {

static std::vector<std::size_t> finite_order(std::span<const double> p) {
  std::vector<std::size_t> order;
  order.reserve(p.size());
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  return order;
}

std::vector<double> bh_qvalues(std::span<const double> p) {
  std::vector<double> q(p.size(), std::nan(""));
  const auto order = finite_order(p);
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (std::size_t r = order.size(); r-- > 0;) {
    const double candidate = std::min(1.0, m * p[order[r]] / static_cast<double>(r + 1));
    running = std::min(running, candidate);
    q[order[r]] = running;
  }
  return q;
}

double bh_threshold(std::span<const double> p, double alpha) {
  const auto order = finite_order(p);
  const double m = static_cast<double>(order.size());
  double threshold = 0.0;
  for (std::size_t r = 0; r < order.size(); ++r)
    if (p[order[r]] <= static_cast<double>(r + 1) * alpha / m) threshold = p[order[r]];
  return threshold;
}

}  // namespace kvo::engine
