#include "pipeline/compute_spatial.hpp"

#include <cmath>

#include "engine/grid_extent.hpp"
#include "io/core/errors.hpp"
#include "pipeline/cell_budget.hpp"

namespace kvo::cli {

namespace {

// The KVO areas of `[grid] extent = "kvo"`: every area whose kind starts with "kvo_".
std::vector<engine::MultiPolygon> kvo_areas(const io::AreaTable& areas) {
  std::vector<engine::MultiPolygon> out;
  for (std::size_t i = 0; i < areas.size(); ++i)
    if (areas.kind[i].rfind("kvo_", 0) == 0) out.push_back(areas.areas.geometry[i]);
  if (out.empty())
    throw io::ConfigError(
        "grid.extent = \"kvo\" needs KVO areas, but no area has a kind starting with \"kvo_\" "
        "(set kind = \"kvo_area\" or a kind_field in the [[areas]] table of the KVO areas)");
  return out;
}

// Which period × theme got hotspot rows, and the incident counts behind the decision.
nlohmann::json hotspot_themes(const engine::ThemeCounts& counts, const std::array<bool, engine::kPeriodCount>& present,
                              std::size_t minimum, std::vector<std::string>& warnings) {
  nlohmann::json out = nlohmann::json::object();
  std::array<std::array<bool, engine::kThemeCount + 1>, engine::kPeriodCount> analysed{};
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    if (!present[p]) continue;
    nlohmann::json period{{"analysed", nlohmann::json::object()}, {"too_few", nlohmann::json::object()}};
    for (std::size_t t = 0; t <= engine::kThemeCount; ++t) {
      const auto n = counts[p][t];
      if (n == 0) continue;
      analysed[p][t] = n >= minimum;
      period[analysed[p][t] ? "analysed" : "too_few"]
            [std::string(engine::theme_name(static_cast<engine::ThemeId>(t)))] = n;
    }
    out[std::string(engine::kPeriodNames[p])] = period;
  }
  if (present[0] && present[1])
    for (std::size_t t = 0; t <= engine::kThemeCount; ++t)
      if (analysed[0][t] != analysed[1][t])
        warnings.push_back("hotspots: theme " + std::string(engine::theme_name(static_cast<engine::ThemeId>(t))) +
                           " has " + std::to_string(counts[0][t]) + " incidents in the baseline and " +
                           std::to_string(counts[1][t]) + " in the follow-up; with fewer than " +
                           std::to_string(minimum) +
                           " in a period it is analysed in one period only and has no cell_change rows");
  return out;
}

}  // namespace

engine::SpatialWeights hotspot_weights(const engine::Grid& grid, const HotspotMethod& hs, unsigned threads) {
  if (hs.weights == io::WeightsKind::knn) {
    engine::KnnOptions ko;
    ko.k = hs.k;
    ko.threads = threads;
    return engine::knn_weights(grid.centre_x, grid.centre_y, ko);
  }
  engine::DistanceBandOptions dbo;
  dbo.distance_m = hs.distance_m;
  dbo.threads = threads;
  return engine::distance_band_weights(grid.centre_x, grid.centre_y, dbo);
}

