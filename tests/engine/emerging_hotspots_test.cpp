#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "engine/emerging_hotspots.hpp"
#include "engine/fdr.hpp"
#include "engine/spatial_weights.hpp"

using namespace kvo::engine;
using Cat = EmergingCategory;

namespace {

using Sig = std::vector<std::int8_t>;

// An increasing, a decreasing and a flat z series of length n. Strictly monotone series of
// n = 10 give S = ±45, Var(S) = 10·9·25/18 = 125, |z| = 44/√125 = 3.94 (continuity
// corrected), p = 8.3e-5: a significant trend. A constant series has S = 0: no trend.
std::vector<double> rising(std::size_t n, double from = 2.0) {
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = from + 0.1 * static_cast<double>(i);
  return z;
}
std::vector<double> falling(std::size_t n, double from = 2.0) {
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = from - 0.1 * static_cast<double>(i);
  return z;
}
std::vector<double> flat(std::size_t n, double v) {
  return std::vector<double>(n, v);
}

Cat classify(const Sig& sig, const std::vector<double>& z) {
  return classify_emerging_series(sig, z).category;
}

struct Lattice {
  std::vector<double> x, y;
};
Lattice lattice(int cols, int rows, double spacing) {
  Lattice p;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      p.x.push_back(c * spacing);
      p.y.push_back(r * spacing);
    }
  return p;
}

// Plain reference of the space-time Gi* (Getis & Ord 1992 Gi*, the textbook form as ArcGIS
// documents it), written without the engine: bins (i, t) of a cell-major cube; neighbours of
// cell i are every j with |p_i − p_j| <= band (i itself included, weight 1) in steps
// t − k .. t that exist; x̄ = Σx/n and S = √(Σx²/n − x̄²) over all n bins;
// z = (Σ x_N − x̄ W)/(S √((n S1 − W²)/(n − 1))) with binary weights (S1 = W).
std::vector<double> reference_space_time_gi(const std::vector<double>& cube, const Lattice& p, std::size_t steps,
                                            double band, int k) {
  const std::size_t cells = p.x.size(), n = cells * steps;
  double sum = 0.0, sum2 = 0.0;
  for (double v : cube) {
    sum += v;
    sum2 += v * v;
  }
  const double dn = static_cast<double>(n), mean = sum / dn, s = std::sqrt(sum2 / dn - mean * mean);
  std::vector<double> z(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < cells; ++i)
    for (std::size_t t = 0; t < steps; ++t) {
      double local = 0.0, w = 0.0;
      for (std::size_t j = 0; j < cells; ++j) {
        if (std::hypot(p.x[i] - p.x[j], p.y[i] - p.y[j]) > band) continue;
        for (long u = static_cast<long>(t) - k; u <= static_cast<long>(t); ++u) {
          if (u < 0) continue;
          local += cube[j * steps + static_cast<std::size_t>(u)];
          w += 1.0;
        }
      }
      if (w == 1.0) continue;  // the bin alone
      z[i * steps + t] = (local - mean * w) / (s * std::sqrt((dn * w - w * w) / (dn - 1.0)));
    }
  return z;
}

// A 5 × 5 × 6 cube of small counts (cell-major, 6 steps per cell), fixed by hand: a cell
// cluster around (2, 2) that grows in the last steps over a background of 0..2.
std::vector<double> small_cube() {
  std::vector<double> cube;
  for (int c = 0; c < 25; ++c) {
    const int row = c / 5, col = c % 5;
    for (int t = 0; t < 6; ++t) {
      double v = static_cast<double>((c * 7 + t * 3) % 3);  // background 0, 1, 2
      if (std::abs(row - 2) <= 1 && std::abs(col - 2) <= 1 && t >= 3) v += 2.0 * (t - 2);
      cube.push_back(v);
    }
  }
  return cube;
}

}  // namespace

// ---- the 17 categories on hand-made series (n = 10 unless said) ---------------------------

TEST_CASE("emerging: no pattern when no bin is significant, whatever the z trend", "[emerging]") {
  CHECK(classify(Sig(10, 0), rising(10, -0.5)) == Cat::no_pattern);
  CHECK(classify(Sig(10, 0), flat(10, 0.0)) == Cat::no_pattern);
}

