#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "engine/fdr.hpp"
#include "engine/gistar.hpp"
#include "hotspot_columbus_data.hpp"

using namespace kvo::engine;

namespace {

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

// Getis & Ord (1996) remote-sensing example: R spData `getisord` (go_xyz$val), a 16 × 16
// lattice with 30 m spacing, stored from the bottom-left, row by row.
const std::vector<double> kGetisOrdValues = {
    40,  41,  42,  43, 49,  54,  47,  44,  42,  44,  43,  46,  52,  56,  56, 61, 40,  42, 41,  40,  43,  49,
    46,  42,  42,  43, 43,  49,  59,  62,  53,  62,  43,  42,  40,  42,  42, 42, 41,  42, 42,  43,  42,  53,
    66,  61,  51,  62, 44,  41,  39,  42,  44,  43,  42,  42,  42,  43,  43, 49, 56,  53, 53,  61,  42,  43,
    44,  43,  42,  41, 42,  44,  43,  43,  44,  47,  58,  59,  55,  61,  52, 59, 61,  56, 41,  40,  43,  44,
    46,  48,  50,  52, 68,  69,  60,  61,  62,  62,  86,  85,  55,  59,  64, 72, 75,  70, 70,  62,  66,  61,
    55,  57,  65,  62, 68,  72,  102, 94,  90,  83,  74,  81,  96,  69,  52, 50, 51,  54, 62,  59,  55,  61,
    99,  97,  93,  80, 65,  87,  107, 80,  59,  60,  67,  66,  62,  55,  56, 56, 80,  90, 99,  88,  64,  91,
    112, 94,  76,  91, 100, 85,  63,  57,  58,  58,  77,  92,  82,  71,  59, 90, 105, 92, 79,  98,  110, 83,
    59,  58,  60,  64, 88,  99,  82,  81,  71,  80,  89,  89,  89,  102, 104, 75, 55,  54, 53,  61,  82,  102,
    88,  93,  96,  94, 110, 114, 109, 103, 92,  68,  55,  55,  56,  60,  91, 95, 86,  98, 115, 105, 110, 107,
    101, 89,  85,  68, 62,  63,  64,  59,  85,  88,  95,  106, 110, 99,  89, 82, 79,  84, 97,  79,  55,  56,
    54,  58,  65,  75, 82,  77,  74,  74,  69,  61,  62,  71,  73,  63};

}  // namespace

TEST_CASE("Gi* on a 5 x 5 grid with one incident in the centre matches the hand computation",
          "[engine][gistar]") {
  // n = 25, x̄ = 0.04, S² = 0.04 − 0.0016 = 0.0384; rook band plus self.
  // Centre: W = 5, Σwx = 1: z = 0.8 / (√0.0384 √(100/24)) = 0.8 / 0.4 = 2.
  // Diagonal neighbour (1,1): W = 5, Σwx = 0: z = −0.2 / 0.4 = −0.5.
  // Corner: W = 3: z = −0.12 / √(0.0384 · 66/24); edge (0,2): W = 4: z = −0.16 / √(0.0384 · 84/24).
  const Lattice p = lattice(5, 5, 10.0);
  std::vector<double> x(25, 0.0);
  x[12] = 1.0;
  const GiStarResult r = compute_gi_star(x, distance_band_weights(p.x, p.y, {10.0, 1}));
  CHECK(r.z[12] == Approx(2.0).epsilon(1e-12));
  CHECK(r.z[7] == Approx(2.0).epsilon(1e-12));
  CHECK(r.z[6] == Approx(-0.5).epsilon(1e-12));
  CHECK(r.z[0] == Approx(-0.12 / std::sqrt(0.0384 * 66.0 / 24.0)).epsilon(1e-12));
  CHECK(r.z[10] == Approx(-0.16 / std::sqrt(0.0384 * 84.0 / 24.0)).epsilon(1e-12));
  CHECK(r.p[12] == Approx(0.04550026389635842).epsilon(1e-12));  // 2(1 − Φ(2))
  CHECK(r.bin[12] == 2);
  CHECK(r.bin[0] == 0);
  CHECK(r.islands == 0);
}

