#include "engine/survey_stats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace kvo::engine {

namespace {

using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentsT = boost::math::students_t_distribution<double, Policy>;

// Running sums of one group over its base (answered rows with weight > 0).
struct Sums {
  std::int64_t n = 0;
  double w = 0.0;    // Σw
  double w2 = 0.0;   // Σw²
  double wy = 0.0;   // Σw·y
  double wss = 0.0;  // Σw(y − ȳ)², second pass (means only)
};

void check_options(const SurveyOptions& options) {
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw std::invalid_argument("survey: confidence must lie in (0, 1)");
}

double normal_quantile(double confidence) {
  return boost::math::quantile(Normal(), 1.0 - (1.0 - confidence) / 2.0);
}

double normal_two_sided_p(double z) {
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(Normal(), std::fabs(z))));
}

double weight_at(std::span<const double> weight, std::size_t i) {
  if (weight.empty()) return 1.0;
  const double w = weight[i];
  if (!std::isfinite(w) || w < 0.0) throw std::invalid_argument("survey: weights must be finite and >= 0");
  return w;
}

void check_lengths(std::span<const double> value, std::span<const double> weight, std::size_t groups) {
  if (!weight.empty() && weight.size() != value.size())
    throw std::invalid_argument("survey: weight and value differ in length");
  if (groups != value.size()) throw std::invalid_argument("survey: group and value differ in length");
}

// Shared first pass: Σ per group over the base. `binary` checks values are 0 or 1.
std::vector<Sums> accumulate(std::span<const double> value, std::span<const double> weight,
                             std::span<const std::int32_t> group, std::size_t n_groups, bool binary) {
  std::vector<Sums> sums(n_groups);
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::int32_t g = group.empty() ? 0 : group[i];
    if (g < 0) continue;
    if (static_cast<std::size_t>(g) >= n_groups) throw std::invalid_argument("survey: group >= n_groups");
    const double y = value[i];
    const double w = weight_at(weight, i);
    if (std::isnan(y) || w == 0.0) continue;
    if (binary && y != 0.0 && y != 1.0) throw std::invalid_argument("survey: proportion values must be 0, 1 or NaN");
    if (!binary && !std::isfinite(y)) throw std::invalid_argument("survey: mean values must be finite or NaN");
    Sums& s = sums[static_cast<std::size_t>(g)];
    ++s.n;
    s.w += w;
    s.w2 += w * w;
    s.wy += w * y;
  }
  return sums;
}

SurveyEstimate base_estimate(const Sums& s, const SurveyOptions& options) {
  SurveyEstimate e;
  e.n = s.n;
  e.sum_weight = s.w;
  e.too_few = s.n < options.min_respondents;
  if (s.n == 0) return e;
  e.n_eff = s.w * s.w / s.w2;
  e.estimate = s.wy / s.w;
  return e;
}

// Wilson score interval of proportion p on n (effective) observations.
void wilson(double p, double n, double z, double& low, double& high) {
  const double z2n = z * z / n;
  const double denominator = 1.0 + z2n;
  const double centre = (p + z2n / 2.0) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2n / (4.0 * n));
  low = std::max(0.0, centre - half);
  high = std::min(1.0, centre + half);
}

SurveyEstimate finish_proportion(const Sums& s, const SurveyOptions& options, double z) {
  SurveyEstimate e = base_estimate(s, options);
  if (s.n == 0) return e;
  // Rounding can push Σw·y/Σw a hair outside [0, 1].
  e.estimate = std::clamp(e.estimate, 0.0, 1.0);
  e.std_error = std::sqrt(e.estimate * (1.0 - e.estimate) / e.n_eff);
  wilson(e.estimate, e.n_eff, z, e.ci_low, e.ci_high);
  return e;
}

SurveyEstimate finish_mean(const Sums& s, const SurveyOptions& options) {
  SurveyEstimate e = base_estimate(s, options);
  if (s.n == 0 || !(e.n_eff > 1.0)) return e;
  // Reliability-weight unbiased variance: Σw(x−x̄)² / (Σw − Σw²/Σw) = Σw(x−x̄)²/Σw · n_eff/(n_eff−1).
  const double variance = s.wss / s.w * e.n_eff / (e.n_eff - 1.0);
  e.std_error = std::sqrt(variance / e.n_eff);
  const double t = boost::math::quantile(StudentsT(e.n_eff - 1.0), 1.0 - (1.0 - options.confidence) / 2.0);
  e.ci_low = e.estimate - t * e.std_error;
  e.ci_high = e.estimate + t * e.std_error;
  return e;
}

void second_pass(std::span<const double> value, std::span<const double> weight, std::span<const std::int32_t> group,
                 std::vector<Sums>& sums) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::int32_t g = group.empty() ? 0 : group[i];
    if (g < 0) continue;
    const double y = value[i];
    const double w = weight.empty() ? 1.0 : weight[i];
    if (std::isnan(y) || w == 0.0) continue;
    Sums& s = sums[static_cast<std::size_t>(g)];
    const double d = y - s.wy / s.w;
    s.wss += w * d * d;
  }
}

}  // namespace

