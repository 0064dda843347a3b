#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

#include "engine/kde.hpp"

using namespace kvo::engine;

namespace {

constexpr double kPi = std::numbers::pi;

// Portable uniform double in [0, 1) from a seeded engine (53 random bits).
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// The published kernel formulas (docs/contract/SPEC.md §4; Silverman 1986 eq. 4.5 for the quartic; the
// Gaussian as chosen in docs/density.md), written out independently of engine/kde.cpp.
double reference_kernel(Kernel k, double d, double r) {
  if (d >= r) return 0.0;
  const double q = d * d / (r * r);
  switch (k) {
    case Kernel::quartic: return 3.0 / (kPi * r * r) * (1.0 - q) * (1.0 - q);
    case Kernel::triangular: return 3.0 / (kPi * r * r) * (1.0 - d / r);
    case Kernel::epanechnikov: return 2.0 / (kPi * r * r) * (1.0 - q);
    case Kernel::uniform: return 1.0 / (kPi * r * r);
    case Kernel::gaussian: {
      const double sigma = r / 3.0;
      return std::exp(-d * d / (2.0 * sigma * sigma)) / (2.0 * kPi * sigma * sigma * (1.0 - std::exp(-4.5)));
    }
  }
  return 0.0;
}

constexpr Kernel kAllKernels[] = {Kernel::quartic, Kernel::triangular, Kernel::epanechnikov, Kernel::uniform,
                                  Kernel::gaussian};

RasterGrid grid_of(double ox, double oy, double cell, std::int32_t cols, std::int32_t rows) {
  RasterGrid g;
  g.origin_x = ox;
  g.origin_y = oy;
  g.cell_size_m = cell;
  g.cols = cols;
  g.rows = rows;
  return g;
}

}  // namespace

TEST_CASE("a single point gives each kernel's exact values at known distances", "[engine][kde]") {
  // One point at the centre of cell (10, 10) of a 1 m grid; cells (13, 14) and (16, 18)
  // are at 5 m and 10 m (3-4-5 and 6-8-10 triangles), cell (10, 10) at 0 m.
  const RasterGrid g = grid_of(0.0, 21.0, 1.0, 21, 21);
  const std::vector<double> x{10.5}, y{10.5};
  const KdePoints pts{x, y, {}};
  const double r = 10.0;
  const double c = 3.0 / (kPi * 100.0);  // 3/(π r²)
  struct Expect {
    Kernel kernel;
    double at0, at5;
  };
  const double sigma2 = 100.0 / 9.0;
  const double gauss_norm = 1.0 / (2.0 * kPi * sigma2 * (1.0 - std::exp(-4.5)));
  const Expect expect[] = {
      {Kernel::quartic, c, c * 0.75 * 0.75},                             // (1 − 25/100)²
      {Kernel::triangular, c, c * 0.5},                                  // 1 − 5/10
      {Kernel::epanechnikov, 2.0 / (kPi * 100.0), 2.0 / (kPi * 100.0) * 0.75},
      {Kernel::uniform, 1.0 / (kPi * 100.0), 1.0 / (kPi * 100.0)},
      {Kernel::gaussian, gauss_norm, gauss_norm * std::exp(-25.0 / (2.0 * sigma2))},
  };
  for (const Expect& e : expect) {
    INFO(kernel_name(e.kernel));
    const std::vector<double> d = kde_density_m2(pts, g, e.kernel, r, 1);
    REQUIRE(d.size() == g.cell_count());
    CHECK(d[g.index(10, 10)] == Approx(e.at0).epsilon(1e-12));
    CHECK(d[g.index(13, 14)] == Approx(e.at5).epsilon(1e-12));
    CHECK(d[g.index(7, 6)] == Approx(e.at5).epsilon(1e-12));
    CHECK(d[g.index(16, 18)] == 0.0);  // exactly at r: outside the support
    CHECK(d[g.index(0, 0)] == 0.0);
    CHECK(kernel_value(e.kernel, 5.0, r) == Approx(e.at5).epsilon(1e-12));

    // compute_kde reports incidents per hectare per year: K · 10 000 m²/ha / years.
    KdeOptions o;
    o.kernel = e.kernel;
    o.bandwidth_m = r;
    o.cell_size_m = 1.0;
    o.years = 2.0;
    o.grid = g;
    const KdeResult k = compute_kde(pts, o);
    CHECK_FALSE(k.bandwidth_auto);
    CHECK(k.bandwidth_m == r);
    CHECK(k.raster.at(13, 14) == Approx(e.at5 * 10000.0 / 2.0).epsilon(1e-6));
  }
}