void compute_hotspots(const Inputs& in, const MethodRecord& m, unsigned threads, const engine::Progress& progress,
                      Results& r) {
  const auto& inc = in.table.incidents;
  const HotspotMethod& hs = m.hotspots;
  // "kvo": the grid over all areas first (the band was found on it, so it does not depend
  // on the KVO areas), then cut down to the KVO cells and their neighbourhoods.
  const auto kvo_core = hs.extent == io::GridExtent::kvo ? kvo_areas(in.areas) : std::vector<engine::MultiPolygon>{};
  Lattice lattice = build_lattice(in, hs, threads);
  if (hs.extent == io::GridExtent::incidents && lattice.grid.size() > static_cast<std::size_t>(kMaxHotspotCells))
    throw io::ConfigError("the sparse hotspot grid has " + std::to_string(lattice.grid.size()) + " cells of " +
                              std::to_string(static_cast<long long>(hs.lattice.cell_size_m)) +
                              " m, more than the budget of " + std::to_string(kMaxHotspotCells) +
                              "; set [grid] cell_size larger or [hotspots] distance smaller",
                          io::at(in.spec.spec_path.string(), 0, "grid.cell_size"));
  if (lattice.grid.size() < 3) {
    r.warnings.push_back("the grid has fewer than 3 cells; no hotspot analysis");
    return;
  }
  engine::SpatialWeights weights = hotspot_weights(lattice.grid, hs, threads);
  const std::size_t cells_all_areas = lattice.grid.size();
  if (!kvo_core.empty()) {
    lattice.grid =
        engine::restrict_grid(lattice.grid, engine::core_and_neighbour_cells(lattice.grid, kvo_core, weights));
    lattice.cell_of = engine::assign_cells(lattice.grid, inc.x, inc.y, threads);
    if (lattice.grid.size() < 3) {
      r.warnings.push_back("the grid over the KVO areas has fewer than 3 cells; no hotspot analysis");
      return;
    }
    weights = hotspot_weights(lattice.grid, hs, threads);
  }
  const std::size_t n_cells = lattice.grid.size();
  const auto isolated = engine::islands(weights);
  if (!isolated.empty())
    r.warnings.push_back(std::to_string(isolated.size()) + " of " + std::to_string(n_cells) +
                         " cells have no neighbour within the distance band; they get no z-score");

  engine::HotspotCellsOptions hco;
  // As ArcGIS Optimized Hot Spot Analysis (30 features), per period; and no hot spot on a
  // neighbourhood with fewer incidents than min_neighbourhood_count (docs/hotspots.md).
  hco.min_incidents = hs.min_incidents;
  hco.gi.min_local_count = hs.min_neighbourhood_count;
  hco.gi.fdr = hs.fdr;
  hco.gi.threads = threads;
  hco.lm.permutations = hs.permutations;
  hco.lm.seed = hs.seed;
  hco.lm.threads = threads;
  const std::array<bool, engine::kPeriodCount> present{m.periods.present[0], m.periods.present[1]};
  r.hotspots = engine::compute_hotspot_layers(lattice.grid, lattice.cell_of, inc, weights, present, hco, progress);
  HotspotRecord& record = r.hotspot_record;
  record.ran = true;
  record.cells = n_cells;
  record.cells_over_all_areas = cells_all_areas;
  record.islands = isolated.size();
  record.themes =
      hotspot_themes(engine::count_themes_in_grid(lattice.cell_of, inc), present, hco.min_incidents, r.warnings);
  for (const auto& layer : r.hotspots) record.held_back_cells += layer.gi.held_back;

  if (present[0] && present[1])
    r.cell_changes = engine::compute_cell_changes(r.hotspots, weights, m.periods.range[0].years(),
                                                  m.periods.range[1].years(), m.compare);
  r.grid = std::move(lattice.grid);
}

void compute_density(const Inputs& in, const MethodRecord& m, unsigned threads, const engine::Progress& progress,
                     Results& r) {
  const DensityMethod& dm = m.density;
  engine::DensityOptions opt;
  opt.kde.kernel = dm.kernel;
  opt.kde.bandwidth_m = dm.bandwidth_m;
  opt.kde.cell_size_m = dm.cell_size_m;
  opt.kde.origin_x = dm.origin_x;
  opt.kde.origin_y = dm.origin_y;
  opt.kde.threads = static_cast<int>(threads);
  opt.per_theme = dm.per_theme;
  try {
    r.density = engine::compute_density_surfaces(in.table.incidents, in.areas.areas, m.periods, opt, progress);
  } catch (const std::invalid_argument& e) {
    r.warnings.push_back(std::string("no density surface: ") + e.what());
    return;
  }
  r.density_ran = true;
}

}  // namespace kvo::cli
