#include "pipeline/method_record.hpp"

#include <algorithm>

#include "engine/grid_sparse.hpp"
#include "engine/kde_surfaces.hpp"
#include "io/core/errors.hpp"
#include "pipeline/cell_budget.hpp"

namespace kvo::cli {

namespace {

engine::Envelope areas_envelope(const io::AreaTable& areas) {
  engine::Envelope env;
  for (const auto& g : areas.areas.geometry) env.expand(engine::envelope_of(g));
  return env;
}

HotspotMethod hotspot_method(const Inputs& in, unsigned threads, std::vector<std::string>& warnings) {
  const io::HotspotSpec& hs = in.spec.hotspots;
  const io::GridSettings& gs = in.spec.grid;
  HotspotMethod m;
  m.enabled = hs.enabled;

  m.weights = hs.weights;
  m.k = hs.k;
  m.distance_m = hs.distance_m;
  m.min_incidents = static_cast<std::size_t>(hs.min_incidents);
  m.min_neighbourhood_count = hs.min_neighbourhood_count;
  m.fdr = hs.fdr;
  m.permutations = static_cast<std::uint32_t>(hs.permutations);
  m.seed = hs.seed;
  // The cell size is resolved (and checked against the budget) even with hot spots off:
  // the budget covers the density rasters too.
  const HotspotGridChoice grid =
      hs.enabled ? resolve_hotspot_grid(in, &warnings) : HotspotGridChoice{gs.cell_size_m, io::GridExtent::areas};
  const double cell = grid.cell_m;
  m.extent = grid.extent;
  if (const auto problems = cell_budget_problems(in, grid); !problems.empty()) {
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) message += "; and " + problems[i];
    throw io::ConfigError(message);
  }
  if (!hs.enabled) return m;
  m.lattice = gs.origin_x && gs.origin_y ? engine::GridSpec{gs.shape, cell, *gs.origin_x, *gs.origin_y}
                                         : engine::make_grid_spec(gs.shape, cell, areas_envelope(in.areas));
  if (m.weights != io::WeightsKind::distance_band || m.distance_m > 0) return m;
  // The automatic band is found on the grid over all areas (with extent "kvo" too, so it
  // does not depend on which areas are KVO areas; with "incidents" on the cells holding
  // incidents, the band not yet known), on the first present period.
  const Lattice lattice = build_lattice(in, m, threads);
  if (lattice.grid.size() < 3) return m;  // no hot spot analysis; compute says why
  const auto first = in.spec.periods[0].present ? engine::PeriodId::baseline : engine::PeriodId::followup;
  const auto counts = engine::count_cells(lattice.grid, lattice.cell_of, in.table.incidents, first, engine::kThemeAll);
  engine::AutoDistanceOptions ado;
  ado.threads = threads;
  m.auto_distance = engine::auto_distance_band(lattice.grid.centre_x, lattice.grid.centre_y, counts, ado);
  m.distance_m = m.auto_distance->distance_m;
  return m;
}

DensityMethod density_method(const Inputs& in, const HotspotMethod& hotspots, const engine::PeriodSet& periods) {
  const io::DensitySpec& ds = in.spec.density;
  DensityMethod m;
  m.enabled = ds.enabled;
  m.kernel = ds.kernel;
  m.cell_size_m = resolve_density_cell_size(in);
  m.per_theme = ds.per_theme;
  m.bandwidth_auto = ds.bandwidth_m == 0.0;
  m.bandwidth_m = ds.bandwidth_m;
  if (hotspots.enabled)
    m.origin_x = hotspots.lattice.origin_x, m.origin_y = hotspots.lattice.origin_y;
  else if (in.spec.grid.origin_x && in.spec.grid.origin_y)
    m.origin_x = *in.spec.grid.origin_x, m.origin_y = *in.spec.grid.origin_y;
  // From the incidents within the areas' envelope only: a national export must not set the
  // radius of a local analysis.
  if (m.enabled && m.bandwidth_auto)
    m.bandwidth_m = engine::density_auto_bandwidth(in.table.incidents, periods, areas_envelope(in.areas));
  return m;
}

}  // namespace

Lattice build_lattice(const Inputs& in, const HotspotMethod& method, unsigned threads) {
  engine::GridOptions options;
  options.extent =
      method.extent == io::GridExtent::bbox ? engine::StudyExtent::bounding_box : engine::StudyExtent::areas;
  const auto& inc = in.table.incidents;
  Lattice out;
  if (method.extent == io::GridExtent::incidents) {
    // The cells holding an incident of an analysed period, and (distance band) every cell
    // within the band of them: each incident cell keeps its whole neighbourhood.
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < inc.size(); ++i)
      if (inc.period[i] < engine::kPeriodCount) xs.push_back(inc.x[i]), ys.push_back(inc.y[i]);
    const double band = method.weights == io::WeightsKind::distance_band ? method.distance_m : 0.0;
    out.grid = engine::build_sparse_grid(method.lattice, in.areas.areas.geometry, xs, ys, band, options);
  } else {
    out.grid = engine::build_grid(method.lattice, in.areas.areas.geometry, options);
  }
  out.cell_of = engine::assign_cells(out.grid, inc.x, inc.y, threads);
  return out;
}

MethodRecord resolve_method(const Inputs& in, unsigned threads) {
  MethodRecord m;
  m.periods = period_set(in.spec);
  m.hotspots = hotspot_method(in, threads, m.warnings);
  m.density = density_method(in, m.hotspots, m.periods);
  m.scope.core = areas_envelope(in.areas);
  if (m.density.enabled) m.scope.margin_m = m.density.bandwidth_m + m.density.cell_size_m;
  if (m.hotspots.enabled)
    m.scope.margin_m = std::max({m.scope.margin_m, m.hotspots.distance_m, 2 * m.hotspots.lattice.cell_size_m});
  m.compare.alpha = in.spec.compare.alpha;
  m.compare.min_total = in.spec.compare.min_total;
  m.survey.confidence = m.constants.survey_confidence;
  m.survey.min_respondents = in.survey.min_respondents;
  m.emerging = in.spec.emerging;
  m.near_repeat = in.spec.near_repeat;
  return m;
}

io::AnalysisSpec resolved_spec(const io::AnalysisSpec& spec, const MethodRecord& m) {
  io::AnalysisSpec out = spec;
  if (m.hotspots.enabled) {
    out.grid.extent = m.hotspots.extent;
    out.grid.cell_size_m = m.hotspots.lattice.cell_size_m;
    out.grid.origin_x = m.hotspots.lattice.origin_x;
    out.grid.origin_y = m.hotspots.lattice.origin_y;
    if (m.hotspots.distance_m > 0) out.hotspots.distance_m = m.hotspots.distance_m;
  }
  if (m.density.enabled && m.density.bandwidth_m > 0) out.density.bandwidth_m = m.density.bandwidth_m;
  if (m.density.enabled) out.density.cell_size_m = m.density.cell_size_m;
  return out;
}

}  // namespace kvo::cli
