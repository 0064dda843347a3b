#pragma once
// Getis-Ord Gi* hot spot statistic (ArcGIS "Hot Spot Analysis"), docs/contract/SPEC.md §4.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/progress.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

/// Options of compute_gi_star.
struct GiStarOptions {
  bool fdr = false;      ///< Benjamini–Hochberg-adjusted bin thresholds (ArcGIS "Apply FDR"), default off
  unsigned threads = 0;  ///< worker threads; 0 = all cores; results do not depend on it
  /// Smallest neighbourhood count for a non-zero bin (0 = off, as ArcGIS): a hot bin needs the
  /// local sum Σ_j w_ij x_j (self included) >= this, a cold bin needs its expectation x̄ W_i
  /// >= this. z and p are not changed. See docs/hotspots.md.
  double min_local_count = 0.0;
};

/// Gi* per observation and the summary of the run.
struct GiStarResult {
  std::vector<double> z;         ///< Gi* z-score; NaN for an island, 0 when undefined (see docs)
  std::vector<double> p;         ///< two-sided normal p-value; NaN for an island
  std::vector<std::int8_t> bin;  ///< ±3/±2/±1 for 99/95/90 % confidence (sign of z), else 0
  std::size_t islands = 0;       ///< observations without neighbours (z, p NaN, bin 0)
  bool constant = false;         ///< every value equal (S = 0): all z 0, p 1, no hot spots
  double threshold_90 = 0.10;    ///< p threshold used for |bin| >= 1 (BH-adjusted with fdr)
  double threshold_95 = 0.05;    ///< p threshold used for |bin| >= 2
  double threshold_99 = 0.01;    ///< p threshold used for |bin| = 3
  bool cancelled = false;        ///< progress asked to stop; vectors are then empty
  std::size_t held_back = 0;     ///< cells significant by p but set to bin 0 by min_local_count
};

/// Getis-Ord Gi* of `values` under `weights` with the self weight w_ii = 1 added (the CSR
/// never stores the diagonal): with n observations, x̄ = Σx/n, S = √(Σx²/n − x̄²),
/// W_i = Σ_j w_ij, S1_i = Σ_j w_ij²,
/// z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n S1_i − W_i²)/(n − 1))), p = 2(1 − Φ(|z|)).
/// Without FDR, |bin| is 3, 2, 1 for p < 0.01, 0.05, 0.10; with FDR, for p <= the BH
/// threshold at those levels over all non-island p-values. Then, with min_local_count m > 0,
/// a positive bin needs Σ_j w_ij x_j >= m and a negative bin needs x̄ W_i >= m (else bin 0,
/// counted in held_back); the BH thresholds stay those of all cells. Throws
/// std::invalid_argument when the sizes of values and weights differ.
GiStarResult compute_gi_star(std::span<const double> values, const SpatialWeights& weights,
                             const GiStarOptions& options = {}, const Progress& progress = {});

/// Two-sided standard normal p-value 2(1 − Φ(|z|)) (NaN stays NaN).
double two_sided_normal_p(double z);

}  // namespace kvo::engine
