#pragma once
// Hotspot statistics for every period × theme on one grid (the `hotspot_cells` layer) and
// the change per cell between the periods (the `cell_change` layer).

#include <cstdint>
#include <vector>

#include "engine/gistar.hpp"
#include "engine/grid.hpp"
#include "engine/hotspot_change.hpp"
#include "engine/local_moran.hpp"
#include "engine/progress.hpp"
#include "engine/rate_compare.hpp"
#include "engine/spatial_weights.hpp"

namespace kvo::engine {

/// Statistics of one period × theme over every cell of the grid.
struct HotspotLayer {
  PeriodId period = PeriodId::baseline;
  ThemeId theme = kThemeAll;
  std::vector<double> count;   ///< incidents per cell
  GiStarResult gi;             ///< Getis-Ord Gi*
  LocalMoranResult lm;         ///< Anselin local Moran's I
};

/// Options of compute_hotspot_layers.
struct HotspotCellsOptions {
  GiStarOptions gi;            ///< Gi* options (fdr, threads)
  LocalMoranOptions lm;        ///< local Moran options (permutations, seed, threads)
  std::size_t min_incidents = 1;  ///< themes with fewer incidents (all periods) are skipped
};

/// One HotspotLayer per present period × theme (`all` first, then every theme with at
/// least `min_incidents` incidents over the present periods). `cell_of` is assign_cells'
/// result.
std::vector<HotspotLayer> compute_hotspot_layers(const Grid& grid, std::span<const std::int32_t> cell_of,
                                                 const IncidentSet& incidents, const SpatialWeights& weights,
                                                 const std::array<bool, kPeriodCount>& present,
                                                 const HotspotCellsOptions& options = {},
                                                 const Progress& progress = {});

/// Change of one theme per cell between baseline and follow-up.
struct CellChangeLayer {
  ThemeId theme = kThemeAll;
  std::vector<std::int8_t> bin_baseline, bin_followup;
  std::vector<std::int64_t> cell_baseline, cell_followup;  ///< incidents in the cell itself
  RateComparison counts;       ///< comparison of the Gi* neighbourhood counts (cell + neighbours)
  std::vector<CellChange> change;
};

/// Pairs the baseline and follow-up layers of each theme present in both and classifies
/// every cell (docs/comparison.md). "Significantly more/fewer incidents" is tested on the
/// cell's Gi* neighbourhood (the cell and its neighbours under `weights`, the sum Gi*
/// itself is built on), not on the single cell: a hot spot is a neighbourhood. BH q over
/// every tested row of the layer. Exposures in years.
std::vector<CellChangeLayer> compute_cell_changes(const std::vector<HotspotLayer>& layers, const SpatialWeights& weights,
                                                  double years_baseline, double years_followup,
                                                  const RateCompareOptions& compare = {},
                                                  const HotspotChangeOptions& options = {});

}  // namespace kvo::engine
