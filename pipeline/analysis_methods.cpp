// The spatial methods of a run: the hotspot grid and weights, Gi* and local Moran per
// period × theme, kernel density, and the follow-up comparisons. "auto" method values are
// resolved here and written back into the spec, so the manifest holds the numbers used.

#include <cmath>

#include "engine/grid_extent.hpp"
#include "engine/hotspot_distance.hpp"
#include "io/core/errors.hpp"
#include "pipeline/analysis.hpp"

namespace kvo::cli {

namespace {

engine::Envelope areas_envelope(const io::AreaTable& areas) {
  engine::Envelope env;
  for (const auto& g : areas.areas.geometry) env.expand(engine::envelope_of(g));
  return env;
}

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

engine::SpatialWeights hotspot_weights(const engine::Grid& grid, const io::HotspotSpec& hs, unsigned threads) {
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

void compute_hotspots(Analysis& a, const RunOptions& options, ProgressPrinter& progress) {
  const auto& inc = a.table.incidents;
  io::GridSettings& gs = a.spec.grid;
  const auto shape = gs.shape;
  engine::GridSpec spec;
  if (gs.origin_x && gs.origin_y) {
    spec = {shape, gs.cell_size_m, *gs.origin_x, *gs.origin_y};
  } else {
    spec = engine::make_grid_spec(shape, gs.cell_size_m, areas_envelope(a.areas));
    gs.origin_x = spec.origin_x;
    gs.origin_y = spec.origin_y;
  }
  engine::GridOptions grid_options;
  grid_options.extent =
      gs.extent == io::GridExtent::bbox ? engine::StudyExtent::bounding_box : engine::StudyExtent::areas;
  // "kvo": the grid over all areas first (the automatic band is found on it, so it does not
  // depend on the KVO areas), then cut down to the KVO cells and their neighbourhoods.
  const auto kvo_core = gs.extent == io::GridExtent::kvo ? kvo_areas(a.areas) : std::vector<engine::MultiPolygon>{};
  a.grid = engine::build_grid(spec, a.areas.areas.geometry, grid_options);
  a.cell_of = engine::assign_cells(a.grid, inc.x, inc.y, options.threads);
  if (a.grid.size() < 3) {
    a.warnings.push_back("the grid has fewer than 3 cells; no hotspot analysis");
    return;
  }

  io::HotspotSpec& hs = a.spec.hotspots;
  const auto first_period = a.spec.periods[0].present ? engine::PeriodId::baseline : engine::PeriodId::followup;
  if (hs.weights == io::WeightsKind::distance_band && hs.distance_m <= 0) {
    const auto counts = engine::count_cells(a.grid, a.cell_of, inc, first_period, engine::kThemeAll);
    engine::AutoDistanceOptions ado;
    ado.threads = options.threads;
    const auto chosen = engine::auto_distance_band(a.grid.centre_x, a.grid.centre_y, counts, ado);
    hs.distance_m = chosen.distance_m;
    a.manifest["hotspot_distance"] = {
        {"distance_m", chosen.distance_m},
        {"rule",
         chosen.peak_found ? "first significant peak of global Moran's I z" : "every cell at least 8 neighbours"},
        {"chosen_m", chosen.chosen_m},
        {"next_pair_m",
         std::isfinite(chosen.next_pair_m) ? nlohmann::json(chosen.next_pair_m) : nlohmann::json(nullptr)},
        {"bands_m", chosen.band_m},
        {"moran_z", chosen.moran_z}};
  }
  engine::SpatialWeights weights = hotspot_weights(a.grid, hs, options.threads);
  const std::size_t cells_all_areas = a.grid.size();
  if (!kvo_core.empty()) {
    a.grid = engine::restrict_grid(a.grid, engine::core_and_neighbour_cells(a.grid, kvo_core, weights));
    a.cell_of = engine::assign_cells(a.grid, inc.x, inc.y, options.threads);
    if (a.grid.size() < 3) {
      a.warnings.push_back("the grid over the KVO areas has fewer than 3 cells; no hotspot analysis");
      return;
    }
    weights = hotspot_weights(a.grid, hs, options.threads);
  }
  const std::size_t n_cells = a.grid.size();
  const auto isolated = engine::islands(weights);
  if (!isolated.empty())
    a.warnings.push_back(std::to_string(isolated.size()) + " of " + std::to_string(n_cells) +
                         " cells have no neighbour within the distance band; they get no z-score");

  engine::HotspotCellsOptions hco;
  // As ArcGIS Optimized Hot Spot Analysis (30 features), per period; and no hot spot on a
  // neighbourhood with fewer incidents than min_neighbourhood_count (docs/hotspots.md).
  hco.min_incidents = static_cast<std::size_t>(hs.min_incidents);
  hco.gi.min_local_count = hs.min_neighbourhood_count;
  hco.gi.fdr = hs.fdr;
  hco.gi.threads = options.threads;
  hco.lm.permutations = static_cast<std::uint32_t>(hs.permutations);
  hco.lm.seed = hs.seed;
  hco.lm.threads = options.threads;
  std::array<bool, engine::kPeriodCount> present{a.spec.periods[0].present, a.spec.periods[1].present};
  a.hotspots = engine::compute_hotspot_layers(a.grid, a.cell_of, inc, weights, present, hco, progress.stage(0.7, 0.8));
  a.manifest["grid"] = {{"shape", io::cell_shape_name(gs.shape)},
                        {"cell_size_m", gs.cell_size_m},
                        {"origin_x", *gs.origin_x},
                        {"origin_y", *gs.origin_y},
                        {"extent", io::grid_extent_name(gs.extent)},
                        {"cells", n_cells},
                        {"cells_over_all_areas", cells_all_areas},
                        {"islands", isolated.size()}};
  a.manifest["hotspot_themes"] =
      hotspot_themes(engine::count_themes_in_grid(a.cell_of, inc), present, hco.min_incidents, a.warnings);
  std::size_t held_back = 0;
  for (const auto& layer : a.hotspots) held_back += layer.gi.held_back;
  a.manifest["hotspot_themes"]["held_back_cells"] = held_back;

  if (present[0] && present[1]) {
    engine::RateCompareOptions rco;
    rco.alpha = a.spec.compare.alpha;
    rco.min_total = a.spec.compare.min_total;
    a.cell_changes = engine::compute_cell_changes(a.hotspots, weights, a.spec.periods[0].range.years(),
                                                  a.spec.periods[1].range.years(), rco);
  }
}

void compute_density(Analysis& a, const RunOptions& options, ProgressPrinter& progress) {
  io::DensitySpec& ds = a.spec.density;
  engine::DensityOptions opt;
  opt.kde.kernel = ds.kernel;
  opt.kde.bandwidth_m = ds.bandwidth_m;
  opt.kde.cell_size_m = ds.cell_size_m;
  opt.kde.origin_x = a.spec.grid.origin_x.value_or(0.0);
  opt.kde.origin_y = a.spec.grid.origin_y.value_or(0.0);
  opt.kde.threads = static_cast<int>(options.threads);
  opt.per_theme = ds.per_theme;
  engine::PeriodSet periods;
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    periods.present[p] = a.spec.periods[p].present;
    periods.range[p] = a.spec.periods[p].range;
  }
  try {
    a.density =
        engine::compute_density_surfaces(a.table.incidents, a.areas.areas, periods, opt, progress.stage(0.8, 0.9));
  } catch (const std::invalid_argument& e) {
    a.warnings.push_back(std::string("no density surface: ") + e.what());
    return;
  }
  if (a.density.bandwidth_m > 0) ds.bandwidth_m = a.density.bandwidth_m;
  a.manifest["density"] = {
      {"kernel", engine::kernel_name(ds.kernel)},
      {"bandwidth_m", a.density.bandwidth_m},
      {"bandwidth_rule", a.density.bandwidth_auto ? "ArcGIS Kernel Density default radius (docs/density.md)" : "spec"},
      {"cell_size_m", ds.cell_size_m},
      {"units", "incidents per hectare per year"},
      {"rasters", a.density.layers.size()}};
}

void compute_area_change(Analysis& a) {
  if (!a.spec.periods[0].present || !a.spec.periods[1].present) return;
  engine::PeriodSet periods;
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    periods.present[p] = true;
    periods.range[p] = a.spec.periods[p].range;
  }
  engine::RateCompareOptions rco;
  rco.alpha = a.spec.compare.alpha;
  rco.min_total = a.spec.compare.min_total;
  a.area_change = engine::compute_area_changes(a.area_stats, a.table.incidents, a.areas.size(), periods, rco);
  a.has_area_change = true;
  // Findings for the summary: the significant changes.
  nlohmann::json changes = nlohmann::json::array();
  for (std::size_t r = 0; r < a.area_change.size(); ++r) {
    const auto c = a.area_change.rates.change[r];
    if (c != engine::RateChange::increase && c != engine::RateChange::decrease) continue;
    const auto area = static_cast<std::size_t>(a.area_change.area[r]);
    changes.push_back({{"area_id", a.areas.id[area]},
                       {"name", a.areas.name[area]},
                       {"theme", engine::theme_name(a.area_change.theme[r])},
                       {"change", engine::rate_change_name(c)},
                       {"count_baseline", a.area_change.rates.count_baseline[r]},
                       {"count_followup", a.area_change.rates.count_followup[r]},
                       {"rate_ratio", a.area_change.rates.rate_ratio[r]},
                       {"q", a.area_change.rates.q[r]}});
  }
  a.findings["significant_area_changes"] = changes;
}

}  // namespace kvo::cli
