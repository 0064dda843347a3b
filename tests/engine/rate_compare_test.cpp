#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "engine/rate_compare.hpp"

using namespace kvo::engine;

namespace {

// Independent oracle: the binomial pmf from log-gamma, and R's binom.test two-sided rule by
// a plain linear scan over every outcome (stats:::binom.test, R 4.x source).
double pmf(std::int64_t k, std::int64_t n, double p) {
  const auto kd = static_cast<double>(k), nd = static_cast<double>(n);
  return std::exp(std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) + kd * std::log(p) +
                  (nd - kd) * std::log1p(-p));
}

double linear_scan_p(std::int64_t x, std::int64_t n, double p) {
  const double d = pmf(x, n, p) * (1 + 1e-7);
  double sum = 0.0;
  for (std::int64_t k = 0; k <= n; ++k)
    if (pmf(k, n, p) <= d) sum += pmf(k, n, p);
  return std::min(1.0, sum);
}

double upper_tail(std::int64_t x, std::int64_t n, double p) {  // P(X >= x)
  double sum = 0.0;
  for (std::int64_t k = x; k <= n; ++k) sum += pmf(k, n, p);
  return sum;
}

// Unbiased bounded draw in [0, bound) by rejection (portable, unlike std::uniform_*).
std::uint64_t draw(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t v = 0;
  do v = rng(); while (v >= limit);
  return v % bound;
}

}  // namespace

// c0 = 40 baseline, c1 = 22 follow-up, equal exposure (the worked example).
// Conditional on n = 62, c1 ~ Binomial(62, 1/2). R 4.x:
//   binom.test(22, 62)$p.value          = 0.030015864349067393
//   binom.test(22, 62)$conf.int         = 0.23741428033042491 0.48663343034999618
//   poisson.test(c(22, 40))$conf.int     = 0.31132799134147887 0.94792582750716825
// By hand: RR = 22/40 = 0.55; the RR bounds are π/(1−π): 0.237414/0.762586 = 0.311328 and
// 0.486633/0.513367 = 0.947926; the two-sided p is the mass of every k with
// P(k) <= P(22): k <= 22 or k >= 40 (P(40) = P(22) by symmetry), i.e. 2·P(X <= 22);
// Poisson z = 2(√22 − √40) = 2(4.690416 − 6.324555) = −3.268279.
TEST_CASE("rate comparison of 40 versus 22 at equal exposure matches binom.test", "[engine][rate_compare]") {
  const RateTest t = test_rate_ratio(40, 22, 1.0, 1.0);
  CHECK(t.rate_ratio == Approx(0.55).epsilon(1e-14));
  CHECK(t.p == Approx(0.030015864349067393).epsilon(1e-10));
  CHECK(t.rr_low == Approx(0.31132799134147887).epsilon(1e-9));
  CHECK(t.rr_high == Approx(0.94792582750716825).epsilon(1e-9));
  CHECK(t.poisson_z == Approx(2.0 * (std::sqrt(22.0) - std::sqrt(40.0))).epsilon(1e-14));

  // Independent computation by summing pmf terms.
  double lower_tail = 0.0;
  for (int k = 0; k <= 22; ++k) lower_tail += pmf(k, 62, 0.5);
  CHECK(t.p == Approx(2.0 * lower_tail).epsilon(1e-10));
  CHECK(t.p == Approx(linear_scan_p(22, 62, 0.5)).epsilon(1e-10));

  // Clopper–Pearson bounds are where the one-sided tails equal α/2.
  const ProportionInterval ci = clopper_pearson(22, 62);
  CHECK(ci.low == Approx(0.23741428033042491).epsilon(1e-9));
  CHECK(ci.high == Approx(0.48663343034999618).epsilon(1e-9));
  CHECK(upper_tail(22, 62, ci.low) == Approx(0.025).epsilon(1e-9));
  CHECK(1.0 - upper_tail(23, 62, ci.high) == Approx(0.025).epsilon(1e-9));
}

