#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

#include "engine/area_stats.hpp"
#include "engine/kde_surfaces.hpp"
#include "engine/zonal.hpp"

using namespace kvo::engine;

namespace {

double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

Polygon rect(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  return p;
}

// One 1 km × 1 km area (100 ha) at (0, 0) and two periods of 365 and 730 days.
struct Fixture {
  Areas areas;
  PeriodSet periods;
  Fixture() {
    areas.geometry = {MultiPolygon{rect(0, 0, 1000, 1000)}};
    areas.area_m2 = {1.0e6};
    periods.present = {true, true};
    periods.range[0] = {0, 364};
    periods.range[1] = {365, 365 + 729};
  }
};

void add_uniform(IncidentSet& set, std::mt19937_64& rng, int n, double lo, double hi, PeriodId p, ThemeId theme) {
  for (int i = 0; i < n; ++i)
    set.push_back(lo + (hi - lo) * unit(rng), lo + (hi - lo) * unit(rng), 0, kNoTime, theme,
                  static_cast<std::uint8_t>(p), 0, 1.0F, 0);
}

double rate_of(const AreaStats& s, PeriodId p) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.area[i] == 0 && s.period[i] == p && s.theme[i] == kThemeAll) return s.per_ha_year[i];
  return -1.0;
}

}  // namespace

TEST_CASE("the raster summed over an area equals per_ha_year when incidents lie farther than r from its edge",
          "[engine][kde][density]") {
  Fixture f;
  std::mt19937_64 rng(5);
  IncidentSet set;
  add_uniform(set, rng, 300, 150.0, 850.0, PeriodId::baseline, 0);
  add_uniform(set, rng, 500, 150.0, 850.0, PeriodId::followup, 1);
  DensityOptions o;
  o.kde.bandwidth_m = 100.0;
  o.kde.cell_size_m = 10.0;
  const DensitySurfaces d = compute_density_surfaces(set, f.areas, f.periods, o);
  const AreaStats stats = compute_area_stats(set, f.areas, f.periods);
  for (PeriodId p : {PeriodId::baseline, PeriodId::followup}) {
    const Raster& r = d.layers[static_cast<std::size_t>(p)].raster;
    const ZonalStats z = zonal_stats(r, f.areas.geometry[0]);
    // Σ (per ha per year) × cell area in ha ÷ area in ha = per ha per year of the area.
    const double from_raster = z.sum * (r.grid.cell_area_m2() / 1e4) / (f.areas.area_m2[0] / 1e4);
    CHECK(from_raster == Approx(rate_of(stats, p)).epsilon(1e-3));
    CHECK(z.mean == Approx(from_raster).epsilon(1e-12));  // the grid tiles the area exactly
  }
}

TEST_CASE("edge leakage for incidents spread over the whole area matches the quartic's half-plane mass",
          "[engine][kde][density]") {
  // A point at distance t from a straight edge loses the kernel mass beyond it; averaged
  // over t the loss per unit of edge is E[max(X, 0)] = 16 r / (35 π) for the quartic (X
  // the kernel's marginal, docs/density.md). Square of side L: lost share ≈ 4 L · 16 r /
  // (35 π) / L² (corners neglected, O((r/L)²)).
  Fixture f;
  std::mt19937_64 rng(11);
  IncidentSet set;
  add_uniform(set, rng, 6000, 0.0, 1000.0, PeriodId::baseline, 0);
  f.periods.present = {true, false};
  DensityOptions o;
  o.kde.bandwidth_m = 100.0;
  o.kde.cell_size_m = 10.0;
  const DensitySurfaces d = compute_density_surfaces(set, f.areas, f.periods, o);
  REQUIRE(d.layers.size() == 1);
  const AreaStats stats = compute_area_stats(set, f.areas, f.periods);
  const ZonalStats z = zonal_stats(d.layers[0].raster, f.areas.geometry[0]);
  const double ratio = z.mean / rate_of(stats, PeriodId::baseline);
  const double predicted = 1.0 - 4.0 * 1000.0 * 16.0 * 100.0 / (35.0 * std::numbers::pi) / 1.0e6;
  CHECK(predicted == Approx(0.9418).margin(1e-4));
  CHECK(ratio == Approx(predicted).margin(0.01));
}

