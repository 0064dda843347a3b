#pragma once
// Emerging hot spot analysis (ArcGIS "How Emerging Hot Spot Analysis works"; R sfdep
// `emerging_hotspot_analysis`): a space-time Getis-Ord Gi* per bin of a cube of counts
// (cells × time steps), a Mann–Kendall trend of each cell's Gi* z series, and one of 17
// categories per cell. Definitions and every interpretation choice: docs/emerging.md.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/progress.hpp"
#include "engine/spatial_weights.hpp"
#include "engine/trend.hpp"

namespace kvo::engine {

/// The 17 emerging hot spot categories of ArcGIS, in ArcGIS's order.
enum class EmergingCategory : std::uint8_t {
  no_pattern,
  new_hot,
  consecutive_hot,
  intensifying_hot,
  persistent_hot,
  diminishing_hot,
  sporadic_hot,
  oscillating_hot,
  historical_hot,
  new_cold,
  consecutive_cold,
  intensifying_cold,
  persistent_cold,
  diminishing_cold,
  sporadic_cold,
  oscillating_cold,
  historical_cold,
};

/// Number of categories (17).
inline constexpr std::size_t kEmergingCategoryCount = 17;

/// Name written to outputs: `no_pattern`, `new_hot_spot`, `consecutive_hot_spot`, …,
/// `historical_cold_spot` (snake case of ArcGIS's pattern names).
std::string_view emerging_category_name(EmergingCategory category);

/// Memory layout of the cube of counts.
enum class CubeLayout : std::uint8_t {
  cell_major,  ///< value(cell, step) = counts[cell * n_steps + step]: one time series per row
  step_major,  ///< value(cell, step) = counts[step * n_cells + cell]: one time slice per row
};

/// Options of emerging_hotspots.
struct EmergingOptions {
  /// Neighbourhood time steps k (ArcGIS "Neighborhood Time Step", sfdep `k`, default 1): the
  /// space-time neighbourhood of bin (i, t) is the spatial neighbourhood of i (self included)
  /// in steps t − k .. t; steps before the first are absent. 0 = each time slice on its own.
  int time_window = 1;
  double alpha = 0.05;        ///< a bin is a significant hot/cold spot when p < alpha (p <= BH threshold with fdr)
  /// Benjamini–Hochberg over all defined bins of the cube at level alpha; default on, as
  /// ArcGIS Pro's Emerging Hot Spot Analysis computes the bins' Gi* "using an FDR correction".
  bool fdr = true;
  double trend_alpha = 0.05;  ///< Mann–Kendall p below which a z series has a significant trend
  unsigned threads = 0;       ///< worker threads; 0 = all cores; results do not depend on it
};

/// Per-cell outcome of the classification.
struct EmergingCell {
  EmergingCategory category = EmergingCategory::no_pattern;
  TrendResult trend;           ///< Mann–Kendall of the cell's z series (S, Var S, z, p, τ, Sen's slope)
  std::int32_t hot_bins = 0;   ///< significant hot bins (significance +1)
  std::int32_t cold_bins = 0;  ///< significant cold bins (significance −1)
};

/// Result of emerging_hotspots. Per-bin vectors are cell-major: index cell * n_steps + step.
struct EmergingResult {
  std::size_t n_cells = 0, n_steps = 0;
  std::vector<double> z;                  ///< space-time Gi* z per bin; NaN when undefined (see docs)
  std::vector<double> p;                  ///< two-sided normal p per bin; NaN when undefined
  std::vector<std::int8_t> significance;  ///< +1 significant hot, −1 significant cold, 0 otherwise
  std::vector<std::int8_t> bin;           ///< ±3/±2/±1 at 99/95/90 % (BH-adjusted with fdr), as Gi*
  std::vector<EmergingCell> cells;        ///< per cell: category, trend, hot and cold bin counts
  std::vector<std::size_t> category_counts = std::vector<std::size_t>(kEmergingCategoryCount, 0);
  double threshold = 0.05;         ///< p threshold used for significance (BH threshold with fdr)
  double mean = 0.0;               ///< x̄ over all bins of the cube
  double sd = 0.0;                 ///< S = √(Σ(x − x̄)²/n) over all bins
  bool constant = false;           ///< every bin equal (S = 0): all z 0, p 1, nothing significant
  std::size_t undefined_bins = 0;  ///< bins whose neighbourhood is the bin alone (z, p NaN)
  TrendResult count_trend;         ///< Mann–Kendall of the cube's total count per time step
  bool cancelled = false;          ///< progress asked to stop; vectors are then empty
};

/// Emerging hot spot analysis of a cube of `n_cells` × `n_steps` counts laid out as `layout`,
/// with `weights` the spatial weights among the cells (the CSR without self, as every kvo
/// weight; the self weight 1 is added, as compute_gi_star does). For each bin b = (i, t) with
/// space-time neighbourhood N(b) = {(j, s): j = i or w_ij ≠ 0, max(0, t − k) ≤ s ≤ t} and
/// weights w_(j,s) = w_ij (1 for j = i), over all n = n_cells·n_steps bins:
///   z_b = (Σ w x − x̄ W_b) / (S √((n S1_b − W_b²)/(n − 1))),  W_b = Σ w, S1_b = Σ w²,
/// p_b = 2(1 − Φ(|z_b|)); then per cell the Mann–Kendall test of z over the steps and the
/// category of classify_emerging. Throws std::invalid_argument on inconsistent sizes or a
/// negative time_window.
EmergingResult emerging_hotspots(std::span<const double> counts, std::size_t n_cells, std::size_t n_steps,
                                 CubeLayout layout, const SpatialWeights& weights, const EmergingOptions& options = {},
                                 const Progress& progress = {});

/// The category of one cell from its per-step significance (+1 hot, −1 cold, 0 not
/// significant, oldest first; only the sign is read, so Gi* bins ±3/±2/±1 work too) and the Mann–Kendall result of its
/// z series, by the rules of docs/emerging.md (ArcGIS's definitions with a fixed order of precedence).
EmergingCategory classify_emerging(std::span<const std::int8_t> significance, const TrendResult& z_trend,
                                   double trend_alpha = 0.05);

/// classify_emerging with the Mann–Kendall test of `z` (same length as `significance`, NaN
/// skipped) computed here; also fills the hot and cold bin counts.
EmergingCell classify_emerging_series(std::span<const std::int8_t> significance, std::span<const double> z,
                                      double trend_alpha = 0.05);

}  // namespace kvo::engine
