#include "engine/trend.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>

#include "engine/civil_time.hpp"

namespace kvo::engine {

namespace {

using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

constexpr std::array<std::string_view, 3> kTrendNames = {"no_trend", "increasing", "decreasing"};

// Scratch buffers reused across the rows of mann_kendall_rows.
struct Scratch {
  std::vector<double> x;      // observed values
  std::vector<double> t;      // their time indices
  std::vector<double> pairs;  // sorted copy / pairwise slopes
};

TrendResult mann_kendall_impl(std::span<const double> series, const TrendOptions& options, Scratch& scratch) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  auto& x = scratch.x;
  auto& t = scratch.t;
  x.clear();
  t.clear();
  for (std::size_t i = 0; i < series.size(); ++i)
    if (!std::isnan(series[i])) {
      x.push_back(series[i]);
      t.push_back(static_cast<double>(i));
    }
  TrendResult out;
  const std::size_t n = x.size();
  out.n = static_cast<std::int64_t>(n);
  out.tau = nan;
  out.sen_slope = nan;

  // S and Sen's slope share the pair loop.
  auto& slopes = scratch.pairs;
  slopes.clear();
  std::int64_t s = 0;
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = x[j] - x[i];
      s += (d > 0.0) - (d < 0.0);
      slopes.push_back(d / (t[j] - t[i]));
    }
  out.s = s;
  if (!slopes.empty()) {
    const std::size_t mid = slopes.size() / 2;
    std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(mid), slopes.end());
    double median = slopes[mid];
    if (slopes.size() % 2 == 0) {
      const double below = *std::max_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(mid));
      median = (below + median) / 2.0;
    }
    out.sen_slope = median;
  }
  if (n < 3) return out;

  // Tie groups of equal values.
  auto& sorted = scratch.pairs;
  sorted.assign(x.begin(), x.end());
  std::sort(sorted.begin(), sorted.end());
  double tie_var = 0.0;    // Σ t(t−1)(2t+5)
  double tie_pairs = 0.0;  // Σ t(t−1)/2
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const auto g = static_cast<double>(j - i);
    tie_var += g * (g - 1.0) * (2.0 * g + 5.0);
    tie_pairs += g * (g - 1.0) / 2.0;
    i = j;
  }
  const auto nd = static_cast<double>(n);
  out.var_s = (nd * (nd - 1.0) * (2.0 * nd + 5.0) - tie_var) / 18.0;
  const double all_pairs = nd * (nd - 1.0) / 2.0;
  if (all_pairs - tie_pairs > 0.0) out.tau = static_cast<double>(s) / std::sqrt(all_pairs * (all_pairs - tie_pairs));
  if (!(out.var_s > 0.0) || s == 0) return out;

  const double sd = std::sqrt(out.var_s);
  const double sign = s > 0 ? 1.0 : -1.0;
  const double magnitude = std::fabs(static_cast<double>(s)) - (options.continuity ? 1.0 : 0.0);
  out.z = sign * magnitude / sd;
  const boost::math::normal_distribution<double, Policy> standard;
  out.p = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(out.z))));
  if (out.p < options.alpha) out.trend = s > 0 ? TrendClass::increasing : TrendClass::decreasing;
  return out;
}

}  // namespace

std::string_view trend_name(TrendClass trend) { return kTrendNames[static_cast<std::size_t>(trend)]; }

std::optional<TrendClass> trend_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kTrendNames.size(); ++i)
    if (kTrendNames[i] == name) return static_cast<TrendClass>(i);
  return std::nullopt;
}

TrendResult mann_kendall(std::span<const double> series, const TrendOptions& options) {
  Scratch scratch;
  return mann_kendall_impl(series, options, scratch);
}

std::vector<TrendResult> mann_kendall_rows(std::span<const double> values, std::size_t series_length,
                                           const TrendOptions& options) {
  if (series_length == 0) {
    if (!values.empty()) throw std::invalid_argument("mann_kendall_rows: series_length is 0");
    return {};
  }
  if (values.size() % series_length != 0)
    throw std::invalid_argument("mann_kendall_rows: values are not a whole number of series");
  std::vector<TrendResult> out;
  out.reserve(values.size() / series_length);
  Scratch scratch;
  for (std::size_t start = 0; start < values.size(); start += series_length)
    out.push_back(mann_kendall_impl(values.subspan(start, series_length), options, scratch));
  return out;
}

MonthBins whole_months(const PeriodRange& range) {
  MonthBins bins;
  if (range.to_day < range.from_day) return bins;
  CivilDate first = civil_from_days(range.from_day);
  if (first.day != 1) {
    first.day = 1;
    if (++first.month > 12) {
      first.month = 1;
      ++first.year;
    }
  }
  CivilDate last = civil_from_days(range.to_day);
  if (last.day != days_in_month(last.year, last.month)) {
    if (--last.month == 0) {
      last.month = 12;
      --last.year;
    }
  }
  const std::int64_t months = (static_cast<std::int64_t>(last.year) - first.year) * 12 +
                              (static_cast<std::int64_t>(last.month) - static_cast<std::int64_t>(first.month)) + 1;
  bins.first_year = first.year;
  bins.first_month = first.month;
  bins.first_day = days_from_civil(first);
  bins.months = static_cast<std::int32_t>(std::max<std::int64_t>(0, months));
  return bins;
}

std::vector<double> monthly_counts(std::span<const std::int64_t> start_utc, std::span<const std::int32_t> group,
                                   std::size_t n_groups, const MonthBins& bins, std::span<const float> weight) {
  if (group.size() != start_utc.size()) throw std::invalid_argument("monthly_counts: group and start differ in length");
  if (!weight.empty() && weight.size() != start_utc.size())
    throw std::invalid_argument("monthly_counts: weight and start differ in length");
  const auto months = static_cast<std::size_t>(std::max(0, bins.months));
  std::vector<double> counts(n_groups * months, 0.0);
  if (months == 0) return counts;
  // UTC instants of local midnight on each month's 1st: bin k is [edge[k], edge[k+1]).
  std::vector<std::int64_t> edge(months + 1);
  int year = bins.first_year;
  unsigned month = bins.first_month;
  for (std::size_t k = 0; k <= months; ++k) {
    edge[k] = amsterdam_to_utc(LocalDateTime{CivilDate{year, month, 1}, 0, 0, 0});
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  for (std::size_t i = 0; i < start_utc.size(); ++i) {
    const std::int32_t g = group[i];
    if (g < 0) continue;
    if (static_cast<std::size_t>(g) >= n_groups) throw std::invalid_argument("monthly_counts: group >= n_groups");
    const std::int64_t t = start_utc[i];
    if (t < edge.front() || t >= edge.back()) continue;
    const auto k = static_cast<std::size_t>(std::upper_bound(edge.begin(), edge.end(), t) - edge.begin()) - 1;
    counts[static_cast<std::size_t>(g) * months + k] += weight.empty() ? 1.0 : static_cast<double>(weight[i]);
  }
  return counts;
}

}  // namespace kvo::engine
