#pragma once
// Kernel density estimation of incident points onto a raster (ArcGIS Kernel Density,
// QGIS Heatmap, CrimeStat single KDE), exact to the published formulas. See
// docs/density.md for the method, units and conventions.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/incident_set.hpp"
#include "engine/progress.hpp"
#include "engine/raster.hpp"

namespace kvo::engine {

/// Kernel shape. Every kernel has support d < r (r = bandwidth_m) and integrates to 1
/// over the plane, so a surface integrates to the (weighted) number of incidents.
enum class Kernel : std::uint8_t {
  quartic,       ///< 3/(π r²) (1 − d²/r²)²  (biweight; docs/contract/SPEC.md §4, ArcGIS, QGIS default)
  triangular,    ///< 3/(π r²) (1 − d/r)
  epanechnikov,  ///< 2/(π r²) (1 − d²/r²)
  uniform,       ///< 1/(π r²)
  gaussian,      ///< σ = r/3, truncated at r = 3σ, renormalised over the disc
};

/// Kernel names as written in specs and manifests.
std::string_view kernel_name(Kernel kernel);
/// Kernel from its name ("quartic", "triangular", "epanechnikov", "uniform", "gaussian").
std::optional<Kernel> kernel_from_name(std::string_view name);

/// Kernel value K(d) in 1/m² at distance `distance_m` for radius `bandwidth_m`; 0 when d ≥ r.
double kernel_value(Kernel kernel, double distance_m, double bandwidth_m);

/// Incident locations (metres) and optional weights, as spans over caller-owned columns.
struct KdePoints {
  std::span<const double> x;      ///< easting, metres
  std::span<const double> y;      ///< northing, metres, same length as x
  std::span<const float> weight;  ///< weight per point; empty = 1 for every point
};

/// The points of an IncidentSet with their weights (spans into its columns).
KdePoints kde_points(const IncidentSet& incidents);

/// The ArcGIS default search radius and the quantities it is built from.
struct AutoBandwidth {
  double bandwidth_m = 0.0;          ///< 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−0.2); 0 = undefined
  double standard_distance_m = 0.0;  ///< SD = √(Σw(x−x̄)²/Σw + Σw(y−ȳ)²/Σw)
  double median_distance_m = 0.0;    ///< Dm, weighted median distance to the weighted mean centre
  double n = 0.0;                    ///< Σw (the number of points when unweighted)
  double mean_x = 0.0;               ///< weighted mean centre x, metres
  double mean_y = 0.0;               ///< weighted mean centre y, metres
};

/// ArcGIS Kernel Density's default radius (docs/contract/SPEC.md §4). The bandwidth is 0 (undefined)
/// when Σw ≤ 0 or the formula gives 0 (all points at one spot, or more than half the
/// weight at the mean centre). Negative weights count as 0.
AutoBandwidth auto_bandwidth(const KdePoints& points);

/// Options of compute_kde.
struct KdeOptions {
  Kernel kernel = Kernel::quartic;  ///< kernel shape, default quartic
  double bandwidth_m = 0.0;         ///< search radius r in metres; 0 = auto (ArcGIS rule)
  double cell_size_m = 10.0;        ///< raster cell side, metres
  double origin_x = 0.0;            ///< grid alignment: cell edges lie on origin_x + k·cell, metres
  double origin_y = 0.0;            ///< grid alignment: cell edges lie on origin_y + k·cell, metres
  double years = 1.0;               ///< exposure in years; values are per year
  int threads = 0;                  ///< worker threads; 0 = all cores; results do not depend on it
  Envelope extent;                  ///< area to cover (snapped outward); empty = points + r
  RasterGrid grid{0.0, 0.0, 0.0, 0, 0};  ///< explicit grid; when it has cells it replaces extent/cell/origin
};

/// A density raster and how it was made.
struct KdeResult {
  Raster raster;             ///< incidents per hectare per year at cell centres (no nodata)
  double bandwidth_m = 0.0;  ///< the radius used, metres
  bool bandwidth_auto = false;  ///< true when bandwidth_m came from the ArcGIS rule
  double total_weight = 0.0;    ///< Σw of the points (n when unweighted)
  bool cancelled = false;       ///< progress asked to stop; raster is then empty
};

/// Kernel density of `points` on options.grid, or else on aligned_grid(options.extent),
/// in incidents per hectare per year: Σ w K(d) · 10 000 / years with K in 1/m². Throws
/// std::invalid_argument when the bandwidth is negative or auto and undefined, the cell
/// size or years are not positive, or there is no extent and no point.
KdeResult compute_kde(const KdePoints& points, const KdeOptions& options, const Progress& progress = {});

/// The fast path behind compute_kde: Σ w K(d) in 1/m² (double) at every cell centre of
/// `grid`, row-major. Each point only visits the cells within r. Returns an empty vector
/// when `progress` asks to stop. Results are bit-identical for every `threads` value.
std::vector<double> kde_density_m2(const KdePoints& points, const RasterGrid& grid, Kernel kernel,
                                   double bandwidth_m, int threads = 0, const Progress& progress = {});

/// CrimeStat's dual-KDE difference: follow-up minus baseline, cell by cell, on identical
/// grids (throws std::invalid_argument otherwise). A cell that is nodata in either input is
/// nodata (the baseline's nodata value) in the result.
Raster compute_density_change(const Raster& baseline, const Raster& followup);

}  // namespace kvo::engine