TEST_CASE("Gi* matches the six-point example of PySAL esda's G_Local documentation", "[engine][gistar]") {
  // esda/getisord.py, G_Local docstring: DistanceBand(points, threshold=15),
  // y = [2, 3, 3.2, 5, 8, 7], G_Local(y, w, transform='B', star=True).Zs.
  const std::vector<double> x = {10, 20, 40, 15, 30, 30};
  const std::vector<double> y = {10, 10, 10, 20, 20, 30};
  const std::vector<double> v = {2, 3, 3.2, 5, 8, 7};
  const GiStarResult r = compute_gi_star(v, distance_band_weights(x, y, {15.0, 1}));
  const std::vector<double> zs = {-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331};
  for (std::size_t i = 0; i < 6; ++i) CHECK(r.z[i] == Approx(zs[i]).margin(1e-8));
}

TEST_CASE("Gi* matches the Getis & Ord (1996) lattice in R spdep's localG help for bands 30 to 150",
          "[engine][gistar]") {
  // spdep 1.2-7 man/localG.Rd example: localG(xyz$val, nb2listw(include.self(dnearneigh(xy, 0, d)),
  // style = "B")) at cell length(xyz$val) − 136 (Getis and Ord's 136th cell, our index 119).
  // The help page also shows Getis & Ord's published value for d = 30 (their eq. 14.2): 1.45.
  const Lattice p = lattice(16, 16, 30.0);
  const std::vector<std::pair<double, double>> expected = {{30, 1.450779807387},  {60, 1.900558882867},
                                                           {90, 2.096938746468},  {120, 1.981906851955},
                                                           {150, 1.306698444178}};
  for (const auto& [d, z] : expected) {
    const GiStarResult r = compute_gi_star(kGetisOrdValues, distance_band_weights(p.x, p.y, {d, 2}));
    CHECK(r.z[119] == Approx(z).margin(1e-9));
  }
  // Every cell for d = 30 (a few spot checks of the full spdep vector, including the corners).
  const GiStarResult r = compute_gi_star(kGetisOrdValues, distance_band_weights(p.x, p.y, {30.0, 1}));
  CHECK(r.z[0] == Approx(-2.229709558488).margin(1e-9));
  CHECK(r.z[15] == Approx(-0.589138323382).margin(1e-9));
  CHECK(r.z[200] == Approx(2.990579271280).margin(1e-9));
  CHECK(r.z[255] == Approx(0.429147270821).margin(1e-9));
  CHECK(r.z[214] == Approx(2.836599324891).margin(1e-9));
}

