#include "pipeline/cell_budget.hpp"

#include <array>
#include <cmath>
#include <sstream>

#include "engine/grid.hpp"
#include "pipeline/method_constants.hpp"

namespace kvo::cli {

namespace {

engine::Envelope study_envelope(const Inputs& a) {
  engine::Envelope env;
  for (const auto& g : a.areas.areas.geometry) env.expand(engine::envelope_of(g));
  if (env.empty()) {
    const auto& inc = a.table.incidents;
    for (std::size_t i = 0; i < inc.size(); ++i)
      if (inc.period[i] < engine::kPeriodCount) env.expand(inc.x[i], inc.y[i]);
  }
  return env;
}

double cells_over(const engine::Envelope& env, double cell_m, double padding_m = 0) {
  if (env.empty() || !(cell_m > 0)) return 0;
  const double w = env.max_x - env.min_x + 2 * padding_m, h = env.max_y - env.min_y + 2 * padding_m;
  return (std::floor(w / cell_m) + 1) * (std::floor(h / cell_m) + 1);
}

// The smallest whole-metre cell size that brings `cells` at `cell_m` within `budget`.
double cell_size_within(double cells, double cell_m, double budget) {
  return std::ceil(cell_m * std::sqrt(cells / budget) * 1.01);
}

std::string grouped(double v) {
  std::string digits = std::to_string(static_cast<long long>(v));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string km(const engine::Envelope& env) {
  std::ostringstream s;
  s.precision(3);
  s << (env.max_x - env.min_x) / 1000 << " × " << (env.max_y - env.min_y) / 1000 << " km";
  return s.str();
}

// Density surfaces a run writes: one per present period (× theme with per_theme, plus
// `all`), and their change when both periods are present.
double density_surfaces(const Inputs& a) {
  std::size_t periods = 0;
  for (const auto& p : a.spec.periods) periods += p.present ? 1 : 0;
  std::size_t themes = 1;
  if (a.spec.density.per_theme) {
    std::array<bool, engine::kThemeCount> seen{};
    const auto& inc = a.table.incidents;
    for (std::size_t i = 0; i < inc.size(); ++i)
      if (inc.theme[i] < engine::kThemeCount) seen[inc.theme[i]] = true;
    for (bool s : seen) themes += s ? 1 : 0;
  }
  return static_cast<double>(themes * (periods + (periods == 2 ? 1 : 0)));
}

}  // namespace

HotspotGridChoice resolve_hotspot_grid(const Inputs& a, std::vector<std::string>* warnings) {
  HotspotGridChoice choice{a.spec.grid.cell_size_m, a.spec.grid.extent};
  const bool automatic_cell = !(choice.cell_m > 0);
  if (automatic_cell) {
    const auto& inc = a.table.incidents;
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < inc.size(); ++i)
      if (inc.area[i] >= 0 && inc.period[i] < engine::kPeriodCount) xs.push_back(inc.x[i]), ys.push_back(inc.y[i]);
    try {
      choice.cell_m = engine::auto_cell_size(xs, ys);
    } catch (const std::invalid_argument&) {
      choice.cell_m = MethodConstants{}.cell_size_fallback_m;
      if (warnings)
        warnings->push_back("too few incident locations for an automatic cell size; " +
                            std::to_string(static_cast<int>(choice.cell_m)) + " m used");
    }
  }
  const engine::Envelope env = study_envelope(a);
  // Never finer than the extent's shorter side / 250 (ArcGIS's default raster cell, as the
  // density rasters): a town-wide or national run gets cells its maps can show.
  if (automatic_cell && !env.empty())
    choice.cell_m = std::max(choice.cell_m, std::ceil(std::min(env.width(), env.height()) / 250.0));
  const double cells = cells_over(env, choice.cell_m);
  if (choice.extent == io::GridExtent::automatic) {
    choice.extent =
        cells > static_cast<double>(kSparseGridFromCells) ? io::GridExtent::incidents : io::GridExtent::areas;
    if (choice.extent == io::GridExtent::incidents && warnings)
      warnings->push_back("the hotspot grid over the study areas would have about " + grouped(cells) + " cells of " +
                          grouped(choice.cell_m) +
                          " m; only the cells where incidents are and their neighbourhoods are analysed "
                          "([grid] extent = \"incidents\", docs/hotspots.md)");
  }
  // An automatic size never asks for more cells than the budget: coarser, with a warning.
  if (automatic_cell && choice.extent != io::GridExtent::incidents && cells > static_cast<double>(kMaxHotspotCells)) {
    const double fitted = cell_size_within(cells, choice.cell_m, kMaxHotspotCells);
    if (warnings)
      warnings->push_back("the automatic hotspot cell size of " + grouped(choice.cell_m) + " m would give about " +
                          grouped(cells) + " cells over the study areas, more than the budget of " +
                          grouped(kMaxHotspotCells) + "; " + grouped(fitted) +
                          " m used (set [grid] cell_size, or run smaller study areas)");
    choice.cell_m = fitted;
  }
  return choice;
}

double resolve_density_cell_size(const Inputs& a) {
  if (a.spec.density.cell_size_m > 0) return a.spec.density.cell_size_m;
  const engine::Envelope env = study_envelope(a);
  if (env.empty()) return kDensityCellFallbackM;
  // ArcGIS's default output cell size: the shorter side of the extent / 250, in whole metres.
  double shorter = std::min(env.width(), env.height());
  if (!(shorter > 0)) shorter = std::max(env.width(), env.height());
  double cell = std::max(1.0, std::round(shorter / 250.0));
  if (!(shorter > 0)) cell = kDensityCellFallbackM;
  // Coarser when the rasters would not fit the budget (never finer than the rule).
  const double padding = a.areas.size() == 0 ? a.spec.density.bandwidth_m : 0;
  const double cells = cells_over(env, cell, padding);
  if (cells > static_cast<double>(kMaxDensityCells)) cell = cell_size_within(cells, cell, kMaxDensityCells);
  const double total = cells_over(env, cell, padding) * density_surfaces(a);
  if (total > static_cast<double>(kMaxDensityCellsTotal)) cell = cell_size_within(total, cell, kMaxDensityCellsTotal);
  return cell;
}

std::vector<std::string> cell_budget_problems(const Inputs& a, const HotspotGridChoice& hotspot) {
  const double hotspot_cell_m = hotspot.cell_m;
  std::vector<std::string> problems;
  const engine::Envelope env = study_envelope(a);
  if (env.empty()) return problems;
  if (a.spec.hotspots.enabled && hotspot.extent != io::GridExtent::incidents) {
    const double cells = cells_over(env, hotspot_cell_m);
    if (cells > static_cast<double>(kMaxHotspotCells))
      problems.push_back(
          "the hotspot grid would have about " + grouped(cells) + " cells of " + grouped(hotspot_cell_m) +
          " m over the study areas (" + km(env) + "), more than the budget of " + grouped(kMaxHotspotCells) +
          "; set [grid] cell_size to at least " + grouped(cell_size_within(cells, hotspot_cell_m, kMaxHotspotCells)) +
          " m, set [grid] extent = \"incidents\" (only the cells where incidents are), or run smaller study areas "
          "(e.g. one spec per KVO area)");
  }
  if (a.spec.density.enabled) {
    const double cell = resolve_density_cell_size(a);
    const double padding = a.areas.size() == 0 ? a.spec.density.bandwidth_m : 0;
    const double cells = cells_over(env, cell, padding);
    const double total = cells * density_surfaces(a);
    if (cells > static_cast<double>(kMaxDensityCells))
      problems.push_back("a density raster would have about " + grouped(cells) + " cells of " + grouped(cell) +
                         " m over the study areas (" + km(env) + "), more than the budget of " +
                         grouped(kMaxDensityCells) + "; set [density] cell_size to at least " +
                         grouped(cell_size_within(cells, cell, kMaxDensityCells)) + " m");
    else if (total > static_cast<double>(kMaxDensityCellsTotal))
      problems.push_back("the density rasters would have about " + grouped(total) + " cells together (" +
                         grouped(density_surfaces(a)) + " rasters of " + grouped(cells) +
                         " cells), more than the budget of " + grouped(kMaxDensityCellsTotal) +
                         "; set [density] per_theme = false or [density] cell_size to at least " +
                         grouped(cell_size_within(total, cell, kMaxDensityCellsTotal)) + " m");
  }
  return problems;
}

}  // namespace kvo::cli
