#pragma once
// Mann–Kendall trend test and Sen's slope over monthly incident counts (the `trend` and
// `trend_p` fields of `area_change`), plus the monthly counting that feeds it.
// See docs/comparison.md.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/period.hpp"

namespace kvo::engine {

/// Direction of a monotonic trend.
enum class TrendClass : std::uint8_t {
  no_trend,    ///< not significant (or too short a series)
  increasing,  ///< significant, S > 0
  decreasing,  ///< significant, S < 0
};

/// Name written to outputs: `increasing`, `decreasing`, `no_trend`.
std::string_view trend_name(TrendClass trend);
/// Trend class from its name, or nullopt.
std::optional<TrendClass> trend_from_name(std::string_view name);

/// Options of mann_kendall.
struct TrendOptions {
  double alpha = 0.05;     ///< two-sided significance level of the trend class, default 0.05
  bool continuity = true;  ///< continuity correction z = sgn(S)(|S| − 1)/σ, default on (R trend, Kendall)
};

/// Result of a Mann–Kendall test on one series.
struct TrendResult {
  std::int64_t n = 0;     ///< observations used (NaN values are skipped)
  std::int64_t s = 0;     ///< S = Σ_{i<j} sgn(x_j − x_i)
  double var_s = 0.0;     ///< Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 (tie groups t)
  double z = 0.0;         ///< normal score of S (continuity-corrected by default); 0 when Var(S) = 0
  double p = 1.0;         ///< two-sided p = 2(1 − Φ(|z|))
  double tau = 0.0;       ///< Kendall's τ_b against time (ties corrected), NaN when undefined
  double sen_slope = 0.0;  ///< Sen's slope: median of (x_j − x_i)/(j − i) over i < j, per step; NaN when n < 2
  TrendClass trend = TrendClass::no_trend;  ///< increasing / decreasing when p < alpha
};

/// Mann–Kendall test of a series observed at equal steps (index = time). NaN values are
/// missing: skipped, while the others keep their time index for Sen's slope. Series with
/// fewer than 3 observations give no_trend with p = 1.
TrendResult mann_kendall(std::span<const double> series, const TrendOptions& options = {});

/// Mann–Kendall on many series of equal length stored row after row (`series_length`
/// values each), e.g. one row per area × theme; results in row order.
std::vector<TrendResult> mann_kendall_rows(std::span<const double> values, std::size_t series_length,
                                           const TrendOptions& options = {});

/// Whole calendar months inside a period: the months whose first and last day both lie in it.
struct MonthBins {
  std::int32_t first_day = 0;  ///< days since 1970-01-01 of the first whole month's 1st
  int first_year = 1970;       ///< calendar year of the first whole month
  unsigned first_month = 1;    ///< calendar month (1..12) of the first whole month
  std::int32_t months = 0;     ///< number of whole months (0 when none)
};

/// The whole calendar months of `range`; partial months at either end are left out, so
/// every bin has a full month of exposure.
MonthBins whole_months(const PeriodRange& range);

/// Counts incidents per group × whole month by the Amsterdam local date of their start
/// (`start_utc`, seconds since the epoch). Rows with group < 0 or a start outside the bins
/// are skipped; a group >= n_groups throws std::invalid_argument. Returns n_groups rows of `bins.months` counts, row after row, ready for
/// mann_kendall_rows. `weight` may be empty (each incident counts 1).
std::vector<double> monthly_counts(std::span<const std::int64_t> start_utc, std::span<const std::int32_t> group,
                                   std::size_t n_groups, const MonthBins& bins,
                                   std::span<const float> weight = {});

}  // namespace kvo::engine
