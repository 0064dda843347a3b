#pragma once
// Comparing incident counts of two periods (docs/contract/SPEC.md §4 "Comparing two periods"): rate
// ratio, the exact conditional (binomial) test as R's binom.test / poisson.test compute it,
// the Clopper–Pearson-based rate-ratio interval, the Poisson z and Benjamini–Hochberg q.
// See docs/comparison.md.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/progress.hpp"

namespace kvo::engine {

/// Change class of one comparison row (`change` in `area_change`).
enum class RateChange : std::uint8_t {
  no_significant_change,  ///< enough incidents, not significant
  increase,               ///< significantly higher rate in the follow-up
  decrease,               ///< significantly lower rate in the follow-up
  too_few,                ///< c0 + c1 below min_total: no verdict
};

/// Name written to outputs: `increase`, `decrease`, `no_significant_change`, `too_few`.
std::string_view rate_change_name(RateChange change);
/// Change class from its name, or nullopt.
std::optional<RateChange> rate_change_from_name(std::string_view name);

/// Options of compare_rates.
struct RateCompareOptions {
  double confidence = 0.95;      ///< level of the rate-ratio interval, default 0.95
  double alpha = 0.05;           ///< significance level for the change class, default 0.05
  bool fdr = true;               ///< classify on BH q (true, default) or on raw p (false)
  std::int64_t min_total = 10;   ///< rows with c0 + c1 below this are `too_few`, default 10
};

/// Clopper–Pearson ("exact") interval of a binomial proportion.
struct ProportionInterval {
  double low = 0.0;   ///< lower bound (0 when x = 0)
  double high = 1.0;  ///< upper bound (1 when x = n)
};

/// Clopper–Pearson interval for x successes out of n at level `confidence` (R binom.test's
/// conf.int): low = B⁻¹(α/2; x, n−x+1), high = B⁻¹(1−α/2; x+1, n−x). n = 0 gives [0, 1].
ProportionInterval clopper_pearson(std::int64_t x, std::int64_t n, double confidence = 0.95);

/// Two-sided exact binomial p-value of x out of n under success probability `pi`, as R's
/// binom.test: the probability of every outcome no more likely than x (relative tolerance
/// 1 + 1e-7), capped at 1. n = 0 gives 1.
double binomial_two_sided_p(std::int64_t x, std::int64_t n, double pi);

/// The comparison of one row: follow-up count c1 over exposure t1 against baseline c0 over t0.
struct RateTest {
  double rate_ratio = 0.0;  ///< (c1/t1)/(c0/t0); +inf when c0 = 0 < c1; NaN when c0 = c1 = 0
  double rr_low = 0.0;      ///< lower bound of the rate-ratio interval (0 when c1 = 0)
  double rr_high = 0.0;     ///< upper bound (+inf when c0 = 0)
  double p = 1.0;           ///< exact conditional two-sided p: c1 ~ Binomial(c0 + c1, t1/(t0 + t1))
  double poisson_z = 0.0;   ///< 2(√c1 − √(c0 t1/t0))
};

/// Compares c1 events over exposure t1 with c0 over t0 (exposures > 0 in any common unit,
/// e.g. years). Throws std::invalid_argument on negative counts or non-positive exposures.
RateTest test_rate_ratio(std::int64_t c0, std::int64_t c1, double t0, double t1, double confidence = 0.95);

/// The comparison columns of one layer (one row per input row, same order).
struct RateComparison {
  std::vector<std::int64_t> count_baseline;  ///< c0
  std::vector<std::int64_t> count_followup;  ///< c1
  std::vector<double> rate_ratio;            ///< (c1/t1)/(c0/t0)
  std::vector<double> rr_low;                ///< interval lower bound
  std::vector<double> rr_high;               ///< interval upper bound
  std::vector<double> p;                     ///< exact conditional two-sided p
  std::vector<double> q;                     ///< BH q over every row of this call
  std::vector<double> poisson_z;             ///< 2(√c1 − √(c0 t1/t0))
  std::vector<RateChange> change;            ///< change class
  bool cancelled = false;                    ///< progress asked to stop; columns are then empty

  /// Number of rows.
  [[nodiscard]] std::size_t size() const { return p.size(); }
};

/// Compares every row (c0[i], c1[i]) at exposures t0, t1 (baseline, follow-up; e.g. years).
/// One call is one BH family: pass every row of a layer (all areas × themes, `all` included).
/// Throws std::invalid_argument when the spans differ in length, a count is negative or an
/// exposure is not positive. A false return from `progress` stops with `cancelled` set.
RateComparison compare_rates(std::span<const std::int64_t> c0, std::span<const std::int64_t> c1,
                             double t0, double t1, const RateCompareOptions& options = {},
                             const Progress& progress = {});

/// Change class of one row from its counts, exposures, p and q under `options`.
RateChange classify_rate_change(std::int64_t c0, std::int64_t c1, double t0, double t1, double p,
                                double q, const RateCompareOptions& options = {});

}  // namespace kvo::engine