// Different period lengths are compared as rates. R 4.x:
//   poisson.test(c(30, 12), c(2, 1)): p = 0.62407427074512811,
//     conf.int = 0.62148156753107575 2.68083424175388307, rate ratio 1.25
//   poisson.test(c(7, 2), c(1, 1.5)): p = 0.035112448000000025,
//     conf.int = 0.99961017031172061 51.79548458014799905
TEST_CASE("rate comparison with unequal exposures matches poisson.test", "[engine][rate_compare]") {
  const RateTest a = test_rate_ratio(12, 30, 1.0, 2.0);
  CHECK(a.rate_ratio == Approx(1.25));
  CHECK(a.p == Approx(0.62407427074512811).epsilon(1e-10));
  CHECK(a.rr_low == Approx(0.62148156753107575).epsilon(1e-9));
  CHECK(a.rr_high == Approx(2.68083424175388307).epsilon(1e-9));
  CHECK(a.p == Approx(linear_scan_p(30, 42, 2.0 / 3.0)).epsilon(1e-10));
  CHECK(a.poisson_z == Approx(2.0 * (std::sqrt(30.0) - std::sqrt(24.0))).epsilon(1e-14));

  const RateTest b = test_rate_ratio(2, 7, 1.5, 1.0);
  CHECK(b.rate_ratio == Approx(5.25));
  CHECK(b.p == Approx(0.035112448000000025).epsilon(1e-10));
  CHECK(b.rr_low == Approx(0.99961017031172061).epsilon(1e-9));
  CHECK(b.rr_high == Approx(51.79548458014799905).epsilon(1e-9));
}

