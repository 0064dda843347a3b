#pragma once
// Sparse spatial weights in CSR form: fixed distance band, k nearest neighbours and queen
// contiguity of polygons, built with spatial indexes (never n² pair tests).

#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"

namespace kvo::engine {

/// Spatial weights as a CSR matrix. Row i lists the neighbours of observation i in
/// ascending order; the diagonal (self) is never stored: statistics that need a self
/// weight (Gi*) add it themselves.
struct SpatialWeights {
  std::vector<std::int64_t> row_offsets{0};  ///< n + 1 offsets into columns/values
  std::vector<std::int32_t> columns;         ///< neighbour indices, ascending within a row
  std::vector<double> values;                ///< weight per entry; empty = binary (every weight 1)

  /// Number of observations (rows).
  [[nodiscard]] std::size_t size() const { return row_offsets.size() - 1; }
  /// Number of stored links (non-zero off-diagonal entries).
  [[nodiscard]] std::size_t links() const { return columns.size(); }
  /// Number of neighbours of observation i.
  [[nodiscard]] std::size_t neighbours(std::size_t i) const {
    return static_cast<std::size_t>(row_offsets[i + 1] - row_offsets[i]);
  }
  /// True when every weight is 1 (values not stored).
  [[nodiscard]] bool binary() const { return values.empty(); }
  /// Weight of entry e (1 for binary weights).
  [[nodiscard]] double value(std::size_t e) const { return values.empty() ? 1.0 : values[e]; }
};

/// Rows without any neighbour (islands), ascending.
std::vector<std::int32_t> islands(const SpatialWeights& weights);

/// Options of distance_band_weights.
struct DistanceBandOptions {
  double distance_m = 0.0;  ///< band d, metres: j is a neighbour of i when |p_i − p_j| ≤ d (required, > 0)
  unsigned threads = 0;     ///< worker threads; 0 = all cores; results do not depend on it
};

/// Binary fixed-distance-band weights (w_ij = 1 when the distance is at most d, as ArcGIS,
/// libpysal DistanceBand and spdep dnearneigh(0, d)); distances within 1e-9 × d above the
/// band still count, so lattice round-off cannot drop a neighbour. Uses a bucket index with
/// buckets of side d: O(n × neighbours). Throws std::invalid_argument on a bad band.
SpatialWeights distance_band_weights(std::span<const double> x, std::span<const double> y,
                                     const DistanceBandOptions& options);

/// Options of knn_weights.
struct KnnOptions {
  int k = 8;             ///< neighbours per observation (default 8, ArcGIS's default)
  unsigned threads = 0;  ///< worker threads; 0 = all cores; results do not depend on it
};

/// Binary k-nearest-neighbour weights (not symmetric). Ties at the k-th distance are broken
/// by the lower observation index, so the result is deterministic.
SpatialWeights knn_weights(std::span<const double> x, std::span<const double> y, const KnnOptions& options);

/// Options of queen_weights.
struct QueenOptions {
  double tolerance_m = 0.001;  ///< boundary points closer than this count as shared, metres (default 1 mm)
};

/// Binary queen contiguity of polygons: i and j are neighbours when their boundaries share
/// at least one point (a vertex, or a vertex lying on the other's edge) within the
/// tolerance. Meant for a partition (non-overlapping areas). Built with an R-tree on the
/// boundary segments; symmetric.
SpatialWeights queen_weights(std::span<const MultiPolygon> polygons, const QueenOptions& options = {});

/// Row-standardised copy: w_ij / Σ_j w_ij (islands stay empty).
SpatialWeights row_standardised(const SpatialWeights& weights);

/// Distance from every point to its nearest other point, metres (infinity when alone).
std::vector<double> nearest_neighbour_distances(std::span<const double> x, std::span<const double> y,
                                                unsigned threads = 0);

/// Distance from every point to its k-th nearest other point, metres (infinity when there
/// are fewer than k others).
std::vector<double> kth_neighbour_distances(std::span<const double> x, std::span<const double> y, int k,
                                            unsigned threads = 0);

}  // namespace kvo::engine