TEST_CASE("Gi* with queen contiguity on the Columbus polygons matches R spdep", "[engine][gistar]") {
  // spdep 1.2-7: localG(CRIME, nb2listw(include.self(poly2nb(columbus)), style = "B")).
  std::vector<MultiPolygon> polys;
  for (const auto& ring : kvo::test::columbus::kRings) {
    Polygon p;
    for (std::size_t v = 0; v + 1 < ring.size(); v += 2) p.outer().emplace_back(ring[v], ring[v + 1]);
    polys.push_back({p});
  }
  const GiStarResult r = compute_gi_star(kvo::test::columbus::kCrime, queen_weights(polys, {1.5e-8}));
  const std::vector<double> expected = {
      -1.432779653966, -1.340008097464, -0.771998680953, -0.131733364491, 1.285362798437,  0.068648043811,
      0.661364837748,  1.013023950617,  0.219143443233,  -1.137527663350, 2.625150847289,  1.715366544908,
      0.661364837748,  1.661277238022,  2.520775918142,  3.475051356160,  -1.539587759508, 2.060228193693,
      1.663063548850,  -1.263145774670, 0.958012606423,  0.078755149141,  -2.002812025237, 3.271094431808,
      3.195171614553,  2.118912927901,  0.281128853784,  2.805861287586,  3.286070239103,  2.630255905041,
      -2.041135558681, -2.851023176580, 0.435414021413,  -1.780380314324, -0.234826636265, -2.674719151666,
      2.501119964227,  1.701238406384,  -2.273242667654, -2.324828432953, -1.821072956716, -1.802550629917,
      0.188579044241,  -0.158210621180, -0.516733173656, -1.974722339361, -1.510601446694, -0.981641993062,
      -1.133104653719};
  REQUIRE(r.z.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(r.z[i] == Approx(expected[i]).margin(1e-9));
}

TEST_CASE("Gi* z-scores do not change when the counts are scaled", "[engine][gistar]") {
  const Lattice p = lattice(16, 16, 30.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {60.0, 1});
  std::vector<double> scaled = kGetisOrdValues;
  for (double& v : scaled) v *= 7.25;
  const GiStarResult a = compute_gi_star(kGetisOrdValues, w), b = compute_gi_star(scaled, w);
  for (std::size_t i = 0; i < a.z.size(); ++i) CHECK(b.z[i] == Approx(a.z[i]).margin(1e-12));
  CHECK(a.bin == b.bin);
}

TEST_CASE("a planted cluster in Poisson noise is found as a hot spot, with and without FDR", "[engine][gistar]") {
  const int side = 40;
  const Lattice p = lattice(side, side, 10.0);
  std::mt19937_64 rng(2024);
  std::vector<double> counts(p.x.size());
  for (double& c : counts) {  // Poisson(1) by inversion with our own uniform draws
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    double k = 0, prob = std::exp(-1.0), cum = prob;
    while (u > cum && k < 20) {
      ++k;
      prob /= k;
      cum += prob;
    }
    c = k;
  }
  for (int r = 20; r < 23; ++r)
    for (int c = 10; c < 13; ++c) counts[static_cast<std::size_t>(r * side + c)] += 6.0;
  const SpatialWeights w = distance_band_weights(p.x, p.y, {15.0, 1});  // queen + self
  for (const bool fdr : {false, true}) {
    const GiStarResult r = compute_gi_star(counts, w, {fdr, 2});
    CHECK(r.bin[static_cast<std::size_t>(21 * side + 11)] == 3);  // the centre of the block
    std::size_t hot_far = 0;
    for (int row = 0; row < side; ++row)
      for (int col = 0; col < side; ++col)
        if ((std::abs(row - 21) > 3 || std::abs(col - 11) > 3) && r.bin[static_cast<std::size_t>(row * side + col)] == 3)
          ++hot_far;
    if (fdr) CHECK(hot_far == 0);  // FDR keeps chance 99 % hot spots away
    else CHECK(hot_far <= 16);     // ~1 % false positives of 1551 cells at the 0.5 % one-sided level
  }
}

TEST_CASE("FDR uses the Benjamini-Hochberg thresholds of the p-values at each confidence level", "[engine][gistar]") {
  const Lattice p = lattice(16, 16, 30.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {60.0, 1});
  const GiStarResult plain = compute_gi_star(kGetisOrdValues, w, {false, 1});
  const GiStarResult fdr = compute_gi_star(kGetisOrdValues, w, {true, 1});
  CHECK(fdr.threshold_95 == bh_threshold(plain.p, 0.05));
  CHECK(fdr.threshold_99 == bh_threshold(plain.p, 0.01));
  std::size_t sig_plain = 0, sig_fdr = 0;
  for (std::size_t i = 0; i < plain.bin.size(); ++i) {
    sig_plain += plain.bin[i] != 0 ? 1 : 0;
    sig_fdr += fdr.bin[i] != 0 ? 1 : 0;
    CHECK(std::abs(fdr.bin[i]) <= std::abs(plain.bin[i]));
    if (fdr.bin[i] != 0) CHECK(fdr.p[i] <= fdr.threshold_90);
  }
  CHECK(sig_fdr > 0);
  CHECK(sig_fdr <= sig_plain);
}

TEST_CASE("an all-equal field gives z 0, p 1 and no hot spots, without dividing by zero", "[engine][gistar]") {
  const Lattice p = lattice(5, 5, 10.0);
  const std::vector<double> x(25, 0.1);
  const GiStarResult r = compute_gi_star(x, distance_band_weights(p.x, p.y, {10.0, 1}), {true, 1});
  CHECK(r.constant);
  for (std::size_t i = 0; i < 25; ++i) {
    CHECK(r.z[i] == 0.0);
    CHECK(r.p[i] == 1.0);
    CHECK(r.bin[i] == 0);
  }
}

TEST_CASE("cells without neighbours get NaN z and p, bin 0, and are counted", "[engine][gistar]") {
  const std::vector<double> x = {0, 10, 20, 500};
  const std::vector<double> y = {0, 0, 0, 0};
  const std::vector<double> v = {1, 5, 2, 9};
  const GiStarResult r = compute_gi_star(v, distance_band_weights(x, y, {10.0, 1}));
  CHECK(r.islands == 1);
  CHECK(std::isnan(r.z[3]));
  CHECK(std::isnan(r.p[3]));
  CHECK(r.bin[3] == 0);
  CHECK_FALSE(std::isnan(r.z[0]));
}

TEST_CASE("Gi* results are identical whatever the thread count", "[engine][gistar]") {
  const Lattice p = lattice(200, 150, 10.0);
  std::mt19937_64 rng(3);
  std::vector<double> v(p.x.size());
  for (double& c : v) c = static_cast<double>(rng() % 7);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {29.0, 1});
  const GiStarResult a = compute_gi_star(v, w, {true, 1});
  const GiStarResult b = compute_gi_star(v, w, {true, 2});
  const GiStarResult c = compute_gi_star(v, w, {true, 5});
  CHECK(a.z == b.z);
  CHECK(a.z == c.z);
  CHECK(a.bin == c.bin);
}

