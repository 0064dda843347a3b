#pragma once
// The automatic distance band of the hot spot analysis (`[hotspots] distance = "auto"`):
// incremental spatial autocorrelation as in ArcGIS Optimized Hot Spot Analysis.

#include <span>
#include <vector>

namespace kvo::engine {

/// Options of auto_distance_band.
struct AutoDistanceOptions {
  int bands = 10;          ///< distance bands tested (default 10, as ArcGIS)
  int min_neighbours = 8;  ///< fallback: the band that gives every feature this many neighbours (default 8)
  double min_z = 1.96;     ///< a peak counts only when its Moran's I z-score exceeds this (default 1.96)
  unsigned threads = 0;    ///< worker threads; 0 = all cores; results do not depend on it
};

/// The chosen band and the evidence behind it.
struct AutoDistanceResult {
  double distance_m = 0.0;      ///< the band to use, metres: strictly between pair-distance shells
  double chosen_m = 0.0;        ///< the band the rule picked (a pair distance on a lattice)
  double next_pair_m = 0.0;     ///< smallest pair distance beyond chosen_m (infinity: none)
  bool peak_found = false;      ///< true: first significant peak; false: the min_neighbours fallback
  double start_m = 0.0;         ///< first band tested: every (non-outlier) feature has a neighbour
  double increment_m = 0.0;     ///< band step: mean nearest-neighbour distance (non-outliers)
  std::vector<double> band_m;   ///< bands tested, metres
  std::vector<double> moran_i;  ///< global Moran's I per band (binary weights)
  std::vector<double> moran_z;  ///< its z-score under randomisation (NaN when undefined)
};

/// Incremental spatial autocorrelation over `bands` distance bands start + b × increment,
/// where start is the largest nearest-neighbour distance and increment the mean one, both
/// ignoring locational outliers (nearest-neighbour distance above mean + 3 SD). The result
/// is the first band whose global Moran's I z-score is higher than at the bands on either
/// side and above min_z; without such a peak, the smallest distance at which every feature
/// has at least min_neighbours neighbours. That choice (`chosen_m`) usually is a pair
/// distance itself (on a lattice always), so `distance_m` is band_between_shells of it: the
/// same neighbour sets, given as a number every tool reads the same way. Throws
/// std::invalid_argument with fewer than three features or mismatched sizes.
AutoDistanceResult auto_distance_band(std::span<const double> x, std::span<const double> y,
                                      std::span<const double> values, const AutoDistanceOptions& options = {});

/// A band value with exactly the neighbour sets of distance_band_weights at `distance_m`
/// that lies clearly between pair distances ("shells"), so that tools comparing distances
/// in floating point (spdep, ArcGIS, GeoDa, libpysal) get the same sets from the printed
/// number. With d = distance_m and s = the smallest pair distance above d (beyond the
/// 1e-9 relative slack of distance_band_weights), the result is the first of ⌈d + 1 cm⌉ in
/// whole metres, then in decimetres, then in centimetres, that is at most s − 1 cm;
/// when the shells are closer than that, the midpoint (d + s)/2. `next_pair_m` receives s
/// (infinity when no pair is farther than d). Throws std::invalid_argument on a bad d.
double band_between_shells(std::span<const double> x, std::span<const double> y, double distance_m,
                           double* next_pair_m = nullptr, unsigned threads = 0);

/// Global Moran's I and its z-score under randomisation for binary symmetric weights given
/// by Σ_i z_i Σ_j w_ij z_j (`cross`), S0 = Σ k_i and Σ k_i² over n observations with
/// Σz² = `ss` and Σz⁴ = `s4` (z = x − x̄). Returns {I, z}; z is NaN when undefined.
std::pair<double, double> global_moran_binary(double cross, double s0, double sum_k2, double n, double ss, double s4);

}  // namespace kvo::engine
