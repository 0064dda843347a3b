#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <unordered_set>

#include "engine/local_moran.hpp"
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

// de Smith, Goodchild & Longley, Geospatial Analysis, figure 5-31, as shipped with libpysal
// (examples/desmith: desmith.txt and desmith.gal) and used by esda's local Moran tests.
const std::vector<double> kDeSmith = {2.24, 3.10, 4.55, -5.15, -4.39, 0.46, 5.54, 9.02, -2.09, -3.06};
SpatialWeights de_smith_weights() {
  const std::vector<std::vector<std::int32_t>> gal = {{2, 4},    {1, 5},       {4, 7}, {1, 3, 5, 8}, {2, 4, 6, 9},
                                                      {5, 10}, {3, 8},       {4, 7, 9}, {5, 8, 10}, {6, 9}};
  SpatialWeights w;
  for (const auto& row : gal) {
    for (const std::int32_t j : row) w.columns.push_back(j - 1);
    w.row_offsets.push_back(static_cast<std::int64_t>(w.columns.size()));
  }
  return w;
}

std::vector<MultiPolygon> columbus_polygons() {
  std::vector<MultiPolygon> polys;
  for (const auto& ring : kvo::test::columbus::kRings) {
    Polygon p;
    for (std::size_t v = 0; v + 1 < ring.size(); v += 2) p.outer().emplace_back(ring[v], ring[v + 1]);
    polys.push_back({p});
  }
  return polys;
}

// Brute-force oracle of the documented permutation scheme: permutation r is the sequence
// of distinct indices drawn by rejection from mt19937_64(seed) (unbiased modulo rejection);
// observation i takes the first k_i of them that are not i itself, in column order.
std::vector<double> oracle_p_sim(std::span<const double> v, const SpatialWeights& w, std::size_t R, std::uint64_t seed) {
  const std::size_t n = v.size();
  std::size_t max_k = 0;
  for (std::size_t i = 0; i < n; ++i) max_k = std::max(max_k, w.neighbours(i));
  const std::size_t T = std::min(max_k + 1, n);
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::uint32_t>> draws(R);
  for (auto& d : draws) {
    std::unordered_set<std::uint32_t> seen;
    while (d.size() < T) {
      const std::uint64_t threshold = (0 - static_cast<std::uint64_t>(n)) % n;
      std::uint64_t r;
      do r = rng(); while (r < threshold);
      const auto e = static_cast<std::uint32_t>(r % n);
      if (seen.insert(e).second) d.push_back(e);
    }
  }
  double mean = 0.0, scale = 0.0;
  for (double x : v) {
    mean += x;
    scale = std::max(scale, std::fabs(x));
  }
  mean /= static_cast<double>(n);
  std::vector<double> p(n, std::nan(""));
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<std::size_t>(w.row_offsets[i]), e = static_cast<std::size_t>(w.row_offsets[i + 1]);
    if (b == e) continue;
    double obs = 0.0, wabs = 0.0;
    for (std::size_t t = b; t < e; ++t) {
      obs += w.value(t) * v[static_cast<std::size_t>(w.columns[t])];
      wabs += std::fabs(w.value(t));
    }
    const double zi = v[i] - mean;
    const double tol = 1e-11 * wabs * scale;  // the documented tie tolerance
    std::size_t ge = 0, le = 0;  // permuted sums >= / <= the observed one
    for (const auto& d : draws) {
      double s = 0.0;
      std::size_t slot = b;
      for (std::size_t t = 0; slot < e; ++t)
        if (d[t] != i) s += w.value(slot++) * v[d[t]];
      ge += s >= obs - tol ? 1 : 0;
      le += s <= obs + tol ? 1 : 0;
    }
    // I_r >= I_obs when z_i (S_r − S_obs) >= 0; the p-value folds to the smaller tail.
    const std::size_t m = zi == 0.0 ? R : std::min(ge, le);
    p[i] = (static_cast<double>(m) + 1.0) / (static_cast<double>(R) + 1.0);
  }
  return p;
}

