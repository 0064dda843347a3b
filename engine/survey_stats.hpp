#pragma once
// Weighted survey indicators (the `survey_indicators` layer): weighted proportions with a
// Wilson interval on the Kish effective sample size, weighted means (marks 1–10) with a t
// interval, and the follow-up − baseline difference of each. See docs/survey.md.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace kvo::engine {

/// Options of the survey estimators.
struct SurveyOptions {
  double confidence = 0.95;          ///< level of every interval, default 0.95
  std::int64_t min_respondents = 10;  ///< an estimate on fewer respondents (n) is `too_few`, default 10
};

/// One weighted estimate (a proportion in [0, 1] or a mean on the answer scale).
struct SurveyEstimate {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::int64_t n = 0;         ///< respondents in the base: answered (value not NaN) with weight > 0
  double sum_weight = 0.0;    ///< Σw over the base
  double n_eff = 0.0;         ///< Kish effective size (Σw)²/Σw²; 0 for an empty base
  double estimate = kNaN;     ///< Σw·y/Σw; NaN for an empty base
  double std_error = kNaN;    ///< proportion √(p̂(1−p̂)/n_eff); mean s/√n_eff (NaN when n_eff ≤ 1)
  double ci_low = kNaN;       ///< interval lower bound (Wilson for proportions, t for means)
  double ci_high = kNaN;      ///< interval upper bound
  bool too_few = true;        ///< n < min_respondents (the estimate is still filled in)
};

/// Follow-up − baseline difference of one indicator.
struct SurveyDifference {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double estimate = kNaN;   ///< second − first (follow-up − baseline)
  double ci_low = kNaN;     ///< lower bound (Newcombe hybrid score for proportions, Welch t for means)
  double ci_high = kNaN;    ///< upper bound
  double statistic = kNaN;  ///< pooled two-proportion z, or Welch t
  double p = kNaN;          ///< two-sided p-value of the statistic
  bool too_few = true;      ///< either estimate is too_few
};

/// Weighted proportion of a 0/1 column. `value`: 1 = yes, 0 = no, NaN = not answered / not
/// applicable (left out of the base, never counted as no). `weight`: ≥ 0, finite, same
/// length, or empty for 1 each. Interval: Wilson score interval with n = n_eff.
/// Throws std::invalid_argument on other values, bad weights or length mismatch.
SurveyEstimate weighted_proportion(std::span<const double> value, std::span<const double> weight,
                                   const SurveyOptions& options = {});

/// Weighted mean of a numeric column (e.g. marks 1–10; NaN = not answered) with a Student t
/// interval: s² = Σw(x−x̄)²/Σw · n_eff/(n_eff−1), SE = s/√n_eff, df = n_eff − 1.
SurveyEstimate weighted_mean(std::span<const double> value, std::span<const double> weight,
                             const SurveyOptions& options = {});

/// weighted_proportion per group: `group[i]` in [0, n_groups), or < 0 to leave row i out.
std::vector<SurveyEstimate> weighted_proportions(std::span<const double> value, std::span<const double> weight,
                                                 std::span<const std::int32_t> group, std::size_t n_groups,
                                                 const SurveyOptions& options = {});

/// weighted_mean per group: `group[i]` in [0, n_groups), or < 0 to leave row i out.
std::vector<SurveyEstimate> weighted_means(std::span<const double> value, std::span<const double> weight,
                                           std::span<const std::int32_t> group, std::size_t n_groups,
                                           const SurveyOptions& options = {});

/// Difference of two weighted proportions (second − first) on effective sizes: pooled
/// two-proportion z-test, Newcombe (1998, method 10) hybrid Wilson score interval.
SurveyDifference proportion_difference(const SurveyEstimate& first, const SurveyEstimate& second,
                                       const SurveyOptions& options = {});

/// Difference of two weighted means (second − first): Welch t on the effective sizes, with
/// Welch–Satterthwaite degrees of freedom.
SurveyDifference mean_difference(const SurveyEstimate& first, const SurveyEstimate& second,
                                 const SurveyOptions& options = {});

/// Reporting willingness as a 0/1 column: `reported` (0/1) where `victimised` is 1, NaN
/// elsewhere (not victimised or unknown: outside the base). Feed it to weighted_proportion.
std::vector<double> reporting_willingness_values(std::span<const double> victimised,
                                                 std::span<const double> reported);

}  // namespace kvo::engine
