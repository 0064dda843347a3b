#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/civil_time.hpp"
#include "engine/trend.hpp"

using namespace kvo::engine;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// R datasets::Nile: annual flow of the Nile at Aswan, 1871–1970 (Cobb 1978), in 10⁸ m³.
const std::vector<double> kNile = {
    1120, 1160, 963,  1210, 1160, 1160, 813,  1230, 1370, 1140, 995,  935,  1110, 994,  1020, 960,  1180,
    799,  958,  1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774,  840,  874,  694,  940,  833,
    701,  916,  692,  1020, 1050, 969,  831,  726,  456,  824,  702,  1120, 1100, 832,  764,  821,  768,
    845,  864,  862,  698,  845,  744,  796,  1040, 759,  781,  865,  845,  944,  984,  897,  822,  1010,
    771,  676,  649,  846,  812,  742,  801,  1040, 860,  874,  848,  890,  744,  749,  838,  1050, 918,
    986,  797,  923,  975,  815,  1020, 906,  901,  1170, 912,  746,  919,  718,  714,  740};
}  // namespace

// Hand-computed: pairs of (1, 3, 2, 4) give + + + − + +, S = 4; Var(S) = 4·3·13/18 = 8.667;
// z = (4 − 1)/√8.667 = 1.019049; p = 0.308180 (R: cor.test(1:4, c(1,3,2,4), "kendall",
// exact = FALSE) z = 1.0190493307301363, p = 0.30817954746705395). Sen's slope: the six
// slopes 2, 0.5, 1, −1, 0.5, 2 have median (0.5 + 1)/2 = 0.75 (Sen 1968).
TEST_CASE("Mann-Kendall on a four-point series matches the hand computation", "[engine][trend]") {
  const std::vector<double> x = {1, 3, 2, 4};
  const TrendResult r = mann_kendall(x);
  CHECK(r.n == 4);
  CHECK(r.s == 4);
  CHECK(r.var_s == Approx(156.0 / 18.0).epsilon(1e-14));
  CHECK(r.z == Approx(1.0190493307301363).epsilon(1e-12));
  CHECK(r.p == Approx(0.30817954746705395).epsilon(1e-10));
  CHECK(r.tau == Approx(4.0 / 6.0).epsilon(1e-14));
  CHECK(r.sen_slope == Approx(0.75).epsilon(1e-14));
  CHECK(r.trend == TrendClass::no_trend);
}

// Ties, by hand: (5, 5, 7, 7, 7, 9) gives S = 4 + 4 + 1 + 1 + 1 = 11; Var(S) =
// [6·5·17 − 2·1·9 − 3·2·11]/18 = 426/18; z = 10/√23.667 = 2.055566; τ_b = 11/√(15·11).
// R: cor.test(1:6, c(5,5,7,7,7,9), "kendall", exact = FALSE): z = 2.0555661294825951,
// p = 0.039824355364810729, tau = 0.8563488385776753.
TEST_CASE("Mann-Kendall corrects the variance for tied values", "[engine][trend]") {
  const std::vector<double> x = {5, 5, 7, 7, 7, 9};
  const TrendResult r = mann_kendall(x);
  CHECK(r.s == 11);
  CHECK(r.var_s == Approx(426.0 / 18.0).epsilon(1e-14));
  CHECK(r.z == Approx(2.0555661294825951).epsilon(1e-12));
  CHECK(r.p == Approx(0.039824355364810729).epsilon(1e-10));
  CHECK(r.tau == Approx(0.8563488385776753).epsilon(1e-12));
  CHECK(r.trend == TrendClass::increasing);
  TrendOptions strict;
  strict.alpha = 0.01;
  CHECK(mann_kendall(x, strict).trend == TrendClass::no_trend);
}

// The Nile series, the example of R's trend::mk.test documentation. Reference values from
// R 4.x base functions (an independent implementation): S = Σ sign(x_j − x_i) = −1387;
// Var(S) with the 11 tie groups = 112728.3333; cor.test(1:100, Nile, "kendall",
// exact = FALSE, continuity = TRUE): z = −4.1280665228441, p = 3.6582629216643412e-05,
// τ_b = −0.28074133472461299; Sen's slope = median of pairwise slopes = −2.6.
TEST_CASE("Mann-Kendall on the Nile series matches R", "[engine][trend]") {
  const TrendResult r = mann_kendall(kNile);
  CHECK(r.n == 100);
  CHECK(r.s == -1387);
  CHECK(r.var_s == Approx(112728.33333333333).epsilon(1e-12));
  CHECK(r.z == Approx(-4.1280665228441).epsilon(1e-11));
  CHECK(r.p == Approx(3.6582629216643412e-05).epsilon(1e-8));
  CHECK(r.tau == Approx(-0.28074133472461299).epsilon(1e-12));
  CHECK(r.sen_slope == Approx(-2.6).epsilon(1e-12));
  CHECK(r.trend == TrendClass::decreasing);
}