std::vector<double> gaussian_field(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double u1 = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    v[i] = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  return v;
}

}  // namespace

TEST_CASE("local Moran on the de Smith example matches esda's moments and spdep's I", "[engine][local_moran]") {
  const LocalMoranResult r = compute_local_moran(kDeSmith, de_smith_weights(), {0, 1, 0.05, 1});
  // I_i: spdep 1.2-7 localmoran(z, nb2listw(read.gal("desmith.gal"), style = "W"))[, "Ii"].
  const std::vector<double> ii = {-0.1267697456048847, -0.2215615840861652, -0.1483489831659474, -0.5752264800496412,
                                  0.5343889894382189,  0.1356457012670029,  1.3238699793100461,  -0.6460478283073470,
                                  0.0789042534230895,  0.3812700088816504};
  // Total randomisation: esda tests/test_moran.py test_local_moments, EI = −1/9 and VI.
  const std::vector<double> vi = {0.394432, 0.394432, 0.394432, 0.148043, 0.148043,
                                  0.394432, 0.394432, 0.230173, 0.230173, 0.394432};
  // Conditional permutation (Sokal et al. 1998): esda EIc / VIc, equal to spdep's E.Ii / Var.Ii.
  const std::vector<double> eic = {-0.00838112957426856, -0.02439490127330321, -0.07031777678482630,
                                   -0.21520869460304215, -0.16547163353013161, -0.00178435231870551,
                                   -0.11531888419462832, -0.36138554558694647, -0.05471257501173227,
                                   -0.09413561823352667};
  const std::vector<double> vic = {0.03636012730580947, 0.10412408153511436, 0.28600769335628723, 0.26389673807858854,
                                   0.21576683129218976, 0.00779261177409857, 0.44633942124946230, 0.57696508256942869,
                                   0.12929777286829461, 0.37307420330826790};
  for (std::size_t i = 0; i < 10; ++i) {
    CHECK(r.i[i] == Approx(ii[i]).margin(1e-12));
    CHECK(r.expected[i] == Approx(-1.0 / 9.0).margin(1e-15));
    CHECK(r.variance[i] == Approx(vi[i]).margin(5e-7));
    CHECK(r.expected_conditional[i] == Approx(eic[i]).margin(1e-12));
    CHECK(r.variance_conditional[i] == Approx(vic[i]).margin(1e-12));
    CHECK(r.z[i] == Approx((ii[i] + 1.0 / 9.0) / std::sqrt(r.variance[i])).margin(1e-12));
  }
  // esda's quadrants for this example (Moran_Local docstring): q = [4, 4, 4, 2, 3, 3, 1, 4, 3, 3].
  CHECK(r.quadrant == std::vector<std::uint8_t>{4, 4, 4, 2, 3, 3, 1, 4, 3, 3});
}