TEST_CASE("emerging: new hot and new cold spots are significant only at the final step", "[emerging]") {
  CHECK(classify({0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, rising(10, 0.0)) == Cat::new_hot);
  CHECK(classify({0, 0, 0, 0, 0, 0, 0, 0, 0, -1}, falling(10, 0.0)) == Cat::new_cold);
}

TEST_CASE("emerging: consecutive spots end in one uninterrupted run of at least two", "[emerging]") {
  CHECK(classify({0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, rising(10, 0.0)) == Cat::consecutive_hot);
  CHECK(classify({0, 0, 0, 0, 0, 0, 0, 0, -1, -1}, flat(10, -1.0)) == Cat::consecutive_cold);
  // 8 of 10 in the final run (< 90 %) is still consecutive; 9 of 10 is 90 %: persistent.
  CHECK(classify({0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, flat(10, 3.0)) == Cat::consecutive_hot);
  CHECK(classify({0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, flat(10, 3.0)) == Cat::persistent_hot);
}

TEST_CASE("emerging: intensifying, persistent and diminishing follow the trend of z at >= 90 %", "[emerging]") {
  const Sig hot(10, 1), cold(10, -1);
  CHECK(classify(hot, rising(10, 2.0)) == Cat::intensifying_hot);
  CHECK(classify(hot, flat(10, 3.0)) == Cat::persistent_hot);  // ties only: S = 0
  CHECK(classify(hot, falling(10, 4.0)) == Cat::diminishing_hot);
  // Cold: clustering of low values intensifies when z falls (more negative).
  CHECK(classify(cold, falling(10, -2.0)) == Cat::intensifying_cold);
  CHECK(classify(cold, flat(10, -3.0)) == Cat::persistent_cold);
  CHECK(classify(cold, rising(10, -4.0)) == Cat::diminishing_cold);
}

TEST_CASE("emerging: sporadic spots are on and off, final step included, never the opposite", "[emerging]") {
  CHECK(classify({0, 1, 0, 0, 1, 0, 0, 0, 0, 1}, flat(10, 1.0)) == Cat::sporadic_hot);
  CHECK(classify({-1, 0, 0, -1, -1, 0, 0, 0, -1, -1}, flat(10, -1.0)) == Cat::sporadic_cold);
  // An earlier hot bin before a final run of two makes the run not the only one: sporadic.
  CHECK(classify({1, 0, 0, 0, 0, 0, 0, 0, 1, 1}, flat(10, 1.0)) == Cat::sporadic_hot);
  // Hot in the past but not at the final step, under 90 %: no pattern (ArcGIS Pro's sporadic
  // requires the final step).
  CHECK(classify({0, 1, 0, 1, 0, 0, 0, 0, 0, 0}, flat(10, 1.0)) == Cat::no_pattern);
}

TEST_CASE("emerging: oscillating spots are significant at the final step after the opposite earlier", "[emerging]") {
  CHECK(classify({-1, 0, 0, 1, 0, 0, 0, 0, 0, 1}, flat(10, 0.0)) == Cat::oscillating_hot);
  CHECK(classify({1, 1, 0, 0, -1, 0, 0, 0, 0, -1}, flat(10, 0.0)) == Cat::oscillating_cold);
  // An earlier cold spot takes precedence over "new" and "consecutive" (as sfdep).
  CHECK(classify({-1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, flat(10, 0.0)) == Cat::oscillating_hot);
  CHECK(classify({-1, 0, 0, 0, 0, 0, 0, 0, 1, 1}, flat(10, 0.0)) == Cat::oscillating_hot);
}

TEST_CASE("emerging: historical spots were >= 90 % significant but not at the final step", "[emerging]") {
  CHECK(classify({1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, flat(10, 3.0)) == Cat::historical_hot);
  CHECK(classify({-1, -1, -1, -1, -1, -1, -1, -1, -1, 0}, flat(10, -3.0)) == Cat::historical_cold);
  // Even with a significant trend: the final step decides first.
  CHECK(classify({1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, falling(10, 4.0)) == Cat::historical_hot);
  // ≥ 90 % cold and hot at the final step: the 90 % family comes first (sfdep would say
  // oscillating hot; see docs/emerging.md).
  CHECK(classify({-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, flat(10, 0.0)) == Cat::historical_cold);
}

TEST_CASE("emerging: every category is reachable and has a distinct name", "[emerging]") {
  std::set<std::string_view> names;
  for (std::size_t c = 0; c < kEmergingCategoryCount; ++c) names.insert(emerging_category_name(static_cast<Cat>(c)));
  CHECK(names.size() == kEmergingCategoryCount);
  CHECK(emerging_category_name(Cat::no_pattern) == "no_pattern");
  CHECK(emerging_category_name(Cat::oscillating_hot) == "oscillating_hot_spot");
  CHECK(emerging_category_name(Cat::historical_cold) == "historical_cold_spot");
}

// ---- edge cases of the rules -----------------------------------------------------------------

TEST_CASE("emerging: the 90 % rule is exact in integers (10 h >= 9 n), no rounding", "[emerging]") {
  // n = 20: 18 hot (exactly 90 %) is persistent; 17 (85 %) with an interrupted history is sporadic.
  Sig s18(20, 1);
  s18[0] = s18[5] = 0;
  CHECK(classify(s18, flat(20, 3.0)) == Cat::persistent_hot);
  Sig s17 = s18;
  s17[10] = 0;
  CHECK(classify(s17, flat(20, 3.0)) == Cat::sporadic_hot);
  // n = 30: 27 is exactly 90 %, 26 (86.7 %) is not, even though 26/30 rounds to 0.9 at one digit.
  Sig s27(30, 1);
  s27[0] = s27[1] = s27[2] = 0;
  CHECK(classify(s27, flat(30, 3.0)) == Cat::persistent_hot);
  CHECK(classify(s27, rising(30)) == Cat::intensifying_hot);
  Sig s26 = s27;
  s26[3] = 0;
  CHECK(classify(s26, flat(30, 3.0)) == Cat::consecutive_hot);  // one final run of 26, nothing before
  // Below ten steps 90 % means every step: n = 5 with 4 hot is not persistent.
  CHECK(classify({0, 1, 1, 1, 1}, flat(5, 3.0)) == Cat::consecutive_hot);
  CHECK(classify({1, 1, 1, 1, 1}, flat(5, 3.0)) == Cat::persistent_hot);
}

TEST_CASE("emerging: ≥ 90 % hot with an earlier cold spot is judged by its trend, not as oscillating", "[emerging]") {
  Sig s(20, 1);
  s[0] = -1;
  s[1] = 0;  // 18 of 20 hot
  CHECK(classify(s, rising(20)) == Cat::intensifying_hot);
}

TEST_CASE("emerging: ties in z and short series give no trend", "[emerging]") {
  // Ties: z constant except one step; S = 9 for (1,1,...,1,2): Var(S) with a tie group of 9:
  // [10·9·25 − 9·8·23]/18 = 33, z = 8/√33 = 1.39, p = 0.16: no trend → persistent.
  std::vector<double> z(10, 1.0);
  z[9] = 2.0;
  const EmergingCell cell = classify_emerging_series(Sig(10, 1), z);
  CHECK(cell.trend.s == 9);
  CHECK(cell.trend.var_s == Approx(33.0));
  CHECK(cell.category == Cat::persistent_hot);
  CHECK(cell.hot_bins == 10);
  CHECK(cell.cold_bins == 0);
  // n = 1 and n = 2: no Mann–Kendall test; a lone hot step is 100 % hot → persistent.
  CHECK(classify({1}, {2.0}) == Cat::persistent_hot);
  CHECK(classify({0, 1}, {0.0, 2.0}) == Cat::new_hot);
  CHECK(classify({1, 1}, {2.0, 3.0}) == Cat::persistent_hot);
  CHECK(classify({}, {}) == Cat::no_pattern);
  // Only the sign of a significance value is read: Gi* bins classify the same.
  CHECK(classify({0, 0, 0, 0, 0, 0, 0, 2, 3, 1}, rising(10, 0.0)) == Cat::consecutive_hot);
  CHECK(classify({-3, 0, 0, 0, 0, 0, 0, 0, 0, 2}, flat(10, 0.0)) == Cat::oscillating_hot);
  // A trend at p just above trend_alpha is no trend.
  CHECK(classify_emerging(Sig(10, 1), TrendResult{10, 20, 125.0, 1.7, 0.0501, 0.4, 0.1, TrendClass::no_trend}, 0.05) ==
        Cat::persistent_hot);
  CHECK(classify_emerging(Sig(10, 1), TrendResult{10, 20, 125.0, 1.7, 0.0499, 0.4, 0.1, TrendClass::no_trend}, 0.05) ==
        Cat::intensifying_hot);
}

// ---- the space-time Gi* against a plain reference --------------------------------------------

TEST_CASE("emerging: space-time Gi* of a 5 x 5 x 6 cube matches the textbook formula to 1e-9", "[emerging]") {
  const Lattice p = lattice(5, 5, 10.0);
  const std::vector<double> cube = small_cube();
  for (double band : {10.0, 15.0}) {  // rook and queen neighbourhoods
    const SpatialWeights w = distance_band_weights(p.x, p.y, {band, 1});
    for (int k : {0, 1, 2}) {
      EmergingOptions o;
      o.time_window = k;
      o.threads = 1;
      o.fdr = false;
      const EmergingResult r = emerging_hotspots(cube, 25, 6, CubeLayout::cell_major, w, o);
      const std::vector<double> ref = reference_space_time_gi(cube, p, 6, band, k);
      REQUIRE(r.z.size() == ref.size());
      for (std::size_t b = 0; b < ref.size(); ++b) {
        INFO("band " << band << " k " << k << " bin " << b);
        CHECK(r.z[b] == Approx(ref[b]).margin(1e-9));
        CHECK(r.p[b] == Approx(std::erfc(std::fabs(ref[b]) / std::sqrt(2.0))).margin(1e-12));
        const int expected = r.p[b] < 0.05 ? (ref[b] > 0 ? 1 : -1) : 0;
        CHECK(r.significance[b] == expected);
      }
      CHECK(r.undefined_bins == 0);
    }
  }
  // A spot check written out by hand for the centre cell 12 at the final step, rook band,
  // k = 1: the neighbourhood is cells 7, 11, 12, 13, 17 in steps 4 and 5 (W = 10).
  const SpatialWeights rook = distance_band_weights(p.x, p.y, {10.0, 1});
  const EmergingResult r = emerging_hotspots(cube, 25, 6, CubeLayout::cell_major, rook);
  double local = 0.0;
  for (int c : {7, 11, 12, 13, 17})
    for (int t : {4, 5}) local += cube[static_cast<std::size_t>(c * 6 + t)];
  double sum = 0.0, sum2 = 0.0;
  for (double v : cube) {
    sum += v;
    sum2 += v * v;
  }
  const double mean = sum / 150.0, s = std::sqrt(sum2 / 150.0 - mean * mean);
  const double z = (local - 10.0 * mean) / (s * std::sqrt((150.0 * 10.0 - 100.0) / 149.0));
  CHECK(r.z[12 * 6 + 5] == Approx(z).margin(1e-9));
  CHECK(r.mean == Approx(mean).epsilon(1e-14));
  CHECK(r.sd == Approx(s).epsilon(1e-12));
}

TEST_CASE("emerging: step-major input, thread counts and FDR give consistent results", "[emerging]") {
  const Lattice p = lattice(5, 5, 10.0);
  const std::vector<double> cube = small_cube();
  std::vector<double> by_step(cube.size());
  for (std::size_t c = 0; c < 25; ++c)
    for (std::size_t t = 0; t < 6; ++t) by_step[t * 25 + c] = cube[c * 6 + t];
  const SpatialWeights w = distance_band_weights(p.x, p.y, {15.0, 1});
  EmergingOptions o;
  o.threads = 1;
  o.fdr = false;
  const EmergingResult a = emerging_hotspots(cube, 25, 6, CubeLayout::cell_major, w, o);
  o.threads = 3;
  const EmergingResult b = emerging_hotspots(by_step, 25, 6, CubeLayout::step_major, w, o);
  for (std::size_t q = 0; q < a.z.size(); ++q) CHECK(a.z[q] == b.z[q]);  // bit-identical
  CHECK(a.significance == b.significance);
  for (std::size_t i = 0; i < 25; ++i) CHECK(a.cells[i].category == b.cells[i].category);

  // With FDR, significance is p <= the BH threshold of all bins at alpha.
  o.fdr = true;
  const EmergingResult f = emerging_hotspots(cube, 25, 6, CubeLayout::cell_major, w, o);
  const double thr = bh_threshold(a.p, 0.05);
  CHECK(f.threshold == thr);
  for (std::size_t q = 0; q < a.p.size(); ++q) {
    const int expected = (thr > 0.0 && a.p[q] <= thr) ? (a.z[q] > 0 ? 1 : -1) : 0;
    CHECK(f.significance[q] == expected);
  }

  // The per-cell result is the classifier applied to the cell's own bins.
  std::size_t counted = 0;
  for (std::size_t i = 0; i < 25; ++i) {
    const Sig sig(a.significance.begin() + static_cast<long>(i * 6),
                  a.significance.begin() + static_cast<long>(i * 6 + 6));
    const std::vector<double> z(a.z.begin() + static_cast<long>(i * 6), a.z.begin() + static_cast<long>(i * 6 + 6));
    const EmergingCell cell = classify_emerging_series(sig, z);
    CHECK(a.cells[i].category == cell.category);
    CHECK(a.cells[i].trend.s == cell.trend.s);
    CHECK(a.cells[i].hot_bins == cell.hot_bins);
    counted += a.category_counts[static_cast<std::size_t>(a.cells[i].category)] > 0;
  }
  CHECK(counted == 25);
}

TEST_CASE("emerging: a cluster that appears in the last two steps is a consecutive hot spot", "[emerging]") {
  // 9 × 9 cells, 12 steps, background 1 everywhere; the 3 × 3 block around cell (4, 4) gets
  // 6 more per bin in the last two steps. Queen band, k = 1.
  const Lattice p = lattice(9, 9, 10.0);
  const std::size_t cells = 81, steps = 12;
  std::vector<double> cube(cells * steps, 1.0);
  for (int r = 3; r <= 5; ++r)
    for (int c = 3; c <= 5; ++c)
      for (std::size_t t = 10; t < 12; ++t) cube[static_cast<std::size_t>(r * 9 + c) * steps + t] += 6.0;
  const EmergingResult res =
      emerging_hotspots(cube, cells, steps, CubeLayout::cell_major, distance_band_weights(p.x, p.y, {15.0, 1}));
  CHECK(res.cells[40].category == Cat::consecutive_hot);
  CHECK(res.cells[40].hot_bins == 2);
  CHECK(res.cells[0].category == Cat::no_pattern);
  CHECK(res.count_trend.s == 20);  // totals 81 × 10 then 135 × 2: 10 · 2 rising pairs
}

TEST_CASE("emerging: the overall count trend is Mann-Kendall of the cube's total per step", "[emerging]") {
  // Totals 3, 5, 4, 6 (two cells): S = +1 +1 +1 −1 +1 +1 = 4, as trend_test's (1, 3, 2, 4).
  const std::vector<double> cube = {1, 2, 2, 3, 2, 3, 2, 3};  // cell-major, 2 cells × 4 steps
  SpatialWeights w;
  w.row_offsets = {0, 1, 2};
  w.columns = {1, 0};
  const EmergingResult r = emerging_hotspots(cube, 2, 4, CubeLayout::cell_major, w);
  CHECK(r.count_trend.s == 4);
  CHECK(r.count_trend.n == 4);
}

TEST_CASE("emerging: a cell without neighbours is undefined only where its neighbourhood is itself", "[emerging]") {
  const Lattice p = lattice(3, 1, 10.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {5.0, 1});  // every cell alone
  const std::vector<double> cube = {0, 1, 2, 3, 1, 1, 1, 1, 5, 0, 0, 1};
  EmergingOptions o;
  o.time_window = 0;
  EmergingResult r = emerging_hotspots(cube, 3, 4, CubeLayout::cell_major, w, o);
  CHECK(r.undefined_bins == 12);
  for (double z : r.z) CHECK(std::isnan(z));
  for (const EmergingCell& c : r.cells) CHECK(c.category == Cat::no_pattern);
  o.time_window = 1;
  r = emerging_hotspots(cube, 3, 4, CubeLayout::cell_major, w, o);
  CHECK(r.undefined_bins == 3);  // step 0 of each cell
  CHECK(std::isnan(r.z[0]));
  CHECK_FALSE(std::isnan(r.z[1]));
}

TEST_CASE("emerging: an all-equal cube has z 0, p 1 and no pattern", "[emerging]") {
  const Lattice p = lattice(3, 3, 10.0);
  const std::vector<double> cube(9 * 5, 2.0);
  const EmergingResult r =
      emerging_hotspots(cube, 9, 5, CubeLayout::cell_major, distance_band_weights(p.x, p.y, {10.0, 1}));
  CHECK(r.constant);
  for (std::size_t q = 0; q < r.z.size(); ++q) {
    CHECK(r.z[q] == 0.0);
    CHECK(r.p[q] == 1.0);
  }
  CHECK(r.category_counts[0] == 9);
}

TEST_CASE("emerging: bad sizes are refused", "[emerging]") {
  const Lattice p = lattice(3, 3, 10.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {10.0, 1});
  CHECK_THROWS_AS(emerging_hotspots(std::vector<double>(10), 9, 2, CubeLayout::cell_major, w), std::invalid_argument);
  CHECK_THROWS_AS(emerging_hotspots(std::vector<double>(8), 4, 2, CubeLayout::cell_major, w), std::invalid_argument);
  EmergingOptions o;
  o.time_window = -1;
  CHECK_THROWS_AS(emerging_hotspots(std::vector<double>(18), 9, 2, CubeLayout::cell_major, w, o),
                  std::invalid_argument);
}