std::vector<SurveyEstimate> weighted_proportions(std::span<const double> value, std::span<const double> weight,
                                                 std::span<const std::int32_t> group, std::size_t n_groups,
                                                 const SurveyOptions& options) {
  check_options(options);
  check_lengths(value, weight, group.size());
  const auto sums = accumulate(value, weight, group, n_groups, true);
  const double z = normal_quantile(options.confidence);
  std::vector<SurveyEstimate> out;
  out.reserve(n_groups);
  for (const Sums& s : sums) out.push_back(finish_proportion(s, options, z));
  return out;
}

std::vector<SurveyEstimate> weighted_means(std::span<const double> value, std::span<const double> weight,
                                           std::span<const std::int32_t> group, std::size_t n_groups,
                                           const SurveyOptions& options) {
  check_options(options);
  check_lengths(value, weight, group.size());
  auto sums = accumulate(value, weight, group, n_groups, false);
  second_pass(value, weight, group, sums);
  std::vector<SurveyEstimate> out;
  out.reserve(n_groups);
  for (const Sums& s : sums) out.push_back(finish_mean(s, options));
  return out;
}

SurveyEstimate weighted_proportion(std::span<const double> value, std::span<const double> weight,
                                   const SurveyOptions& options) {
  check_options(options);
  check_lengths(value, weight, value.size());
  const auto sums = accumulate(value, weight, {}, 1, true);
  return finish_proportion(sums[0], options, normal_quantile(options.confidence));
}

SurveyEstimate weighted_mean(std::span<const double> value, std::span<const double> weight,
                             const SurveyOptions& options) {
  check_options(options);
  check_lengths(value, weight, value.size());
  auto sums = accumulate(value, weight, {}, 1, false);
  second_pass(value, weight, {}, sums);
  return finish_mean(sums[0], options);
}

SurveyDifference proportion_difference(const SurveyEstimate& first, const SurveyEstimate& second,
                                       const SurveyOptions& options) {
  check_options(options);
  SurveyDifference d;
  d.too_few = first.too_few || second.too_few;
  if (!(first.n_eff > 0.0) || !(second.n_eff > 0.0)) return d;
  const double p1 = first.estimate, p2 = second.estimate;
  const double n1 = first.n_eff, n2 = second.n_eff;
  d.estimate = p2 - p1;
  const double z = normal_quantile(options.confidence);
  double l1 = 0.0, u1 = 0.0, l2 = 0.0, u2 = 0.0;
  wilson(p1, n1, z, l1, u1);
  wilson(p2, n2, z, l2, u2);
  d.ci_low = d.estimate - std::sqrt((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1));
  d.ci_high = d.estimate + std::sqrt((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1));
  const double pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
  const double se0 = std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
  if (se0 > 0.0) {
    d.statistic = d.estimate / se0;
    d.p = normal_two_sided_p(d.statistic);
  } else {
    // Both samples all-yes or all-no: identical proportions, nothing to test.
    d.statistic = 0.0;
    d.p = 1.0;
  }
  return d;
}

SurveyDifference mean_difference(const SurveyEstimate& first, const SurveyEstimate& second,
                                 const SurveyOptions& options) {
  check_options(options);
  SurveyDifference d;
  d.too_few = first.too_few || second.too_few;
  if (!(first.n_eff > 1.0) || !(second.n_eff > 1.0)) return d;
  d.estimate = second.estimate - first.estimate;
  const double v1 = first.std_error * first.std_error;
  const double v2 = second.std_error * second.std_error;
  const double se = std::sqrt(v1 + v2);
  if (!(se > 0.0)) {
    // No spread in either wave: the interval collapses; a test is only meaningful when the
    // means agree (p = 1), otherwise it is left undefined.
    d.ci_low = d.ci_high = d.estimate;
    if (d.estimate == 0.0) {
      d.statistic = 0.0;
      d.p = 1.0;
    }
    return d;
  }
  const double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (first.n_eff - 1.0) + v2 * v2 / (second.n_eff - 1.0));
  const StudentsT dist(df);
  const double t = boost::math::quantile(dist, 1.0 - (1.0 - options.confidence) / 2.0);
  d.ci_low = d.estimate - t * se;
  d.ci_high = d.estimate + t * se;
  d.statistic = d.estimate / se;
  d.p = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(d.statistic))));
  return d;
}

std::vector<double> reporting_willingness_values(std::span<const double> victimised,
                                                 std::span<const double> reported) {
  if (victimised.size() != reported.size())
    throw std::invalid_argument("reporting_willingness_values: columns differ in length");
  std::vector<double> out(victimised.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < out.size(); ++i)
    if (victimised[i] == 1.0) out[i] = reported[i];
  return out;
}

}  // namespace kvo::engine