TEST_CASE("local Moran with queen contiguity on the Columbus polygons matches R spdep", "[engine][local_moran]") {
  // spdep 1.2-7: localmoran(CRIME, nb2listw(poly2nb(columbus), style = "W")): Ii, E.Ii, Var.Ii.
  const std::vector<double> ii = {
      0.736818490608,  0.528777013266,  0.093850741662,  0.004820966628, 0.303606124752, -0.181570516945, -1.860587375572,
      0.076584017916,  -0.030595081599, 0.040309252544,  1.457915416899, 0.638948856575, 0.125280837362,  0.615263041083,
      0.734843909725,  1.238771794771,  -0.108094628581, 0.517051308272, 0.800006125420, 0.341409789722,  0.154939328059,
      -0.004024793545, 0.900849469549,  0.228527044626,  1.416344191092, 0.287531124256, -0.123973585483, 0.976952879150,
      1.556624532645,  1.655171543252,  1.018273252722,  1.239855036701, 0.053603640903, 0.528420879464,  -0.029954304264,
      1.243242522233,  0.423247010767,  0.577546422942,  1.107946514153, 0.969297865127, 0.831677993754,  1.086553172038,
      0.005777401949,  -0.020671121482, 0.067953840071,  1.249537702582, 0.467678628260, 0.203539666142,  0.363361359789};
  const std::vector<double> ei = {
      -0.028598541967, -0.020250213989, -0.001539686744, -0.000570757244, -0.018493191018, -0.006238456191,
      -0.092794292185, -0.000825771693, -0.001616450804, -0.000096654652, -0.055981530997, -0.035366249016,
      -0.010199479224, -0.036557777262, -0.013755863959, -0.029510827407, -0.000229978216, -0.005927815511,
      -0.028569946527, -0.092552694483, -0.001857760112, -0.000153991371, -0.017275643025, -0.000762905070,
      -0.052027410550, -0.002591644012, -0.023706650547, -0.036071639648, -0.049868505793, -0.086596598374,
      -0.023135777865, -0.019406280931, -0.003553377818, -0.009452275460, -0.001243695467, -0.032939036073,
      -0.004066215923, -0.026230306048, -0.019515049686, -0.027099620714, -0.019994555029, -0.026385300370,
      -0.000178941041, -0.006383016527, -0.002826966165, -0.026275995898, -0.004054786927, -0.005467252969,
      -0.012035954829};
  const std::vector<double> var = {
      0.666144890763, 0.310266063292, 0.017630071966, 0.006541756761, 0.094617920459, 0.148657003469, 0.965423674700,
      0.006021399984, 0.008412559218, 0.001108336643, 0.473829325453, 0.248970399238, 0.115775478038, 0.257040596194,
      0.099007608019, 0.149293296292, 0.003595640735, 0.067577715765, 0.434020700879, 0.332730261252, 0.028998233985,
      0.001123636313, 0.265494435315, 0.004655036474, 0.257096531486, 0.018864470122, 0.265424761683, 0.157083641886,
      0.289330427318, 0.709185962522, 0.353433564490, 0.218233957576, 0.040605637531, 0.107374877499, 0.007585035612,
      0.285602110384, 0.029554060874, 0.186404277506, 0.299226514969, 0.236389541653, 0.306428893752, 0.615992214115,
      0.001305655199, 0.056864555452, 0.032328238646, 0.613509256724, 0.096834372875, 0.062356131478, 0.185956417152};
  const LocalMoranResult r = compute_local_moran(kvo::test::columbus::kCrime, queen_weights(columbus_polygons(), {1.5e-8}),
                                                 {999, 12345, 0.05, 2});
  for (std::size_t i = 0; i < 49; ++i) {
    CHECK(r.i[i] == Approx(ii[i]).margin(1e-9));
    CHECK(r.expected_conditional[i] == Approx(ei[i]).margin(1e-9));
    CHECK(r.variance_conditional[i] == Approx(var[i]).margin(1e-9));
  }
}

TEST_CASE("local Moran on a 5 x 5 grid with one incident in the centre matches the hand computation",
          "[engine][local_moran]") {
  // z = 0.96 at the centre, −0.04 elsewhere; m2 = 0.96/25 = 0.0384; rook weights.
  // Centre: lag −0.04, I = 0.96/0.0384 · (−0.04) = −1. Cell (2,1): lag 0.84/4 = 0.21,
  // I = −0.04/0.0384 · 0.21 = −0.21875. Corner: lag −0.04, I = 0.0016/0.0384 = 1/24.
  const Lattice p = lattice(5, 5, 1.0);
  std::vector<double> x(25, 0.0);
  x[12] = 1.0;
  const LocalMoranResult r = compute_local_moran(x, distance_band_weights(p.x, p.y, {1.0, 1}), {99, 1, 0.05, 1});
  CHECK(r.i[12] == Approx(-1.0).margin(1e-12));
  CHECK(r.i[7] == Approx(-0.21875).margin(1e-12));
  CHECK(r.i[0] == Approx(1.0 / 24.0).margin(1e-12));
  CHECK(r.quadrant[12] == 4);  // HL: high value, low neighbours
  CHECK(r.quadrant[7] == 2);   // LH
  CHECK(r.quadrant[0] == 3);   // LL
}

