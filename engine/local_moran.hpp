#pragma once
// Anselin's local Moran's I (ArcGIS "Cluster and Outlier Analysis"), docs/contract/SPEC.md §4, with
// analytic moments and conditional permutation inference.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/progress.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

/// Cluster type of a local Moran result; the numbers are esda's quadrants q (1 HH, 2 LH,
/// 3 LL, 4 HL), ns = not significant (or island).
enum class LmCluster : std::uint8_t { ns = 0, hh = 1, lh = 2, ll = 3, hl = 4 };

/// Name written to outputs: "HH", "LH", "LL", "HL" or "ns".
std::string_view lm_cluster_name(LmCluster cluster);

/// Options of compute_local_moran.
struct LocalMoranOptions {
  std::uint32_t permutations = 999;  ///< conditional permutations R (default 999); 0 = analytic only
  std::uint64_t seed = 20240101;     ///< seed of the std::mt19937_64 permutation stream
  double alpha = 0.05;               ///< cluster when the pseudo p-value is <= alpha (default 0.05)
  unsigned threads = 0;              ///< worker threads; 0 = all cores; results do not depend on it
};

/// Local Moran's I per observation. Islands have NaN statistics and cluster ns.
struct LocalMoranResult {
  std::vector<double> i;                     ///< I_i = (z_i/m2) Σ_j w_ij z_j, row-standardised w
  std::vector<double> lag;                   ///< Σ_j w_ij z_j, the spatial lag of z (row-standardised)
  std::vector<double> expected;              ///< E[I_i] under total randomisation, −w_i/(n − 1)
  std::vector<double> variance;              ///< Var[I_i] under total randomisation (Anselin 1995)
  std::vector<double> z;                     ///< (I_i − E[I_i]) / √Var[I_i]
  std::vector<double> p_norm;                ///< two-sided normal p-value of z
  std::vector<double> expected_conditional;  ///< E[I_i] under conditional permutation (Sokal et al. 1998)
  std::vector<double> variance_conditional;  ///< Var[I_i] under conditional permutation
  std::vector<double> p_sim;                 ///< folded pseudo p-value (M + 1)/(R + 1); NaN without permutations
  std::vector<std::uint8_t> quadrant;        ///< esda quadrant 1 HH, 2 LH, 3 LL, 4 HL; 0 for an island
  std::vector<LmCluster> cluster;            ///< quadrant when p <= alpha, else ns
  std::size_t islands = 0;                   ///< observations without neighbours
  bool constant = false;                     ///< every value equal: I 0, p 1, all ns
  bool cancelled = false;                    ///< progress asked to stop; vectors are then empty
};

/// Local Moran's I of `values` under `weights` (row-standardised here; the diagonal is
/// never used). With z = x − x̄ and m2 = Σz²/n, I_i = (z_i/m2) Σ_j w_ij z_j. Inference by
/// conditional permutation: the neighbours' values are replaced R times by values drawn
/// without replacement from the other n − 1 observations; M counts the permuted I_i at
/// least as large as the observed one, folded to the smaller tail as esda does (ties count
/// in both tails), p_sim = (M + 1)/(R + 1). The draws are shared by all observations (as
/// esda's crand does); see docs/hotspots.md. Throws std::invalid_argument on size mismatch.
LocalMoranResult compute_local_moran(std::span<const double> values, const SpatialWeights& weights,
                                     const LocalMoranOptions& options = {}, const Progress& progress = {});

}  // namespace kvo::engine
