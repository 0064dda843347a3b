#include <catch2/catch.hpp>

#include <cmath>

#include "engine/area_hotspots.hpp"

using namespace kvo::engine;

// A row of five unit squares 0-1-2-3-4 (queen neighbours are the squares beside each
// other) and a sixth area of another kind. Gi* by hand for area 0 with x = (10,1,1,1,1):
// n = 5, x̄ = 2.8, S = √(104/5 − 2.8²) = √12.96 = 3.6; area 0 has W = 2 (self + 1), S1 = 2,
// Σ w x = 11: z = (11 − 5.6) / (3.6 √((10 − 4)/4)) = 5.4 / (3.6 · 1.224745) = 1.224745.
TEST_CASE("area hotspots use queen contiguity within one kind of area", "[engine][area_hotspots]") {
  Areas areas;
  for (int i = 0; i < 5; ++i) {
    Polygon p;
    p.outer() = {{double(i), 0}, {double(i), 1}, {double(i + 1), 1}, {double(i + 1), 0}, {double(i), 0}};
    areas.geometry.push_back({p});
    areas.area_m2.push_back(10000.0);  // 1 ha each
  }
  Polygon big;
  big.outer() = {{0, 0}, {0, 1}, {5, 1}, {5, 0}, {0, 0}};
  areas.geometry.push_back({big});
  areas.area_m2.push_back(50000.0);
  AreaStats stats;
  const double counts[] = {10, 1, 1, 1, 1, 14};
  for (std::int32_t a = 0; a < 6; ++a) {
    stats.area.push_back(a);
    stats.period.push_back(PeriodId::baseline);
    stats.theme.push_back(kThemeAll);
    stats.count.push_back(static_cast<std::int64_t>(counts[a]));
    stats.per_ha_year.push_back(counts[a]);  // 1 ha, 1 year
  }
  const auto h = compute_area_hotspots(stats, areas, {0, 0, 0, 0, 0, 1}, {}, {.permutations = 99});
  CHECK(h.computed[0] == 1);
  CHECK(h.computed[5] == 0);  // a group of one area gets nothing
  CHECK(std::isnan(h.gi_z[5]));
  CHECK(h.gi_z[0] == Approx(1.224745).epsilon(1e-6));
}
