#pragma once
// A uniform-grid (bucket) index over points for fixed-radius and nearest-neighbour queries:
// O(n) to build, each query visits only the buckets its search circle overlaps.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kvo::engine {

/// Bucket index over points (metres). Buckets are squares of side bucket_m(); within a
/// bucket, points are stored by ascending index, so every query is deterministic.
class PointIndex {
 public:
  /// Builds the index over (x[i], y[i]); the spans must outlive the index. `bucket_m` is the
  /// bucket side in metres (enlarged when needed to keep the bucket count at most ~4 n).
  PointIndex(std::span<const double> x, std::span<const double> y, double bucket_m);

  /// Number of points.
  [[nodiscard]] std::size_t size() const { return x_.size(); }
  /// Bucket side, metres.
  [[nodiscard]] double bucket_m() const { return bucket_; }

  /// Calls f(j, d2) for every point j != i with squared distance d2 <= r2 from point i
  /// (r2 = radius², m²), in bucket order.
  template <class F>
  void for_each_within(std::size_t i, double r2, double radius_m, F&& f) const {
    const double px = x_[i], py = y_[i];
    const auto [bx0, by0] = bucket_of(px - radius_m, py - radius_m);
    const auto [bx1, by1] = bucket_of(px + radius_m, py + radius_m);
    for (std::int64_t by = by0; by <= by1; ++by)
      for (std::int64_t bx = bx0; bx <= bx1; ++bx) {
        const std::size_t b = static_cast<std::size_t>(by * nbx_ + bx);
        for (std::uint32_t s = start_[b]; s < start_[b + 1]; ++s) {
          const std::uint32_t j = items_[s];
          if (j == i) continue;
          const double dx = x_[j] - px, dy = y_[j] - py;
          const double d2 = dx * dx + dy * dy;
          if (d2 <= r2) f(j, d2);
        }
      }
  }

  /// The k nearest other points of point i, as (squared distance, index) sorted ascending
  /// with ties broken by the lower index; fewer than k when the set is smaller. `out` is
  /// reused scratch space.
  void nearest(std::size_t i, std::size_t k, std::vector<std::pair<double, std::uint32_t>>& out) const;

 private:
  [[nodiscard]] std::pair<std::int64_t, std::int64_t> bucket_of(double px, double py) const;

  std::span<const double> x_, y_;
  double bucket_ = 1.0;
  double min_x_ = 0.0, min_y_ = 0.0;
  std::int64_t nbx_ = 1, nby_ = 1;
  std::vector<std::uint32_t> start_;  // CSR offsets per bucket (nbx * nby + 1)
  std::vector<std::uint32_t> items_;  // point indices, bucket-major, ascending within a bucket
};

}  // namespace kvo::engine
