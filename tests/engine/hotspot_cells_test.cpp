#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/grid.hpp"
#include "engine/hotspot_cells.hpp"

using namespace kvo::engine;

namespace {

// A 200 × 200 m square of 10 m cells and a set of incidents spread over it.
struct Town {
  Grid grid;
  IncidentSet incidents;
  SpatialWeights weights;

  Town() {
    Polygon square;
    square.outer() = {{0, 0}, {0, 200}, {200, 200}, {200, 0}, {0, 0}};
    MultiPolygon area;
    area.push_back(square);
    const std::vector<MultiPolygon> areas{area};
    grid = build_grid({CellShape::square, 10.0, 0.0, 0.0}, areas);
    weights = distance_band_weights(grid.centre_x, grid.centre_y, {10.0, 1});
  }
  // n incidents of a theme in a period, on cell centres along a diagonal.
  void add(std::string_view theme, PeriodId period, int n) {
    const std::size_t first = incidents.size();
    incidents.resize(first + static_cast<std::size_t>(n));
    for (std::size_t i = first; i < incidents.size(); ++i) {
      incidents.x[i] = 5.0 + static_cast<double>(i * 7 % 20) * 10.0;
      incidents.y[i] = 5.0 + static_cast<double>(i * 3 % 20) * 10.0;
      incidents.theme[i] = *theme_from_name(theme);
      incidents.period[i] = static_cast<std::uint8_t>(period);
    }
  }
  std::vector<HotspotLayer> layers(std::array<bool, kPeriodCount> present = {true, true}) const {
    HotspotCellsOptions o;
    o.min_incidents = 30;
    o.lm.permutations = 0;
    const auto cell_of = assign_cells(grid, incidents.x, incidents.y, 1);
    return compute_hotspot_layers(grid, cell_of, incidents, weights, present, o);
  }
};

bool has_layer(const std::vector<HotspotLayer>& layers, PeriodId period, std::string_view theme) {
  return std::any_of(layers.begin(), layers.end(),
                     [&](const HotspotLayer& l) { return l.period == period && theme_name(l.theme) == theme; });
}

bool has_change(const std::vector<CellChangeLayer>& changes, std::string_view theme) {
  return std::any_of(changes.begin(), changes.end(),
                     [&](const CellChangeLayer& c) { return theme_name(c.theme) == theme; });
}

}  // namespace

TEST_CASE("a theme with 23 incidents in a period gets no hotspot rows for that period", "[engine][hotspot_cells]") {
  Town t;
  t.add("street_robbery", PeriodId::baseline, 23);
  t.add("burglary", PeriodId::baseline, 40);
  const auto layers = t.layers({true, false});
  CHECK(has_layer(layers, PeriodId::baseline, "all"));  // 63 incidents
  CHECK(has_layer(layers, PeriodId::baseline, "burglary"));
  CHECK_FALSE(has_layer(layers, PeriodId::baseline, "street_robbery"));
}

TEST_CASE("the 30-incident minimum holds per period: 20 then 40 gives follow-up rows only and no change class",
          "[engine][hotspot_cells]") {
  Town t;
  t.add("street_robbery", PeriodId::baseline, 20);
  t.add("street_robbery", PeriodId::followup, 40);
  t.add("burglary", PeriodId::baseline, 35);
  t.add("burglary", PeriodId::followup, 35);
  const auto layers = t.layers();
  CHECK_FALSE(has_layer(layers, PeriodId::baseline, "street_robbery"));
  CHECK(has_layer(layers, PeriodId::followup, "street_robbery"));
  CHECK(has_layer(layers, PeriodId::baseline, "burglary"));
  CHECK(has_layer(layers, PeriodId::followup, "burglary"));
  const auto changes = compute_cell_changes(layers, t.weights, 1.0, 1.0);
  // No baseline pattern was analysed, so no cell may be called new, former or persistent.
  CHECK_FALSE(has_change(changes, "street_robbery"));
  CHECK(has_change(changes, "burglary"));
  CHECK(has_change(changes, "all"));
}

TEST_CASE("a period with fewer than 30 incidents in all gets no hotspot rows at all", "[engine][hotspot_cells]") {
  Town t;
  t.add("burglary", PeriodId::baseline, 29);
  t.add("burglary", PeriodId::followup, 30);
  const auto layers = t.layers();
  CHECK(
      std::none_of(layers.begin(), layers.end(), [](const HotspotLayer& l) { return l.period == PeriodId::baseline; }));
  CHECK(has_layer(layers, PeriodId::followup, "all"));
  CHECK(has_layer(layers, PeriodId::followup, "burglary"));
  CHECK(compute_cell_changes(layers, t.weights, 1.0, 1.0).empty());
  const ThemeCounts counts = count_themes_in_grid(assign_cells(t.grid, t.incidents.x, t.incidents.y, 1), t.incidents);
  CHECK(counts[0][kThemeAll] == 29);
  CHECK(counts[1][*theme_from_name("burglary")] == 30);
}
