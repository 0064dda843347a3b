#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/survey_stats.hpp"

using namespace kvo::engine;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ95 = 1.959963984540054;  // qnorm(0.975)

std::vector<double> yes_no(int yes, int no) {
  std::vector<double> v(static_cast<std::size_t>(yes), 1.0);
  v.insert(v.end(), static_cast<std::size_t>(no), 0.0);
  return v;
}
}  // namespace

// Unweighted, the Wilson interval is R's prop.test(8, 20, correct = FALSE)$conf.int =
// 0.21880653237281711 0.61341849923774683 (Wilson 1927).
TEST_CASE("an unweighted proportion has the classical Wilson interval", "[engine][survey]") {
  const auto y = yes_no(8, 12);
  const SurveyEstimate e = weighted_proportion(y, {});
  CHECK(e.n == 20);
  CHECK(e.n_eff == Approx(20.0).epsilon(1e-14));
  CHECK(e.estimate == Approx(0.4).epsilon(1e-14));
  CHECK(e.ci_low == Approx(0.21880653237281711).epsilon(1e-10));
  CHECK(e.ci_high == Approx(0.61341849923774683).epsilon(1e-10));
  CHECK(e.std_error == Approx(std::sqrt(0.4 * 0.6 / 20)).epsilon(1e-14));
  CHECK_FALSE(e.too_few);
}

// By hand: rows (y, w) = (1,1) (0,2) (1,3) (NaN,4) (0,2). The unanswered row leaves the
// base: Σw = 8, Σw² = 18, n_eff = 64/18 = 3.556, p̂ = (1 + 3)/8 = 0.5. The Wilson bounds
// are the roots π of (p̂ − π)² = z² π(1 − π)/n_eff, checked here without the formula.
TEST_CASE("a weighted proportion uses the Kish effective size", "[engine][survey]") {
  const std::vector<double> y = {1, 0, 1, kNaN, 0};
  const std::vector<double> w = {1, 2, 3, 4, 2};
  const SurveyEstimate e = weighted_proportion(y, w);
  CHECK(e.n == 4);
  CHECK(e.sum_weight == 8.0);
  CHECK(e.n_eff == Approx(64.0 / 18.0).epsilon(1e-14));
  CHECK(e.estimate == 0.5);
  CHECK(e.too_few);
  for (const double bound : {e.ci_low, e.ci_high})
    CHECK((0.5 - bound) * (0.5 - bound) == Approx(kZ95 * kZ95 * bound * (1 - bound) / e.n_eff).epsilon(1e-10));
  CHECK(e.ci_low < 0.5);
  CHECK(e.ci_high > 0.5);
  CHECK(e.ci_low + e.ci_high == Approx(1.0).epsilon(1e-14));  // symmetric around 0.5

  // Weights matter only up to a common factor.
  std::vector<double> scaled = w;
  for (double& v : scaled) v *= 7.25;
  const SurveyEstimate s = weighted_proportion(y, scaled);
  CHECK(s.n_eff == Approx(e.n_eff).epsilon(1e-14));
  CHECK(s.ci_low == Approx(e.ci_low).epsilon(1e-13));
}

TEST_CASE("answers not given are left out of the base, never counted as no", "[engine][survey]") {
  const std::vector<double> y = {1, 1, kNaN, kNaN, 1};
  const SurveyEstimate e = weighted_proportion(y, {});
  CHECK(e.n == 3);
  CHECK(e.estimate == 1.0);
  CHECK(e.ci_high == 1.0);
  const std::vector<double> nothing = {kNaN, kNaN};
  const SurveyEstimate empty = weighted_proportion(nothing, {});
  CHECK(empty.n == 0);
  CHECK(empty.n_eff == 0.0);
  CHECK(std::isnan(empty.estimate));
  CHECK(empty.too_few);
  const std::vector<double> bad = {1, 2};
  CHECK_THROWS_AS(weighted_proportion(bad, {}), std::invalid_argument);
  const std::vector<double> negative = {1, -1};
  const std::vector<double> ok = {1, 0};
  CHECK_THROWS_AS(weighted_proportion(ok, negative), std::invalid_argument);
}

