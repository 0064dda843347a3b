#include "pipeline/compute_monitor.hpp"

#include <algorithm>
#include <string>

#include "engine/grid.hpp"
#include "engine/trend.hpp"
#include "pipeline/compute_spatial.hpp"

namespace kvo::cli {

namespace {

engine::ThemeId theme_of(const std::string& name) {
  return *engine::theme_from_name(name);
}

bool in_theme(engine::ThemeId wanted, engine::ThemeId theme) {
  return wanted == engine::kThemeAll || wanted == theme;
}

}  // namespace

// The latest period present: the months "between measurements" a monitor looks at.
engine::PeriodId latest_period(const MethodRecord& m) {
  return m.periods.present[1] ? engine::PeriodId::followup : engine::PeriodId::baseline;
}

void compute_emerging(const Inputs& in, const MethodRecord& m, unsigned threads, Results& r) {
  if (r.grid.size() < 3) {
    r.warnings.push_back("emerging hot spots need the hotspot grid: turn [hotspots] on (no emerging_hotspots layer)");
    return;
  }
  const engine::PeriodId period = latest_period(m);
  const engine::MonthBins months = engine::whole_months(m.periods.range[static_cast<std::size_t>(period)]);
  // Steps of `step_months` whole months, counted back from the period's end; months left
  // over at its start are not used.
  const auto step = static_cast<std::int32_t>(m.emerging.step_months);
  const std::int32_t steps = months.months / step;
  if (steps < 2) {
    r.warnings.push_back("emerging hot spots need at least two whole time steps in the " +
                         std::string(engine::period_name(period)) + " period; none computed");
    return;
  }
  const std::int32_t skipped = months.months - steps * step;
  const auto& inc = in.table.incidents;
  const std::vector<std::int32_t> cell_of = engine::assign_cells(r.grid, inc.x, inc.y, threads);
  const engine::SpatialWeights weights = hotspot_weights(r.grid, m.hotspots, threads);
  const std::size_t cells = r.grid.size();
  std::vector<std::int32_t> group(inc.size());
  for (const auto& name : m.emerging.themes) {
    const engine::ThemeId theme = theme_of(name);
    for (std::size_t i = 0; i < inc.size(); ++i)
      group[i] = inc.period[i] == static_cast<std::uint8_t>(period) && in_theme(theme, inc.theme[i]) ? cell_of[i] : -1;
    const std::vector<double> monthly = engine::monthly_counts(inc.start_utc, group, cells, months, inc.weight);
    EmergingLayer layer;
    layer.theme = theme;
    layer.counts.assign(cells * static_cast<std::size_t>(steps), 0.0);
    for (std::size_t c = 0; c < cells; ++c)
      for (std::int32_t mo = skipped; mo < months.months; ++mo)
        layer.counts[c * static_cast<std::size_t>(steps) + static_cast<std::size_t>((mo - skipped) / step)] +=
            monthly[c * static_cast<std::size_t>(months.months) + static_cast<std::size_t>(mo)];
    engine::EmergingOptions options;
    options.time_window = m.emerging.time_window;
    options.threads = threads;
    layer.result = engine::emerging_hotspots(layer.counts, cells, static_cast<std::size_t>(steps),
                                             engine::CubeLayout::cell_major, weights, options);
    // Findings: the cells per category (no pattern left out), per theme.
    nlohmann::json found = nlohmann::json::object();
    for (std::size_t k = 0; k < layer.result.category_counts.size(); ++k)
      if (const auto n = layer.result.category_counts[k]; n > 0 && k != 0)
        found[std::string(engine::emerging_category_name(static_cast<engine::EmergingCategory>(k)))] = n;
    r.findings["emerging_hotspots"][name] = found;
    r.emerging.push_back(std::move(layer));
  }
  EmergingRecord& rec = r.emerging_record;
  rec.ran = true;
  rec.period = period;
  rec.steps = static_cast<std::size_t>(steps);
  rec.step_months = step;
  const int first = static_cast<int>(months.first_month) - 1 + skipped;
  rec.first_year = months.first_year + first / 12;
  rec.first_month = static_cast<unsigned>(first % 12 + 1);
}

void compute_near_repeat(const Inputs& in, const MethodRecord& m, unsigned threads, Results& r) {
  const engine::PeriodId period = latest_period(m);
  const auto& range = m.periods.range[static_cast<std::size_t>(period)];
  const auto& inc = in.table.incidents;
  const auto& spec = m.near_repeat;
  for (const auto& name : spec.themes) {
    NearRepeatLayer layer;
    layer.theme = theme_of(name);
    // The incidents of the period inside the areas: the pattern of the study area itself.
    std::vector<double> x, y;
    std::vector<std::int64_t> start;
    for (std::size_t i = 0; i < inc.size(); ++i)
      if (inc.period[i] == static_cast<std::uint8_t>(period) && inc.area[i] >= 0 &&
          in_theme(layer.theme, inc.theme[i])) {
        layer.incidents.push_back(i);
        x.push_back(inc.x[i]), y.push_back(inc.y[i]), start.push_back(inc.start_utc[i]);
      }
    if (layer.incidents.size() < 2) {
      r.warnings.push_back("near repeat: theme " + name + " has fewer than 2 incidents in the areas; no Knox table");
      continue;
    }
    engine::NearRepeatOptions o;
    o.distance_band_m = spec.distance_band_m;
    o.distance_bands = spec.distance_bands;
    o.time_band_days = spec.time_band_days;
    o.time_bands = spec.time_bands;
    o.iterations = spec.iterations;
    o.seed = spec.seed;
    o.threads = threads;
    const std::vector<double> t = engine::days_from_utc_seconds(start);
    layer.table = engine::near_repeat(x, y, t, o);
    layer.window = engine::near_repeat_window(layer.table, 0.05);
    // "Now" is the end of the period's last day: the incidents whose risk window is still open.
    layer.zones = engine::near_repeat_zones(t, layer.window, static_cast<double>(range.to_day) + 1.0);
    std::size_t open = 0;
    for (const auto& z : layer.zones) open += z.near || z.repeat ? 1 : 0;
    r.findings["near_repeat"][name] = {{"near_repeat", layer.window.near_repeat},
                                       {"distance_m", layer.window.distance_m},
                                       {"days", layer.window.days},
                                       {"repeat", layer.window.repeat},
                                       {"repeat_days", layer.window.repeat_days},
                                       {"open_risk_windows", open}};
    r.near_repeat.push_back(std::move(layer));
  }
}

}  // namespace kvo::cli
