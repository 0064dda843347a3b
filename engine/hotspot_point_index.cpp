#include "engine/hotspot_point_index.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kvo::engine {

PointIndex::PointIndex(std::span<const double> x, std::span<const double> y, double bucket_m) : x_(x), y_(y) {
  if (x.size() != y.size()) throw std::invalid_argument("PointIndex: x and y differ in length");
  if (x.size() >= UINT32_MAX) throw std::invalid_argument("PointIndex: too many points");
  if (!(bucket_m > 0.0) || !std::isfinite(bucket_m)) throw std::invalid_argument("PointIndex: bucket size must be positive");
  const std::size_t n = x.size();
  double max_x = 0.0, max_y = 0.0;
  if (n > 0) {
    min_x_ = max_x = x[0];
    min_y_ = max_y = y[0];
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) throw std::invalid_argument("PointIndex: non-finite coordinate");
    min_x_ = std::min(min_x_, x[i]);
    max_x = std::max(max_x, x[i]);
    min_y_ = std::min(min_y_, y[i]);
    max_y = std::max(max_y, y[i]);
  }
  // Keep the bucket table proportional to n: a tiny radius over a wide extent must not
  // allocate billions of empty buckets.
  bucket_ = bucket_m;
  const double budget = 4.0 * static_cast<double>(std::max<std::size_t>(n, 16));
  while (((max_x - min_x_) / bucket_ + 1.0) * ((max_y - min_y_) / bucket_ + 1.0) > budget) bucket_ *= 2.0;
  nbx_ = static_cast<std::int64_t>(std::floor((max_x - min_x_) / bucket_)) + 1;
  nby_ = static_cast<std::int64_t>(std::floor((max_y - min_y_) / bucket_)) + 1;
  const std::size_t buckets = static_cast<std::size_t>(nbx_ * nby_);
  start_.assign(buckets + 1, 0);
  std::vector<std::uint32_t> key(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto [bx, by] = bucket_of(x[i], y[i]);
    key[i] = static_cast<std::uint32_t>(by * nbx_ + bx);
    ++start_[key[i] + 1];
  }
  for (std::size_t b = 0; b < buckets; ++b) start_[b + 1] += start_[b];
  items_.resize(n);
  std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
  for (std::size_t i = 0; i < n; ++i) items_[fill[key[i]]++] = static_cast<std::uint32_t>(i);
}

std::pair<std::int64_t, std::int64_t> PointIndex::bucket_of(double px, double py) const {
  auto clampi = [](double v, std::int64_t hi) {
    if (!(v > 0.0)) return std::int64_t{0};
    if (v >= static_cast<double>(hi)) return hi - 1;
    return static_cast<std::int64_t>(v);
  };
  return {clampi(std::floor((px - min_x_) / bucket_), nbx_), clampi(std::floor((py - min_y_) / bucket_), nby_)};
}

void PointIndex::nearest(std::size_t i, std::size_t k, std::vector<std::pair<double, std::uint32_t>>& out) const {
  out.clear();
  const std::size_t n = size();
  if (k == 0 || n <= 1) return;
  k = std::min(k, n - 1);
  const double px = x_[i], py = y_[i];
  const auto [cx, cy] = bucket_of(px, py);
  // Grow square rings of buckets around the point's bucket. After ring `ring`, every point
  // within distance ring * bucket (measured from the point) has been seen, because the
  // point lies inside its own bucket.
  for (std::int64_t ring = 0;; ++ring) {
    const std::int64_t x0 = cx - ring, x1 = cx + ring, y0 = cy - ring, y1 = cy + ring;
    bool any_bucket = false;
    for (std::int64_t by = y0; by <= y1; ++by) {
      if (by < 0 || by >= nby_) continue;
      const bool edge_row = (by == y0 || by == y1);
      for (std::int64_t bx = x0; bx <= x1; bx += (edge_row ? 1 : std::max<std::int64_t>(1, x1 - x0))) {
        if (bx < 0 || bx >= nbx_) continue;
        any_bucket = true;
        const std::size_t b = static_cast<std::size_t>(by * nbx_ + bx);
        for (std::uint32_t s = start_[b]; s < start_[b + 1]; ++s) {
          const std::uint32_t j = items_[s];
          if (j == i) continue;
          const double dx = x_[j] - px, dy = y_[j] - py;
          out.emplace_back(dx * dx + dy * dy, j);
        }
      }
    }
    if (out.size() >= k) {
      std::sort(out.begin(), out.end());
      const double reach = static_cast<double>(ring) * bucket_;
      if (out[k - 1].first <= reach * reach) {
        out.resize(k);
        return;
      }
    }
    if (!any_bucket && ring > nbx_ + nby_) {  // searched everything
      std::sort(out.begin(), out.end());
      out.resize(std::min(out.size(), k));
      return;
    }
  }
}

}  // namespace kvo::engine