TEST_CASE("Gi* stops when progress asks it to", "[engine][gistar]") {
  const Lattice p = lattice(300, 300, 10.0);
  const std::vector<double> v(p.x.size(), 1.0);
  const GiStarResult r = compute_gi_star(v, distance_band_weights(p.x, p.y, {10.0, 1}), {false, 1},
                                         [](double) { return false; });
  CHECK(r.cancelled);
  CHECK(r.z.empty());
}

TEST_CASE("a single isolated incident is 99 % hot by Gi* but bin 0 under the neighbourhood minimum",
          "[engine][gistar]") {
  // 30 × 30 cells, rook band plus self (W = 5), one incident: n = 900, x̄ = 1/900,
  // S = √(x̄ − x̄²) = √899/900, √((n·5 − 25)/(n − 1)) = √(4475/899). The incident's cell and
  // its four neighbours have local sum 1: z = (1 − 5/900)/(S √(4475/899)) ≈ 13.38, p ≈ 0.
  const Lattice p = lattice(30, 30, 10.0);
  std::vector<double> x(900, 0.0);
  x[15 * 30 + 15] = 1.0;
  const SpatialWeights w = distance_band_weights(p.x, p.y, {10.0, 1});
  const double z = (1.0 - 5.0 / 900.0) / (std::sqrt(899.0) / 900.0 * std::sqrt(4475.0 / 899.0));
  for (const bool fdr : {false, true}) {
    GiStarOptions plain;
    plain.fdr = fdr;
    const GiStarResult r = compute_gi_star(x, w, plain);
    CHECK(r.z[15 * 30 + 15] == Approx(z).epsilon(1e-12));
    CHECK(r.bin[15 * 30 + 15] == 3);
    CHECK(r.bin[15 * 30 + 16] == 3);
    CHECK(r.held_back == 0);
    GiStarOptions guarded = plain;
    guarded.min_local_count = 10.0;
    const GiStarResult g = compute_gi_star(x, w, guarded);
    CHECK(g.z == r.z);  // z and p as computed; only the classification changes
    CHECK(g.p == r.p);
    CHECK(std::count(g.bin.begin(), g.bin.end(), 0) == 900);
    CHECK(g.held_back == 5);
  }
}

TEST_CASE("a hot spot holding at least the neighbourhood minimum keeps its bin", "[engine][gistar]") {
  // Twelve incidents in one cell: the cell and its four neighbours each have local sum 12.
  const Lattice p = lattice(30, 30, 10.0);
  std::vector<double> x(900, 0.0);
  x[15 * 30 + 15] = 12.0;
  const SpatialWeights w = distance_band_weights(p.x, p.y, {10.0, 1});
  GiStarOptions o;
  o.fdr = true;
  o.min_local_count = 12.0;
  const GiStarResult g = compute_gi_star(x, w, o);
  CHECK(g.bin[15 * 30 + 15] == 3);
  CHECK(g.bin[14 * 30 + 15] == 3);
  CHECK(g.held_back == 0);
  o.min_local_count = 13.0;
  CHECK(compute_gi_star(x, w, o).held_back == 5);
}

TEST_CASE("a cold spot needs the neighbourhood minimum in its expected count", "[engine][gistar]") {
  // Every cell holds c incidents except a 3 × 3 block of empty cells. Its centre has local
  // sum 0 against an expectation x̄·W = 5·c·891/900: cold at 99 % for c = 1 and c = 5, but
  // only c = 5 (expectation 24.75) has enough expected incidents for a minimum of 10.
  const Lattice p = lattice(30, 30, 10.0);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {10.0, 1});
  for (const double c : {1.0, 5.0}) {
    std::vector<double> x(900, c);
    for (int r = 14; r <= 16; ++r)
      for (int q = 14; q <= 16; ++q) x[static_cast<std::size_t>(r * 30 + q)] = 0.0;
    GiStarOptions o;
    o.fdr = true;
    const GiStarResult r = compute_gi_star(x, w, o);
    REQUIRE(r.bin[15 * 30 + 15] == -3);
    o.min_local_count = 10.0;
    const GiStarResult g = compute_gi_star(x, w, o);
    CHECK(g.bin[15 * 30 + 15] == (c == 5.0 ? -3 : 0));
  }
}