TEST_CASE("too_few follows min_respondents", "[engine][survey]") {
  SurveyOptions options;
  CHECK(weighted_proportion(yes_no(4, 5), {}, options).too_few);        // 9 < 10
  CHECK_FALSE(weighted_proportion(yes_no(4, 6), {}, options).too_few);  // 10
  options.min_respondents = 30;
  CHECK(weighted_proportion(yes_no(10, 10), {}, options).too_few);
}

// Equal weights reduce to the one-sample t interval: R t.test(c(6,7,7,8,5,9,6,7,8,4))
// $conf.int = 5.6309462331008975 7.7690537668991029.
// Weighted, by hand: x = (4, 8), w = (1, 3): x̄ = 28/4 = 7, Σw(x−x̄)² = 9 + 3 = 12,
// n_eff = 16/10 = 1.6, s² = 12/4 · 1.6/0.6 = 8, SE = √(8/1.6) = √5, df = 0.6;
// R: 7 ± qt(0.975, 0.6)·√5 = −144.7046798492901 … 158.7046798492901.
TEST_CASE("a weighted mean has a t interval on n_eff - 1 degrees of freedom", "[engine][survey]") {
  const std::vector<double> marks = {6, 7, 7, 8, 5, 9, 6, 7, 8, 4};
  const SurveyEstimate e = weighted_mean(marks, {});
  CHECK(e.estimate == Approx(6.7).epsilon(1e-14));
  CHECK(e.ci_low == Approx(5.6309462331008975).epsilon(1e-10));
  CHECK(e.ci_high == Approx(7.7690537668991029).epsilon(1e-10));

  const std::vector<double> x = {4, 8, kNaN};
  const std::vector<double> w = {1, 3, 5};
  const SurveyEstimate m = weighted_mean(x, w);
  CHECK(m.n == 2);
  CHECK(m.estimate == Approx(7.0).epsilon(1e-14));
  CHECK(m.n_eff == Approx(1.6).epsilon(1e-14));
  CHECK(m.std_error == Approx(std::sqrt(5.0)).epsilon(1e-13));
  CHECK(m.ci_low == Approx(-144.7046798492901).epsilon(1e-9));
  CHECK(m.ci_high == Approx(158.7046798492901).epsilon(1e-9));

  const std::vector<double> one = {5};
  const SurveyEstimate single = weighted_mean(one, {});
  CHECK(single.estimate == 5.0);
  CHECK(std::isnan(single.ci_low));
}

// Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score):
// 56/70 − 48/80 → 0.0524 … 0.3339 and 9/10 − 3/10 → 0.1705 … 0.8090. Here second − first,
// so the signs flip. The pooled z is R's prop.test(c(56, 48), c(70, 80), correct = FALSE):
// X² = 7.02341137123746 = z², p = 0.0080450813681966.
TEST_CASE("a difference of proportions has Newcombe's interval and the pooled z-test", "[engine][survey]") {
  const SurveyEstimate a = weighted_proportion(yes_no(56, 14), {});
  const SurveyEstimate b = weighted_proportion(yes_no(48, 32), {});
  const SurveyDifference d = proportion_difference(a, b);
  CHECK(d.estimate == Approx(-0.2).epsilon(1e-13));
  CHECK(d.ci_low == Approx(-0.3339).margin(5e-5));
  CHECK(d.ci_high == Approx(-0.0524).margin(5e-5));
  // Full precision of the same construction (R, from prop.test Wilson bounds).
  CHECK(d.ci_low == Approx(-0.333872654036905858).epsilon(1e-10));
  CHECK(d.ci_high == Approx(-0.052431472402364926).epsilon(1e-10));
  CHECK(d.statistic == Approx(-std::sqrt(7.02341137123746)).epsilon(1e-10));
  CHECK(d.p == Approx(0.0080450813681966).epsilon(1e-9));
  CHECK_FALSE(d.too_few);

  const SurveyDifference e = proportion_difference(weighted_proportion(yes_no(3, 7), {}),
                                                   weighted_proportion(yes_no(9, 1), {}));
  CHECK(e.ci_low == Approx(0.1705).margin(5e-5));
  CHECK(e.ci_high == Approx(0.8090).margin(5e-5));

  const SurveyDifference same = proportion_difference(weighted_proportion(yes_no(12, 0), {}),
                                                      weighted_proportion(yes_no(15, 0), {}));
  CHECK(same.estimate == 0.0);
  CHECK(same.p == 1.0);
}

