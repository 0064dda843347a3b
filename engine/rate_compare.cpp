#include "engine/rate_compare.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>

#include "engine/fdr.hpp"

namespace kvo::engine {

namespace {

// Double precision throughout (no long double promotion): the same code path, and so the
// same numbers, on every platform we build for.
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
using Binomial = boost::math::binomial_distribution<double, Policy>;
using Beta = boost::math::beta_distribution<double, Policy>;

constexpr std::array<std::string_view, 4> kChangeNames = {"no_significant_change", "increase",
                                                          "decrease", "too_few"};

// R's binom.test: outcomes whose probability is within this factor of the observed one
// count as "no more likely" (guards against rounding in dbinom).
constexpr double kRelErr = 1.0 + 1e-7;

void check_exposures(double t0, double t1) {
  if (!(t0 > 0.0) || !(t1 > 0.0) || !std::isfinite(t0) || !std::isfinite(t1))
    throw std::invalid_argument("compare_rates: exposures must be positive and finite");
}

}  // namespace

std::string_view rate_change_name(RateChange change) {
  return kChangeNames[static_cast<std::size_t>(change)];
}

std::optional<RateChange> rate_change_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kChangeNames.size(); ++i)
    if (kChangeNames[i] == name) return static_cast<RateChange>(i);
  return std::nullopt;
}

ProportionInterval clopper_pearson(std::int64_t x, std::int64_t n, double confidence) {
  if (x < 0 || n < 0 || x > n) throw std::invalid_argument("clopper_pearson: need 0 <= x <= n");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument("clopper_pearson: confidence must lie in (0, 1)");
  const double alpha = 1.0 - confidence;
  const auto xd = static_cast<double>(x);
  const auto nd = static_cast<double>(n);
  ProportionInterval ci;
  if (x > 0) ci.low = boost::math::quantile(Beta(xd, nd - xd + 1.0), alpha / 2.0);
  if (x < n) ci.high = boost::math::quantile(Beta(xd + 1.0, nd - xd), 1.0 - alpha / 2.0);
  return ci;
}