// binom.test(5, 5): p = 0.0625 (= 2/32), conf.int = 0.47817624989501861 1 ((α/2)^(1/5)).
TEST_CASE("zero counts give infinite or undefined ratios as documented", "[engine][rate_compare]") {
  const RateTest none_before = test_rate_ratio(0, 5, 1.0, 1.0);
  CHECK(std::isinf(none_before.rate_ratio));
  CHECK(std::isinf(none_before.rr_high));
  CHECK(none_before.p == Approx(0.0625).epsilon(1e-12));
  const double pi_low = std::pow(0.025, 1.0 / 5.0);
  CHECK(none_before.rr_low == Approx(pi_low / (1 - pi_low)).epsilon(1e-9));

  const RateTest none_after = test_rate_ratio(5, 0, 1.0, 1.0);
  CHECK(none_after.rate_ratio == 0.0);
  CHECK(none_after.rr_low == 0.0);
  CHECK(none_after.p == Approx(0.0625).epsilon(1e-12));

  const RateTest nothing = test_rate_ratio(0, 0, 1.0, 2.0);
  CHECK(std::isnan(nothing.rate_ratio));
  CHECK(nothing.p == 1.0);
  CHECK(nothing.rr_low == 0.0);
  CHECK(std::isinf(nothing.rr_high));
  CHECK(nothing.poisson_z == 0.0);

  const std::vector<std::int64_t> c0 = {0}, c1 = {0};
  CHECK(compare_rates(c0, c1, 1.0, 1.0).change[0] == RateChange::too_few);
  CHECK_THROWS_AS(test_rate_ratio(-1, 3, 1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(test_rate_ratio(1, 3, 0.0, 1.0), std::invalid_argument);
}

// p-values from R 4.x binom.test: (22 of 62) 0.030015864349067393, (3 of 8) 0.7265625,
// (100 of 200) 1, (40 of 50) 2.3861331676755601e-05;
// p.adjust(c(.030016, .7265625, 1, 2.3861e-05), "BH") = 0.060031728698134786
// 0.96875 1 9.5445326707022403e-05 (hand: sorted p·4/rank = 9.54e-5, 0.060032, 0.96875, 1).
TEST_CASE("BH q over the layer decides the change class, raw p when fdr is off", "[engine][rate_compare]") {
  const std::vector<std::int64_t> c0 = {40, 5, 100, 10};
  const std::vector<std::int64_t> c1 = {22, 3, 100, 40};
  RateCompareOptions options;
  const RateComparison with_fdr = compare_rates(c0, c1, 1.0, 1.0, options);
  REQUIRE(with_fdr.size() == 4);
  CHECK(with_fdr.q[0] == Approx(0.060031728698134786).epsilon(1e-9));
  CHECK(with_fdr.q[1] == Approx(0.96875).epsilon(1e-9));
  CHECK(with_fdr.q[2] == Approx(1.0));
  CHECK(with_fdr.q[3] == Approx(9.5445326707022403e-05).epsilon(1e-9));
  CHECK(with_fdr.change[0] == RateChange::no_significant_change);  // q 0.06 >= 0.05
  CHECK(with_fdr.change[1] == RateChange::too_few);                // 8 < 10
  CHECK(with_fdr.change[2] == RateChange::no_significant_change);
  CHECK(with_fdr.change[3] == RateChange::increase);
  CHECK(with_fdr.count_baseline == c0);
  CHECK(with_fdr.count_followup == c1);

  options.fdr = false;
  const RateComparison raw = compare_rates(c0, c1, 1.0, 1.0, options);
  CHECK(raw.change[0] == RateChange::decrease);  // p 0.030 < 0.05
  CHECK(raw.change[3] == RateChange::increase);

  options.min_total = 5;
  CHECK(compare_rates(c0, c1, 1.0, 1.0, options).change[1] == RateChange::no_significant_change);
}

TEST_CASE("the bisection p-value equals R's linear scan on seeded random tables", "[engine][rate_compare]") {
  std::mt19937_64 rng(20240101);
  for (int trial = 0; trial < 300; ++trial) {
    const auto n = static_cast<std::int64_t>(1 + draw(rng, trial < 200 ? 60 : 1500));
    const auto x = static_cast<std::int64_t>(draw(rng, static_cast<std::uint64_t>(n) + 1));
    const double pi = (1.0 + static_cast<double>(draw(rng, 998))) / 1000.0;
    INFO("x = " << x << ", n = " << n << ", pi = " << pi);
    CHECK(binomial_two_sided_p(x, n, pi) == Approx(linear_scan_p(x, n, pi)).epsilon(1e-8).margin(1e-300));
  }
}

TEST_CASE("swapping the periods inverts the ratio and keeps the p-value", "[engine][rate_compare]") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 100; ++trial) {
    const auto c0 = static_cast<std::int64_t>(draw(rng, 80));
    const auto c1 = static_cast<std::int64_t>(1 + draw(rng, 80));
    const double t0 = 0.5 + static_cast<double>(draw(rng, 20)) / 4.0;
    const double t1 = 0.5 + static_cast<double>(draw(rng, 20)) / 4.0;
    const RateTest forward = test_rate_ratio(c0, c1, t0, t1);
    const RateTest back = test_rate_ratio(c1, c0, t1, t0);
    INFO("c0 = " << c0 << ", c1 = " << c1 << ", t0 = " << t0 << ", t1 = " << t1);
    CHECK(forward.p == Approx(back.p).epsilon(1e-8));
    CHECK(forward.rr_low * back.rr_high == Approx(1.0).epsilon(1e-9));
    if (c0 > 0) CHECK(forward.rr_high * back.rr_low == Approx(1.0).epsilon(1e-9));
    CHECK(forward.rr_low <= forward.rate_ratio);
    CHECK(forward.rate_ratio <= forward.rr_high);
  }
}

TEST_CASE("change names round-trip", "[engine][rate_compare]") {
  for (auto c : {RateChange::no_significant_change, RateChange::increase, RateChange::decrease, RateChange::too_few})
    CHECK(rate_change_from_name(rate_change_name(c)) == c);
  CHECK(rate_change_name(RateChange::too_few) == "too_few");
  CHECK_FALSE(rate_change_from_name("more").has_value());
}
