#pragma once
// The density rasters of a run: one per period (all themes, and per theme on request) and
// the dual-KDE change, on one grid aligned to the analysis grid, nodata outside the areas.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/area_stats.hpp"
#include "engine/geometry.hpp"
#include "engine/incident_set.hpp"
#include "engine/kde.hpp"
#include "engine/progress.hpp"
#include "engine/raster.hpp"

namespace kvo::engine {

/// Options of compute_density_surfaces.
struct DensityOptions {
  /// Kernel, bandwidth (0 = auto), cell size, grid alignment and threads; `years`,
  /// `extent` and `grid` are ignored (each period's own length; the areas' envelope).
  KdeOptions kde;
  bool per_theme = false;  ///< also one raster per theme (themes with incidents only)
};

/// What a density layer holds.
enum class DensityKind : std::uint8_t {
  period,  ///< incidents per hectare per year in one period
  change,  ///< follow-up minus baseline, incidents per hectare per year
};

/// One density raster.
struct DensityLayer {
  std::string name;                     ///< density_baseline | density_followup | density_change, + "_<theme>" per theme
  DensityKind kind = DensityKind::period;  ///< period surface or change
  PeriodId period = PeriodId::baseline; ///< the period (kind == period only)
  ThemeId theme = kThemeAll;            ///< kThemeAll for all themes together
  double incidents = 0.0;               ///< Σw of the incidents used (0 for a change layer)
  Raster raster;                        ///< Float32 values, nodata outside every area
};

/// All density rasters of a run.
struct DensitySurfaces {
  double bandwidth_m = 0.0;     ///< the radius used for every layer, metres
  bool bandwidth_auto = false;  ///< the radius came from the ArcGIS rule
  RasterGrid grid;              ///< the grid every layer shares
  std::vector<DensityLayer> layers;  ///< all-theme layers first (baseline, follow-up, change), then per theme
  bool cancelled = false;       ///< progress asked to stop; layers are then incomplete
};

/// The automatic radius of compute_density_surfaces: the ArcGIS rule on the incidents of
/// the first present period (baseline before follow-up) for which it is defined, all
/// themes together; 0 when it is defined for none. With a non-empty `within`, only the
/// incidents inside it count (the study areas' envelope: a national export must not set
/// the radius of a local analysis).
double density_auto_bandwidth(const IncidentSet& incidents, const PeriodSet& periods, const Envelope& within = {});

/// Density rasters for the present periods. Every layer uses one bandwidth (so the change
/// compares like with like); "auto" applies the ArcGIS rule to the incidents of the first
/// present period (baseline before follow-up) for which it is defined, all themes
/// together. The grid covers the envelope of all areas, snapped outward to the alignment;
/// incidents outside the areas still contribute. Throws std::invalid_argument when no
/// bandwidth can be found or an option is invalid.
DensitySurfaces compute_density_surfaces(const IncidentSet& incidents, const Areas& areas, const PeriodSet& periods,
                                         const DensityOptions& options, const Progress& progress = {});

}  // namespace kvo::engine