double binomial_two_sided_p(std::int64_t x, std::int64_t n, double pi) {
  if (x < 0 || n < 0 || x > n) throw std::invalid_argument("binomial_two_sided_p: need 0 <= x <= n");
  if (!(pi > 0.0 && pi < 1.0)) throw std::invalid_argument("binomial_two_sided_p: pi must lie in (0, 1)");
  if (n == 0) return 1.0;
  const Binomial dist(static_cast<double>(n), pi);
  const auto pmf = [&](std::int64_t k) { return boost::math::pdf(dist, static_cast<double>(k)); };
  const double threshold = pmf(x) * kRelErr;
  const double m = static_cast<double>(n) * pi;
  const auto xd = static_cast<double>(x);
  if (xd == m) return 1.0;
  double p = 0.0;
  if (xd < m) {
    // The pmf does not increase on [ceil(m), n] (the mode is at most ceil(m)), so the
    // outcomes R counts there form an upper tail [first, n]: find `first` by bisection
    // instead of R's linear scan.
    std::int64_t lo = static_cast<std::int64_t>(std::ceil(m));
    std::int64_t hi = n + 1;  // first index with pmf <= threshold lies in [lo, hi]
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (pmf(mid) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    p = boost::math::cdf(dist, xd);
    if (lo <= n) p += boost::math::cdf(boost::math::complement(dist, static_cast<double>(lo - 1)));
  } else {
    // Mirror image: the pmf does not decrease on [0, floor(m)], so the counted outcomes
    // form a lower tail [0, last].
    std::int64_t lo = -1;  // last index with pmf <= threshold lies in [lo, hi]
    std::int64_t hi = static_cast<std::int64_t>(std::floor(m));
    while (lo < hi) {
      const std::int64_t mid = hi - (hi - lo) / 2;
      if (pmf(mid) <= threshold) lo = mid;
      else hi = mid - 1;
    }
    if (lo >= 0) p = boost::math::cdf(dist, static_cast<double>(lo));
    p += boost::math::cdf(boost::math::complement(dist, xd - 1.0));
  }
  return std::min(1.0, p);
}

RateTest test_rate_ratio(std::int64_t c0, std::int64_t c1, double t0, double t1, double confidence) {
  if (c0 < 0 || c1 < 0) throw std::invalid_argument("compare_rates: counts must not be negative");
  check_exposures(t0, t1);
  constexpr double inf = std::numeric_limits<double>::infinity();
  const auto c0d = static_cast<double>(c0);
  const auto c1d = static_cast<double>(c1);
  const std::int64_t n = c0 + c1;
  RateTest out;
  out.poisson_z = 2.0 * (std::sqrt(c1d) - std::sqrt(c0d * t1 / t0));
  if (n == 0) {
    // Nothing observed: the ratio is undefined and every ratio is consistent with the data.
    out.rate_ratio = std::numeric_limits<double>::quiet_NaN();
    out.rr_low = 0.0;
    out.rr_high = inf;
    out.p = 1.0;
    return out;
  }
  out.rate_ratio = c0 == 0 ? inf : (c1d / t1) / (c0d / t0);
  const double pi0 = t1 / (t0 + t1);
  out.p = binomial_two_sided_p(c1, n, pi0);
  const ProportionInterval ci = clopper_pearson(c1, n, confidence);
  // π/(1−π) is the odds of a follow-up event; times t0/t1 it becomes the rate ratio.
  const auto to_ratio = [&](double pi) { return pi >= 1.0 ? inf : pi / (1.0 - pi) * (t0 / t1); };
  out.rr_low = to_ratio(ci.low);
  out.rr_high = to_ratio(ci.high);
  return out;
}

RateChange classify_rate_change(std::int64_t c0, std::int64_t c1, double t0, double t1, double p,
                                double q, const RateCompareOptions& options) {
  if (c0 + c1 < options.min_total) return RateChange::too_few;
  const double evidence = options.fdr ? q : p;
  if (!(evidence < options.alpha)) return RateChange::no_significant_change;
  // Compare rates by cross-multiplying: exact for integer counts, no division by zero.
  const double followup = static_cast<double>(c1) * t0;
  const double baseline = static_cast<double>(c0) * t1;
  if (followup > baseline) return RateChange::increase;
  if (followup < baseline) return RateChange::decrease;
  return RateChange::no_significant_change;
}

RateComparison compare_rates(std::span<const std::int64_t> c0, std::span<const std::int64_t> c1,
                             double t0, double t1, const RateCompareOptions& options,
                             const Progress& progress) {
  if (c0.size() != c1.size()) throw std::invalid_argument("compare_rates: c0 and c1 differ in length");
  check_exposures(t0, t1);
  const std::size_t rows = c0.size();
  RateComparison out;
  out.count_baseline.assign(c0.begin(), c0.end());
  out.count_followup.assign(c1.begin(), c1.end());
  out.rate_ratio.resize(rows);
  out.rr_low.resize(rows);
  out.rr_high.resize(rows);
  out.p.resize(rows);
  out.poisson_z.resize(rows);
  out.change.resize(rows);
  constexpr std::size_t kReportEvery = 4096;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i % kReportEvery == 0 && !report(progress, static_cast<double>(i) / static_cast<double>(rows))) {
      out = RateComparison{};
      out.cancelled = true;
      return out;
    }
    const RateTest t = test_rate_ratio(c0[i], c1[i], t0, t1, options.confidence);
    out.rate_ratio[i] = t.rate_ratio;
    out.rr_low[i] = t.rr_low;
    out.rr_high[i] = t.rr_high;
    out.p[i] = t.p;
    out.poisson_z[i] = t.poisson_z;
  }
  // A row with no incident in either period is no test: it does not count in BH's m.
  std::vector<double> tested(out.p);
  for (std::size_t i = 0; i < rows; ++i)
    if (c0[i] + c1[i] == 0) tested[i] = std::numeric_limits<double>::quiet_NaN();
  out.q = bh_qvalues(tested);
  for (std::size_t i = 0; i < rows; ++i)
    if (std::isnan(out.q[i])) out.q[i] = 1.0;
  for (std::size_t i = 0; i < rows; ++i)
    out.change[i] = classify_rate_change(c0[i], c1[i], t0, t1, out.p[i], out.q[i], options);
  report(progress, 1.0);
  return out;
}

}  // namespace kvo::engine
