#include "engine/kde_surfaces.hpp"

#include <stdexcept>

#include "engine/zonal.hpp"

namespace kvo::engine {

namespace {

// Owned copies of the selected incidents' columns (a KdePoints needs contiguous spans).
struct Selection {
  std::vector<double> x, y;
  std::vector<float> w;
  [[nodiscard]] KdePoints points() const { return KdePoints{x, y, w}; }
  [[nodiscard]] double total() const {
    double s = 0.0;
    for (float v : w) s += v;
    return s;
  }
};

Selection select(const IncidentSet& incidents, PeriodId period, ThemeId theme) {
  Selection s;
  const auto p = static_cast<std::uint8_t>(period);
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    if (incidents.period[i] != p) continue;
    if (theme != kThemeAll && incidents.theme[i] != theme) continue;
    s.x.push_back(incidents.x[i]);
    s.y.push_back(incidents.y[i]);
    s.w.push_back(incidents.weight.empty() ? 1.0F : incidents.weight[i]);
  }
  return s;
}

std::string layer_name(std::string_view stem, ThemeId theme) {
  std::string name = "density_";
  name += stem;
  if (theme != kThemeAll) {
    name += '_';
    name += theme_name(theme);
  }
  return name;
}

}  // namespace

double density_auto_bandwidth(const IncidentSet& incidents, const PeriodSet& periods, const Envelope& within) {
  for (std::size_t p = 0; p < kPeriodCount; ++p) {
    if (!periods.present[p]) continue;
    Selection s = select(incidents, static_cast<PeriodId>(p), kThemeAll);
    if (!within.empty()) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < s.x.size(); ++i)
        if (within.contains(s.x[i], s.y[i])) s.x[kept] = s.x[i], s.y[kept] = s.y[i], s.w[kept] = s.w[i], ++kept;
      s.x.resize(kept), s.y.resize(kept), s.w.resize(kept);
    }
    const double bw = auto_bandwidth(s.points()).bandwidth_m;
    if (bw > 0.0) return bw;
  }
  return 0.0;
}

DensitySurfaces compute_density_surfaces(const IncidentSet& incidents, const Areas& areas, const PeriodSet& periods,
                                         const DensityOptions& options, const Progress& progress) {
  DensitySurfaces out;
  std::vector<PeriodId> present;
  for (std::size_t p = 0; p < kPeriodCount; ++p)
    if (periods.present[p]) present.push_back(static_cast<PeriodId>(p));
  if (present.empty()) return out;

  // Themes to map: all, then each theme with incidents in a present period.
  std::vector<ThemeId> themes{kThemeAll};
  if (options.per_theme) {
    std::vector<bool> seen(kThemeCount, false);
    for (std::size_t i = 0; i < incidents.size(); ++i)
      if (incidents.period[i] < kPeriodCount && periods.present[incidents.period[i]] && incidents.theme[i] < kThemeCount)
        seen[incidents.theme[i]] = true;
    for (std::size_t t = 0; t < kThemeCount; ++t)
      if (seen[t]) themes.push_back(static_cast<ThemeId>(t));
  }

  // One bandwidth for every layer.
  out.bandwidth_auto = options.kde.bandwidth_m == 0.0;
  out.bandwidth_m = options.kde.bandwidth_m;
  if (out.bandwidth_auto) {
    out.bandwidth_m = density_auto_bandwidth(incidents, periods);
    if (!(out.bandwidth_m > 0.0))
      throw std::invalid_argument(
          "density: the automatic bandwidth is undefined (fewer than two distinct incident locations); "
          "set [density] bandwidth");
  }

  // One grid for every layer: the areas' envelope, else the incidents' envelope + r.
  Envelope extent;
  double padding = 0.0;
  for (const MultiPolygon& g : areas.geometry) extent.expand(envelope_of(g));
  if (extent.empty()) {
    for (std::size_t i = 0; i < incidents.size(); ++i)
      if (incidents.period[i] < kPeriodCount && periods.present[incidents.period[i]])
        extent.expand(incidents.x[i], incidents.y[i]);
    padding = out.bandwidth_m;
  }
  if (extent.empty()) return out;
  out.grid = aligned_grid(extent, padding, options.kde.cell_size_m, options.kde.origin_x, options.kde.origin_y);
  std::vector<std::uint8_t> inside;
  if (!areas.geometry.empty()) {
    inside.assign(out.grid.cell_count(), 0);
    for (const MultiPolygon& g : areas.geometry) mark_cells_inside(out.grid, g, inside);
  }

  const double steps = static_cast<double>(themes.size() * present.size());
  double step = 0.0;
  for (ThemeId theme : themes) {
    std::size_t first_of_theme = out.layers.size();
    for (PeriodId p : present) {
      const Selection s = select(incidents, p, theme);
      KdeOptions ko = options.kde;
      ko.bandwidth_m = out.bandwidth_m;
      ko.years = periods.range[static_cast<std::size_t>(p)].years();
      ko.grid = out.grid;
      const double base = step;
      Progress sub;
      if (progress) sub = [&](double f) { return progress((base + f) / steps); };
      KdeResult r = compute_kde(s.points(), ko, sub);
      step += 1.0;
      if (r.cancelled) {
        out.cancelled = true;
        return out;
      }
      if (!same_grid(r.raster.grid, out.grid))
        throw std::logic_error("density: a period raster left the shared grid");
      if (!inside.empty())
        for (std::size_t i = 0; i < inside.size(); ++i)
          if (!inside[i]) r.raster.data[i] = r.raster.nodata;
      DensityLayer layer;
      layer.name = layer_name(period_name(p), theme);
      layer.kind = DensityKind::period;
      layer.period = p;
      layer.theme = theme;
      layer.incidents = s.total();
      layer.raster = std::move(r.raster);
      out.layers.push_back(std::move(layer));
    }
    if (present.size() == kPeriodCount) {
      DensityLayer change;
      change.name = layer_name("change", theme);
      change.kind = DensityKind::change;
      change.theme = theme;
      change.raster = compute_density_change(out.layers[first_of_theme].raster, out.layers[first_of_theme + 1].raster);
      out.layers.push_back(std::move(change));
    }
  }
  report(progress, 1.0);
  return out;
}

}  // namespace kvo::engine