TEST_CASE("density surfaces share one grid and one bandwidth, mask outside the areas and difference the periods",
          "[engine][kde][density]") {
  Fixture f;
  // Two areas: the 1 km square and a detached 200 m square to its east.
  f.areas.geometry.push_back(MultiPolygon{rect(1400, 0, 1600, 200)});
  f.areas.area_m2.push_back(40000.0);
  std::mt19937_64 rng(3);
  IncidentSet set;
  add_uniform(set, rng, 200, 0.0, 1000.0, PeriodId::baseline, 0);
  add_uniform(set, rng, 100, 0.0, 1000.0, PeriodId::baseline, 3);
  add_uniform(set, rng, 250, 0.0, 1000.0, PeriodId::followup, 3);
  set.push_back(5000.0, 5000.0, 0, kNoTime, 3, kNoPeriod, kNoArea, 1.0F, 0);  // no period: ignored
  DensityOptions o;
  o.kde.cell_size_m = 20.0;
  o.kde.origin_x = 7.0;
  o.kde.origin_y = 3.0;
  o.per_theme = true;
  const DensitySurfaces d = compute_density_surfaces(set, f.areas, f.periods, o);

  // Auto bandwidth from the baseline's incidents, all themes together.
  std::vector<double> bx(set.x.begin(), set.x.begin() + 300), by(set.y.begin(), set.y.begin() + 300);
  CHECK(d.bandwidth_auto);
  CHECK(d.bandwidth_m == auto_bandwidth(KdePoints{bx, by, {}}).bandwidth_m);

  REQUIRE(d.layers.size() == 9);  // all, theme 0, theme 3 × (baseline, follow-up, change)
  const char* names[] = {"density_baseline",          "density_followup",          "density_change",
                         "density_baseline_burglary", "density_followup_burglary", "density_change_burglary",
                         "density_baseline_shoplifting", "density_followup_shoplifting",
                         "density_change_shoplifting"};
  for (std::size_t i = 0; i < 9; ++i) CHECK(d.layers[i].name == names[i]);
  CHECK(d.layers[0].incidents == 300.0);
  CHECK(d.layers[4].incidents == 0.0);
  CHECK(d.layers[2].kind == DensityKind::change);

  // Grid: envelope 0..1600 × 0..1000 snapped to the lattice through (7, 3).
  CHECK(d.grid.origin_x == -13.0);
  CHECK(d.grid.origin_y == 1003.0);
  CHECK(d.grid.cols == 81);
  CHECK(d.grid.rows == 51);
  const auto inside = cells_inside(d.grid, f.areas.geometry[0]);
  const auto inside2 = cells_inside(d.grid, f.areas.geometry[1]);
  for (const DensityLayer& l : d.layers) {
    REQUIRE(same_grid(l.raster.grid, d.grid));
    for (std::size_t i = 0; i < inside.size(); ++i) REQUIRE(l.raster.is_nodata(i) == !(inside[i] || inside2[i]));
  }
  // Change = follow-up − baseline wherever there is data; the follow-up is 2 years long
  // here, so its rate counts each incident half.
  for (std::size_t i = 0; i < inside.size(); ++i) {
    if (!inside[i]) continue;
    CHECK(d.layers[2].raster.data[i] == d.layers[1].raster.data[i] - d.layers[0].raster.data[i]);
  }
  // The baseline of all themes is the sum of its themes (one period, same bandwidth).
  for (std::size_t i = 0; i < inside.size(); ++i)
    if (inside[i])
      CHECK(d.layers[0].raster.data[i] ==
            Approx(d.layers[3].raster.data[i] + d.layers[6].raster.data[i]).epsilon(1e-5).margin(1e-6));
}

TEST_CASE("a single period gives no change layer and an explicit bandwidth is kept", "[engine][kde][density]") {
  Fixture f;
  f.periods.present = {false, true};
  std::mt19937_64 rng(8);
  IncidentSet set;
  add_uniform(set, rng, 50, 100.0, 900.0, PeriodId::followup, 2);
  DensityOptions o;
  o.kde.bandwidth_m = 150.0;
  const DensitySurfaces d = compute_density_surfaces(set, f.areas, f.periods, o);
  REQUIRE(d.layers.size() == 1);
  CHECK(d.layers[0].name == "density_followup");
  CHECK(d.layers[0].period == PeriodId::followup);
  CHECK_FALSE(d.bandwidth_auto);
  CHECK(d.bandwidth_m == 150.0);
  CHECK(d.grid.cell_size_m == 10.0);
}