TEST_CASE("each kernel integrates to one over the plane", "[engine][kde]") {
  // Composite Simpson rule of ∫₀^r K(d) 2πd dd, stopping a hair before r so the uniform
  // kernel's jump at r does not enter a panel.
  const double r = 137.0;
  for (Kernel k : kAllKernels) {
    INFO(kernel_name(k));
    const int panels = 20000;
    const double b = r * (1.0 - 1e-13);
    const double h = b / panels;
    double sum = 0.0;
    for (int i = 0; i <= panels; ++i) {
      const double d = i * h;
      const double f = kernel_value(k, d, r) * 2.0 * kPi * d;
      sum += (i == 0 || i == panels) ? f : (i % 2 ? 4.0 * f : 2.0 * f);
    }
    CHECK(sum * h / 3.0 == Approx(1.0).epsilon(1e-9));
  }
}

TEST_CASE("the surface sums to the number of incidents times the inverse cell area away from edges",
          "[engine][kde]") {
  // Points at least r from every grid edge: Σ cells K · cell area = Σw up to the
  // discretisation of the kernel at cell centres (r = 10 cells).
  std::mt19937_64 rng(20240101);
  const RasterGrid g = grid_of(0.0, 400.0, 5.0, 80, 80);
  std::vector<double> x, y;
  std::vector<float> w;
  for (int i = 0; i < 400; ++i) {
    x.push_back(60.0 + 280.0 * unit(rng));
    y.push_back(60.0 + 280.0 * unit(rng));
    w.push_back(i % 3 == 0 ? 2.0F : 1.0F);
  }
  double total = 0.0;
  for (float v : w) total += v;
  for (Kernel k : kAllKernels) {
    INFO(kernel_name(k));
    const std::vector<double> d = kde_density_m2(KdePoints{x, y, w}, g, k, 50.0, 2);
    double sum = 0.0;
    for (double v : d) sum += v;
    // Smooth kernels: a few 1e-6 here. The uniform kernel's jump counts lattice points in
    // a disc (Gauss circle problem): about ±3 % per point at r = 10 cells, which averages
    // down over 400 points to a few 1e-4.
    const double tol = k == Kernel::uniform ? 1e-3 : 1e-4;
    CHECK(sum * g.cell_area_m2() == Approx(total).epsilon(tol));
  }
}

TEST_CASE("symmetric input gives symmetric output", "[engine][kde]") {
  // A 12 × 12 grid of 10 m cells centred on (0, 0); points mirrored in both axes and
  // in the diagonal. The surface must have the same symmetries.
  const RasterGrid g = grid_of(-60.0, 60.0, 10.0, 12, 12);
  std::vector<double> x, y;
  for (const auto& [a, b] : {std::pair{12.25, 31.5}, std::pair{3.75, 7.0}}) {
    for (double sx : {1.0, -1.0})
      for (double sy : {1.0, -1.0}) {
        x.push_back(sx * a);
        y.push_back(sy * b);
        x.push_back(sy * b);
        y.push_back(sx * a);
      }
  }
  for (Kernel k : kAllKernels) {
    INFO(kernel_name(k));
    const std::vector<double> d = kde_density_m2(KdePoints{x, y, {}}, g, k, 35.0, 1);
    double max = 0.0;
    for (double v : d) max = std::max(max, v);
    REQUIRE(max > 0.0);
    for (std::int32_t r = 0; r < 12; ++r)
      for (std::int32_t c = 0; c < 12; ++c) {
        const double v = d[g.index(c, r)];
        CHECK(d[g.index(11 - c, r)] == Approx(v).margin(1e-12 * max));
        CHECK(d[g.index(c, 11 - r)] == Approx(v).margin(1e-12 * max));
        CHECK(d[g.index(r, c)] == Approx(v).margin(1e-12 * max));
      }
  }
}

TEST_CASE("the fast path agrees with a brute-force oracle over every point and cell", "[engine][kde]") {
  std::mt19937_64 rng(7);
  const RasterGrid g = grid_of(1000.0, 5000.0, 7.5, 61, 83);  // 457.5 m × 622.5 m
  std::vector<double> x, y;
  std::vector<float> w;
  for (int i = 0; i < 300; ++i) {
    // Some points fall outside the grid, within and beyond the radius.
    x.push_back(900.0 + 660.0 * unit(rng));
    y.push_back(4300.0 + 820.0 * unit(rng));
    w.push_back(static_cast<float>(0.25 + 3.0 * unit(rng)));
  }
  const double r = 43.0;
  for (Kernel k : kAllKernels) {
    INFO(kernel_name(k));
    const std::vector<double> fast = kde_density_m2(KdePoints{x, y, w}, g, k, r, 3);
    REQUIRE(fast.size() == g.cell_count());
    double max = 0.0;
    std::size_t nonzero = 0;
    for (std::int32_t row = 0; row < g.rows; ++row)
      for (std::int32_t col = 0; col < g.cols; ++col) {
        const double cx = g.origin_x + (col + 0.5) * g.cell_size_m;
        const double cy = g.origin_y - (row + 0.5) * g.cell_size_m;
        double ref = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i)
          ref += w[i] * reference_kernel(k, std::hypot(cx - x[i], cy - y[i]), r);
        max = std::max(max, ref);
        if (ref > 0.0) ++nonzero;
        CHECK(fast[g.index(col, row)] == Approx(ref).epsilon(1e-9).margin(1e-15));
      }
    CHECK(nonzero > g.cell_count() / 2);
  }
}