// Equal weights reduce to Welch's test: R t.test(y, x) with x = c(6,7,7,8,5,9,6,7,8,4),
// y = c(7,8,8,9,6,7,8,9,7,8,9,6): t = 1.7107324468154443, df = 15.981589880650402,
// p = 0.10646783396193772, conf.int = −0.23131941549969345 2.16465274883302694.
TEST_CASE("a difference of means is Welch's t on effective sizes", "[engine][survey]") {
  const std::vector<double> x = {6, 7, 7, 8, 5, 9, 6, 7, 8, 4};
  const std::vector<double> y = {7, 8, 8, 9, 6, 7, 8, 9, 7, 8, 9, 6};
  const SurveyDifference d = mean_difference(weighted_mean(x, {}), weighted_mean(y, {}));
  CHECK(d.statistic == Approx(1.7107324468154443).epsilon(1e-10));
  CHECK(d.p == Approx(0.10646783396193772).epsilon(1e-9));
  CHECK(d.ci_low == Approx(-0.23131941549969345).epsilon(1e-9));
  CHECK(d.ci_high == Approx(2.16465274883302694).epsilon(1e-9));
}

TEST_CASE("grouped estimates equal one call per group", "[engine][survey]") {
  const std::vector<double> y = {1, 0, 1, kNaN, 0, 1, 1, 0};
  const std::vector<double> w = {1, 2, 3, 4, 2, 1.5, 0.5, 1};
  const std::vector<std::int32_t> g = {0, 0, 0, 0, 0, 2, 2, -1};
  const auto groups = weighted_proportions(y, w, g, 3);
  REQUIRE(groups.size() == 3);
  const SurveyEstimate first = weighted_proportion(std::span(y).first(5), std::span(w).first(5));
  CHECK(groups[0].estimate == first.estimate);
  CHECK(groups[0].ci_low == first.ci_low);
  CHECK(groups[1].n == 0);
  CHECK(groups[2].n == 2);
  CHECK(groups[2].estimate == 1.0);
  const std::vector<double> marks = {6, 8, 7, 5, 9, 4, 6, 7};
  const auto means = weighted_means(marks, w, g, 3);
  const SurveyEstimate m0 = weighted_mean(std::span(marks).first(5), std::span(w).first(5));
  CHECK(means[0].estimate == Approx(m0.estimate).epsilon(1e-15));
  CHECK(means[0].ci_high == Approx(m0.ci_high).epsilon(1e-15));
  const std::vector<std::int32_t> bad = {0, 0, 0, 0, 0, 3, 0, 0};
  CHECK_THROWS_AS(weighted_proportions(y, w, bad, 3), std::invalid_argument);
}

TEST_CASE("reporting willingness counts reports among victims only", "[engine][survey]") {
  const std::vector<double> victimised = {1, 1, 0, kNaN, 1, 1};
  const std::vector<double> reported = {1, 0, 1, 1, kNaN, 1};
  const auto v = reporting_willingness_values(victimised, reported);
  const SurveyEstimate e = weighted_proportion(v, {});
  CHECK(e.n == 3);  // victims with a known answer
  CHECK(e.estimate == Approx(2.0 / 3.0).epsilon(1e-14));
}