TEST_CASE("the prefix-sum permutation path equals a brute-force conditional permutation", "[engine][local_moran]") {
  // Integer counts (exact sums, many ties) and a non-uniform weights matrix (general path).
  const Lattice p = lattice(30, 20, 10.0);
  std::mt19937_64 rng(99);
  std::vector<double> counts(p.x.size());
  for (double& c : counts) c = static_cast<double>(rng() % 4);
  const SpatialWeights binary = distance_band_weights(p.x, p.y, {22.5, 1});
  SpatialWeights inverse = binary;
  for (std::size_t i = 0; i < inverse.size(); ++i)
    for (auto e = static_cast<std::size_t>(inverse.row_offsets[i]); e < static_cast<std::size_t>(inverse.row_offsets[i + 1]); ++e) {
      const auto j = static_cast<std::size_t>(inverse.columns[e]);
      inverse.values.push_back(1.0 / std::hypot(p.x[i] - p.x[j], p.y[i] - p.y[j]));
    }
  const std::size_t R = 199;
  for (const SpatialWeights* w : std::array<const SpatialWeights*, 2>{&binary, &inverse}) {
    const LocalMoranResult r = compute_local_moran(counts, *w, {static_cast<std::uint32_t>(R), 777, 0.05, 2});
    const std::vector<double> expected = oracle_p_sim(counts, *w, R, 777);
    for (std::size_t i = 0; i < counts.size(); ++i) REQUIRE(r.p_sim[i] == expected[i]);
  }
}

TEST_CASE("permutation p-values are stable with the seed and independent of the thread count", "[engine][local_moran]") {
  const Lattice p = lattice(60, 50, 10.0);
  const std::vector<double> v = gaussian_field(p.x.size(), 5);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {29.0, 1});
  const LocalMoranResult a = compute_local_moran(v, w, {999, 42, 0.05, 1});
  const LocalMoranResult b = compute_local_moran(v, w, {999, 42, 0.05, 2});
  const LocalMoranResult c = compute_local_moran(v, w, {999, 42, 0.05, 7});
  const LocalMoranResult d = compute_local_moran(v, w, {999, 43, 0.05, 2});
  CHECK(a.p_sim == b.p_sim);
  CHECK(a.p_sim == c.p_sim);
  CHECK(a.cluster == c.cluster);
  double diff = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) diff += std::fabs(a.p_sim[i] - d.p_sim[i]);
  diff /= static_cast<double>(v.size());
  CHECK(diff > 0.0);    // another seed gives other draws...
  CHECK(diff < 0.01);   // ...within Monte Carlo error
}

TEST_CASE("permutation p-values are within Monte Carlo error of the analytic conditional ones on large n",
          "[engine][local_moran]") {
  // Gaussian values, 24 neighbours: the permuted lag is close to normal with the exact
  // conditional moments (Sokal et al. 1998), so p_sim ≈ Φ(−|I − E_c| / √V_c) (one tail).
  const Lattice p = lattice(100, 100, 10.0);
  const std::vector<double> v = gaussian_field(p.x.size(), 8);
  const SpatialWeights w = distance_band_weights(p.x, p.y, {29.0, 1});
  const std::uint32_t R = 999;
  const LocalMoranResult r = compute_local_moran(v, w, {R, 20240101, 0.05, 2});
  double mean_abs = 0.0;
  std::size_t outside = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double zc = (r.i[i] - r.expected_conditional[i]) / std::sqrt(r.variance_conditional[i]);
    const double analytic = 0.5 * std::erfc(std::fabs(zc) / std::sqrt(2.0));
    const double err = std::fabs(r.p_sim[i] - analytic);
    mean_abs += err;
    const double mc = std::sqrt(analytic * (1.0 - analytic) / R);
    if (err > 4.0 * mc + 0.01) ++outside;
  }
  mean_abs /= static_cast<double>(v.size());
  CHECK(mean_abs < 0.01);
  CHECK(outside < v.size() / 100);
}