TEST_CASE("results are bit-identical whatever the thread count", "[engine][kde]") {
  std::mt19937_64 rng(99);
  const RasterGrid g = grid_of(0.0, 2000.0, 10.0, 150, 200);  // several row bands
  std::vector<double> x, y;
  for (int i = 0; i < 5000; ++i) {
    x.push_back(1500.0 * unit(rng));
    y.push_back(2000.0 * unit(rng));
  }
  const std::vector<double> one = kde_density_m2(KdePoints{x, y, {}}, g, Kernel::quartic, 80.0, 1);
  for (int threads : {2, 3, 7, 0}) {
    INFO(threads);
    const std::vector<double> many = kde_density_m2(KdePoints{x, y, {}}, g, Kernel::quartic, 80.0, threads);
    CHECK(many == one);
  }
}

TEST_CASE("the auto bandwidth equals the ArcGIS rule computed by hand", "[engine][kde]") {
  // ArcGIS Pro, "How Kernel Density works": r = 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−0.2).
  SECTION("standard distance is the smaller term") {
    // Mean centre (0, 0); SD = √((4+4)/5 + (4+4)/5) = √3.2; distances 0,2,2,2,2 → Dm = 2;
    // √(1/ln 2) · 2 = 2.402 > √3.2 = 1.789.
    const std::vector<double> x{0, 2, 0, -2, 0}, y{0, 0, 2, 0, -2};
    const AutoBandwidth a = auto_bandwidth(KdePoints{x, y, {}});
    CHECK(a.mean_x == Approx(0.0).margin(1e-15));
    CHECK(a.standard_distance_m == Approx(std::sqrt(3.2)).epsilon(1e-14));
    CHECK(a.median_distance_m == Approx(2.0).epsilon(1e-14));
    CHECK(a.n == 5.0);
    CHECK(a.bandwidth_m == Approx(0.9 * std::sqrt(3.2) * std::pow(5.0, -0.2)).epsilon(1e-14));
    CHECK(a.bandwidth_m == Approx(1.16687275).epsilon(1e-8));
  }
  SECTION("median distance is the smaller term, even n averages the middle pair") {
    // On the x axis: mean (−1 + 3 − 32 + 30)/4 = 0; distances 1, 3, 30, 32 → Dm = 16.5;
    // SD = √((1 + 9 + 1024 + 900)/4) = √483.5 = 21.99 > √(1/ln 2) · 16.5 = 19.82.
    const std::vector<double> x{-1, 3, -32, 30}, y{5, 5, 5, 5};
    const AutoBandwidth a = auto_bandwidth(KdePoints{x, y, {}});
    CHECK(a.mean_y == Approx(5.0).epsilon(1e-15));
    CHECK(a.standard_distance_m == Approx(std::sqrt(483.5)).epsilon(1e-14));
    CHECK(a.median_distance_m == Approx(16.5).epsilon(1e-14));
    CHECK(a.bandwidth_m == Approx(0.9 * std::sqrt(1.0 / std::log(2.0)) * 16.5 * std::pow(4.0, -0.2)).epsilon(1e-14));
  }
  SECTION("weights enter the mean centre, the standard distance, the median and n") {
    // x = 0 (w 1), 6 (w 1), −3 (w 2): Σw = 4, mean 0, SD = √((36 + 2·9)/4) = √13.5;
    // cumulative weights by distance 0, 3, 6 are 1, 3, 4 → weighted median 3;
    // √(1/ln 2) · 3 = 3.603 < √13.5 = 3.674. Same as the point at −3 listed twice.
    const std::vector<double> x{0, 6, -3}, y{0, 0, 0};
    const std::vector<float> w{1, 1, 2};
    const AutoBandwidth a = auto_bandwidth(KdePoints{x, y, w});
    CHECK(a.n == 4.0);
    CHECK(a.standard_distance_m == Approx(std::sqrt(13.5)).epsilon(1e-14));
    CHECK(a.median_distance_m == Approx(3.0).epsilon(1e-14));
    const double expected = 0.9 * std::sqrt(1.0 / std::log(2.0)) * 3.0 * std::pow(4.0, -0.2);
    CHECK(a.bandwidth_m == Approx(expected).epsilon(1e-14));
    const std::vector<double> x2{0, 6, -3, -3}, y2{0, 0, 0, 0};
    CHECK(auto_bandwidth(KdePoints{x2, y2, {}}).bandwidth_m == Approx(expected).epsilon(1e-14));
  }
  SECTION("undefined for one location") {
    const std::vector<double> x{5, 5, 5}, y{1, 1, 1};
    CHECK(auto_bandwidth(KdePoints{x, y, {}}).bandwidth_m == 0.0);
    CHECK(auto_bandwidth(KdePoints{}).bandwidth_m == 0.0);
    KdeOptions o;
    CHECK_THROWS_AS(compute_kde(KdePoints{x, y, {}}, o), std::invalid_argument);
  }
}

