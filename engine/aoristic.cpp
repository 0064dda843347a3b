#include "engine/aoristic.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/civil_time.hpp"

namespace kvo::engine {

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

// Week hour of UTC hour number k (the hour [k·3600, (k+1)·3600)). Amsterdam's offsets are
// whole hours and its changes fall on UTC hour boundaries, so one UTC hour is always one
// local wall-clock hour.
int week_hour_of_utc_hour(std::int64_t k, int offset) {
  const std::int64_t local = k * kHour + offset;
  const std::int64_t day = floor_div(local, kDay);
  const auto hour = static_cast<int>((local - day * kDay) / kHour);
  return weekday_from_days(static_cast<std::int32_t>(day)) * 24 + hour;
}

int week_hour_of_utc_hour(std::int64_t k) { return week_hour_of_utc_hour(k, amsterdam_offset_at_utc(k * kHour)); }

}  // namespace

int week_hour_of(std::int64_t utc_seconds) { return week_hour_of_utc_hour(floor_div(utc_seconds, kHour)); }

AoristicProfile compute_aoristic_profile(std::span<const std::int64_t> start_utc,
                                         std::span<const std::int64_t> end_utc,
                                         std::span<const std::int32_t> group, std::size_t n_groups,
                                         std::span<const float> weight, const AoristicOptions& options,
                                         const Progress& progress) {
  const std::size_t n = start_utc.size();
  if (end_utc.size() != n || group.size() != n || (!weight.empty() && weight.size() != n))
    throw std::invalid_argument("compute_aoristic_profile: columns differ in length");
  if (options.max_window_h < 1 || options.max_window_h > static_cast<std::int64_t>(kHoursPerWeek))
    throw std::invalid_argument("compute_aoristic_profile: max_window_h must lie in 1..168");
  AoristicProfile out;
  out.groups = n_groups;
  out.weight.assign(n_groups * kHoursPerWeek, 0.0);
  out.total.assign(n_groups, 0.0);
  out.incidents.assign(n_groups, 0);
  out.long_windows.assign(n_groups, 0);
  out.points.assign(n_groups, 0);
  out.whole_days.assign(n_groups, 0);
  const std::int64_t max_window_s = options.max_window_h * kHour;
  constexpr std::size_t kReportEvery = std::size_t{1} << 16;

  for (std::size_t i = 0; i < n; ++i) {
    if (i % kReportEvery == 0 && !report(progress, static_cast<double>(i) / static_cast<double>(n))) {
      out.cancelled = true;
      return out;
    }
    const std::int32_t g = group[i];
    if (g < 0) continue;
    if (static_cast<std::size_t>(g) >= n_groups)
      throw std::invalid_argument("compute_aoristic_profile: group >= n_groups");
    const std::int64_t start = start_utc[i];
    const std::int64_t end = end_utc[i];
    if (end != kNoTime && end < start) {
      ++out.invalid;
      continue;
    }
    const auto gi = static_cast<std::size_t>(g);
    const double w = weight.empty() ? 1.0 : static_cast<double>(weight[i]);
    double* profile = out.weight.data() + gi * kHoursPerWeek;
    ++out.incidents[gi];
    out.total[gi] += w;

    if (end == kNoTime || end == start) {
      ++out.points[gi];
      profile[week_hour_of(start)] += w;
      continue;
    }
    const std::int64_t duration = end - start;
    if (duration > max_window_s) {
      ++out.long_windows[gi];
      const double share = w / static_cast<double>(kHoursPerWeek);
      for (std::size_t h = 0; h < kHoursPerWeek; ++h) profile[h] += share;
      continue;
    }
    if (duration >= 23 * kHour && duration <= 25 * kHour) {
      // A record known only to the day (docs/temporal.md): spread like any window, counted.
      const LocalDateTime local = utc_to_amsterdam(start);
      if (local.hour == 0 && local.minute == 0 && local.second == 0 &&
          end == amsterdam_midnight_utc(days_from_civil(local.date) + 1))
        ++out.whole_days[gi];
    }
    // Walk the UTC hours the window touches (at most 169). Without an offset change inside
    // the window the week hour simply advances by one per UTC hour; with one (a window
    // this short holds at most one) every hour is looked up.
    const double per_second = w / static_cast<double>(duration);
    const std::int64_t first = floor_div(start, kHour);
    const std::int64_t last = floor_div(end - 1, kHour);
    const int first_offset = amsterdam_offset_at_utc(first * kHour);
    const bool steady = last == first || first_offset == amsterdam_offset_at_utc(last * kHour);
    int slot = week_hour_of_utc_hour(first, first_offset);
    for (std::int64_t k = first; k <= last; ++k) {
      if (!steady) slot = week_hour_of_utc_hour(k);
      const std::int64_t overlap = std::min(end, (k + 1) * kHour) - std::max(start, k * kHour);
      profile[slot] += static_cast<double>(overlap) * per_second;
      if (steady && ++slot == static_cast<int>(kHoursPerWeek)) slot = 0;
    }
  }
  report(progress, 1.0);
  return out;
}

AoristicProfile compute_aoristic_profile(const IncidentSet& incidents, std::span<const std::int32_t> group,
                                         std::size_t n_groups, const AoristicOptions& options,
                                         const Progress& progress) {
  return compute_aoristic_profile(incidents.start_utc, incidents.end_utc, group, n_groups, incidents.weight,
                                  options, progress);
}

}  // namespace kvo::engine
