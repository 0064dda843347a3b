#pragma once
// Hotspot statistics for every period × theme on one grid (the `hotspot_cells` layer) and
// the change per cell between the periods (the `cell_change` layer).

#include <array>
#include <cstdint>
#include <span>
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
  std::size_t min_incidents = 1;  ///< a period × theme with fewer incidents in the grid is skipped
};

/// Incidents per period × ThemeId inside the grid's cells, unweighted; [p][kThemeAll] is the
/// period's total.
using ThemeCounts = std::array<std::array<std::size_t, kThemeCount + 1>, kPeriodCount>;
/// Counts the incidents with `cell_of` >= 0 per period × theme (and their total).
ThemeCounts count_themes_in_grid(std::span<const std::int32_t> cell_of, const IncidentSet& incidents);

/// One HotspotLayer per present period × theme with at least `min_incidents` incidents in
/// that period (`all` first, then the themes in order): the minimum holds per period, so a
/// theme can be analysed in one period and not in the other. `cell_of` is assign_cells'
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

/// Pairs the baseline and follow-up layers of each theme analysed in both periods (a theme
/// missing in either has no change layer: no class may pretend a pattern that was not
/// analysed) and classifies
/// every cell (docs/comparison.md). "Significantly more/fewer incidents" is tested on the
/// cell's Gi* neighbourhood (the cell and its neighbours under `weights`, the sum Gi*
/// itself is built on), not on the single cell: a hot spot is a neighbourhood. BH q over
/// every tested row of the layer. Exposures in years.
std::vector<CellChangeLayer> compute_cell_changes(const std::vector<HotspotLayer>& layers, const SpatialWeights& weights,
                                                  double years_baseline, double years_followup,
                                                  const RateCompareOptions& compare = {},
                                                  const HotspotChangeOptions& options = {});

}  // namespace kvo::engine