TEST_CASE("compute_kde resolves the auto bandwidth and pads the points' envelope by it on the aligned lattice",
          "[engine][kde]") {
  const std::vector<double> x{0, 2, 0, -2, 0, 103}, y{0, 0, 2, 0, -2, 47};
  KdeOptions o;
  o.cell_size_m = 4.0;
  o.origin_x = 1.0;
  o.origin_y = 3.0;
  const KdeResult k = compute_kde(KdePoints{x, y, {}}, o);
  const double r = auto_bandwidth(KdePoints{x, y, {}}).bandwidth_m;
  CHECK(k.bandwidth_auto);
  CHECK(k.bandwidth_m == r);
  CHECK(k.total_weight == 6.0);
  const Envelope e = k.raster.grid.extent();
  CHECK(e.min_x <= -2.0 - r);
  CHECK(e.min_x > -2.0 - r - 4.0);
  CHECK(e.max_x >= 103.0 + r);
  CHECK(e.max_y >= 47.0 + r);
  CHECK(e.min_y <= -2.0 - r);
  const double kx = (k.raster.grid.origin_x - 1.0) / 4.0;
  const double ky = (k.raster.grid.origin_y - 3.0) / 4.0;
  CHECK(kx == std::round(kx));
  CHECK(ky == std::round(ky));
}

TEST_CASE("kernel names round-trip and unknown names are refused", "[engine][kde]") {
  for (Kernel k : kAllKernels) CHECK(kernel_from_name(kernel_name(k)) == k);
  CHECK(kernel_name(Kernel::quartic) == "quartic");
  CHECK_FALSE(kernel_from_name("biweight").has_value());
  CHECK(KdeOptions{}.kernel == Kernel::quartic);
}

TEST_CASE("a progress callback that returns false cancels the estimate", "[engine][kde]") {
  const std::vector<double> x{10, 20}, y{10, 20};
  KdeOptions o;
  o.bandwidth_m = 15.0;
  int calls = 0;
  const KdeResult k = compute_kde(KdePoints{x, y, {}}, o, [&](double) { return ++calls < 0; });
  CHECK(calls >= 1);
  CHECK(k.cancelled);
  CHECK(k.raster.data.empty());
}

TEST_CASE("bad options are refused", "[engine][kde]") {
  const std::vector<double> x{10, 20}, y{10, 20};
  const std::vector<double> y_short{10};
  KdeOptions o;
  o.bandwidth_m = -1.0;
  CHECK_THROWS_AS(compute_kde(KdePoints{x, y, {}}, o), std::invalid_argument);
  o.bandwidth_m = 10.0;
  o.years = 0.0;
  CHECK_THROWS_AS(compute_kde(KdePoints{x, y, {}}, o), std::invalid_argument);
  o.years = 1.0;
  o.cell_size_m = 0.0;
  CHECK_THROWS_AS(compute_kde(KdePoints{x, y, {}}, o), std::invalid_argument);
  o.cell_size_m = 10.0;
  CHECK_THROWS_AS(compute_kde(KdePoints{x, y_short, {}}, o), std::invalid_argument);
}

TEST_CASE("density change is follow-up minus baseline on identical grids, nodata where either is",
          "[engine][kde]") {
  const RasterGrid g = grid_of(0.0, 20.0, 10.0, 2, 2);
  Raster base = make_raster(g);
  Raster follow = make_raster(g);
  base.data = {1.0F, 2.0F, base.nodata, 4.0F};
  follow.data = {3.0F, 1.5F, 7.0F, follow.nodata};
  const Raster d = compute_density_change(base, follow);
  CHECK(d.data[0] == 2.0F);
  CHECK(d.data[1] == -0.5F);
  CHECK(d.is_nodata(2));
  CHECK(d.is_nodata(3));

  Raster shifted = follow;
  shifted.grid.origin_x += 5.0;
  CHECK_THROWS_AS(compute_density_change(base, shifted), std::invalid_argument);
  Raster bigger = make_raster(grid_of(0.0, 20.0, 10.0, 3, 2));
  CHECK_THROWS_AS(compute_density_change(base, bigger), std::invalid_argument);
}