TEST_CASE("missing months are skipped but keep their time for Sen's slope", "[engine][trend]") {
  const std::vector<double> with_gap = {1, kNaN, 3, 2, 4};
  const std::vector<double> compact = {1, 3, 2, 4};
  const TrendResult a = mann_kendall(with_gap);
  const TrendResult b = mann_kendall(compact);
  CHECK(a.n == 4);
  CHECK(a.s == b.s);
  CHECK(a.var_s == b.var_s);
  CHECK(a.p == b.p);
  // Slopes over times 0, 2, 3, 4: 2/2, 1/3, 3/4, −1/1, 1/2, 2/1 → median (0.5 + 0.75)/2.
  CHECK(a.sen_slope == Approx(0.625).epsilon(1e-14));

  const std::vector<double> flat = {3, 3, 3, 3};
  const TrendResult f = mann_kendall(flat);
  CHECK(f.s == 0);
  CHECK(f.p == 1.0);
  CHECK(std::isnan(f.tau));
  CHECK(f.sen_slope == 0.0);
  const std::vector<double> two = {1, 5};
  CHECK(mann_kendall(two).p == 1.0);
  CHECK(mann_kendall(two).sen_slope == 4.0);
}

TEST_CASE("row-wise Mann-Kendall equals one call per series", "[engine][trend]") {
  std::vector<double> values(kNile.begin(), kNile.end());
  values.insert(values.end(), kNile.rbegin(), kNile.rend());
  const auto rows = mann_kendall_rows(values, 100);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].s == -1387);
  CHECK(rows[1].s == 1387);
  CHECK(rows[1].p == rows[0].p);
  CHECK(rows[1].sen_slope == Approx(2.6));
  CHECK(rows[1].trend == TrendClass::increasing);
  CHECK_THROWS_AS(mann_kendall_rows(values, 99), std::invalid_argument);
  CHECK(trend_from_name(trend_name(TrendClass::decreasing)) == TrendClass::decreasing);
}

TEST_CASE("whole calendar months leave partial months out", "[engine][trend]") {
  const PeriodRange year{days_from_civil({2024, 1, 1}), days_from_civil({2024, 12, 31})};
  const MonthBins a = whole_months(year);
  CHECK(a.months == 12);
  CHECK(a.first_day == year.from_day);
  const PeriodRange ragged{days_from_civil({2024, 1, 15}), days_from_civil({2025, 3, 30})};
  const MonthBins b = whole_months(ragged);
  CHECK(b.first_year == 2024);
  CHECK(b.first_month == 2u);
  CHECK(b.months == 13);  // Feb 2024 … Feb 2025
  CHECK(whole_months({days_from_civil({2024, 2, 2}), days_from_civil({2024, 2, 28})}).months == 0);
}

TEST_CASE("monthly counts bin incidents by their Amsterdam local date", "[engine][trend]") {
  const MonthBins bins = whole_months({days_from_civil({2024, 3, 1}), days_from_civil({2024, 4, 30})});
  REQUIRE(bins.months == 2);
  const auto at = [](int m, unsigned d, int h, int min) {
    return amsterdam_to_utc({{2024, static_cast<unsigned>(m), d}, h, min, 0});
  };
  const std::vector<std::int64_t> start = {
      at(3, 31, 23, 30),  // still March locally (21:30 UTC)
      at(4, 1, 0, 30),    // April locally, though 22:30 UTC on 31 March
      at(3, 1, 0, 0),     // first instant of the bins (23:00 UTC on 29 Feb)
      at(2, 29, 23, 59),  // before the bins
      at(5, 1, 0, 0),     // after the bins
      at(4, 15, 12, 0),   // left out: group −1
  };
  const std::vector<std::int32_t> group = {0, 0, 1, 0, 0, -1};
  const auto counts = monthly_counts(start, group, 2, bins);
  REQUIRE(counts.size() == 4);
  CHECK(counts[0] == 1.0);  // group 0 March
  CHECK(counts[1] == 1.0);  // group 0 April
  CHECK(counts[2] == 1.0);  // group 1 March
  CHECK(counts[3] == 0.0);
  const std::vector<float> weight = {2.0f, 0.5f, 1.0f, 1.0f, 1.0f, 1.0f};
  const auto weighted = monthly_counts(start, group, 2, bins, weight);
  CHECK(weighted[0] == 2.0);
  CHECK(weighted[1] == 0.5);
  const std::vector<std::int32_t> bad = {0, 0, 2, 0, 0, 0};
  CHECK_THROWS_AS(monthly_counts(start, bad, 2, bins), std::invalid_argument);
}