TEST_CASE("a planted high cluster is HH, a lone high cell among low ones is HL", "[engine][local_moran]") {
  const int side = 30;
  const Lattice p = lattice(side, side, 10.0);
  std::vector<double> v = gaussian_field(p.x.size(), 3);
  for (double& x : v) x = 5.0 + 0.5 * x;
  for (int r = 5; r < 10; ++r)
    for (int c = 5; c < 10; ++c) v[static_cast<std::size_t>(r * side + c)] += 6.0;
  v[static_cast<std::size_t>(20 * side + 20)] += 8.0;
  const LocalMoranResult res = compute_local_moran(v, distance_band_weights(p.x, p.y, {15.0, 1}), {999, 1, 0.05, 2});
  CHECK(res.cluster[static_cast<std::size_t>(7 * side + 7)] == LmCluster::hh);
  CHECK(res.cluster[static_cast<std::size_t>(20 * side + 20)] == LmCluster::hl);
  CHECK(lm_cluster_name(LmCluster::hh) == "HH");
  CHECK(lm_cluster_name(LmCluster::hl) == "HL");
  CHECK(lm_cluster_name(LmCluster::ns) == "ns");
  CHECK(res.p_sim[static_cast<std::size_t>(7 * side + 7)] == Approx(0.001));
}

TEST_CASE("an all-equal field gives I 0, p 1 and no clusters, without dividing by zero", "[engine][local_moran]") {
  const Lattice p = lattice(5, 5, 1.0);
  const std::vector<double> v(25, 3.0);
  const LocalMoranResult r = compute_local_moran(v, distance_band_weights(p.x, p.y, {1.0, 1}));
  CHECK(r.constant);
  for (std::size_t i = 0; i < 25; ++i) {
    CHECK(r.i[i] == 0.0);
    CHECK(r.p_sim[i] == 1.0);
    CHECK(r.cluster[i] == LmCluster::ns);
  }
}

TEST_CASE("a value exactly at the mean ties with every permutation and gets p = 1", "[engine][local_moran]") {
  const Lattice p = lattice(5, 5, 1.0);
  std::vector<double> v(25, 0.0);
  for (std::size_t i = 0; i < 25; ++i) v[i] = static_cast<double>(i % 5);  // mean 2
  const LocalMoranResult r = compute_local_moran(v, distance_band_weights(p.x, p.y, {1.0, 1}), {99, 4, 0.05, 1});
  CHECK(r.i[2] == 0.0);
  CHECK(r.p_sim[2] == 1.0);
  CHECK(r.cluster[2] == LmCluster::ns);
}

TEST_CASE("observations without neighbours get NaN statistics, cluster ns, and are counted", "[engine][local_moran]") {
  const std::vector<double> x = {0, 10, 20, 30, 500};
  const std::vector<double> y = {0, 0, 0, 0, 0};
  const std::vector<double> v = {1, 5, 2, 7, 9};
  const LocalMoranResult r = compute_local_moran(v, distance_band_weights(x, y, {10.0, 1}), {99, 1, 0.05, 1});
  CHECK(r.islands == 1);
  CHECK(std::isnan(r.i[4]));
  CHECK(std::isnan(r.p_sim[4]));
  CHECK(r.cluster[4] == LmCluster::ns);
  CHECK(r.quadrant[4] == 0);
  CHECK_FALSE(std::isnan(r.p_sim[0]));
}
