#pragma once
// Aoristic temporal profile (the `temporal_profile` layer, docs/contract/SPEC.md §4): each incident
// spreads a weight of 1 over the 168 hours of the week (Europe/Amsterdam wall clock) in
// proportion to how much of its time window falls in each hour. See docs/temporal.md.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/incident_set.hpp"
#include "engine/progress.hpp"

namespace kvo::engine {

/// Hours in a week: the length of one profile.
inline constexpr std::size_t kHoursPerWeek = 168;

/// Hour of the week (weekday·24 + local hour; Monday 00:00 = 0 … Sunday 23:00 = 167) of a
/// UTC instant on the Europe/Amsterdam wall clock.
int week_hour_of(std::int64_t utc_seconds);

/// Options of compute_aoristic_profile.
struct AoristicOptions {
  /// Windows longer than this many hours spread evenly, 1/168 to every hour of the week
  /// (their timing is unknown); default 168 (one week), allowed 1…168.
  std::int64_t max_window_h = 168;
};

/// Aoristic weights per group × weekday × hour.
struct AoristicProfile {
  std::size_t groups = 0;                  ///< number of groups
  std::vector<double> weight;              ///< groups × 168 values, index group·168 + weekday·24 + hour
  std::vector<double> total;               ///< Σ incident weight per group (= Σ of its 168 values)
  std::vector<std::int64_t> incidents;     ///< incidents spread per group
  std::vector<std::int64_t> long_windows;  ///< of which windows longer than max_window_h (spread evenly)
  std::vector<std::int64_t> points;        ///< of which points in time (no end, or end = start)
  std::vector<std::int64_t> whole_days;    ///< of which windows of one local day, 00:00–24:00 (time unknown)
  std::int64_t invalid = 0;                ///< incidents skipped because end < start
  bool cancelled = false;                  ///< progress asked to stop; values are then incomplete

  /// Weight of a group at weekday (0 = Monday … 6 = Sunday) and local hour (0–23).
  [[nodiscard]] double at(std::size_t group, int weekday, int hour) const {
    return weight[group * kHoursPerWeek + static_cast<std::size_t>(weekday * 24 + hour)];
  }
};

/// Time windows [start, end) in UTC seconds, one group per incident (`group[i]` in
/// [0, n_groups), or < 0 to leave the incident out) and optional weights (empty = 1 each).
/// `end` kNoTime or equal to start is a point in time: its whole weight goes to the hour
/// holding `start`. Real elapsed time is assigned to the local hour it falls in, so across
/// the spring change the skipped hour gets nothing and across the autumn change the
/// repeated 02:00 hour gets both real hours. Throws std::invalid_argument on length
/// mismatch, a group >= n_groups or bad options.
AoristicProfile compute_aoristic_profile(std::span<const std::int64_t> start_utc,
                                         std::span<const std::int64_t> end_utc,
                                         std::span<const std::int32_t> group, std::size_t n_groups,
                                         std::span<const float> weight = {},
                                         const AoristicOptions& options = {}, const Progress& progress = {});

/// The same over an IncidentSet's start, end and weight columns.
AoristicProfile compute_aoristic_profile(const IncidentSet& incidents, std::span<const std::int32_t> group,
                                         std::size_t n_groups, const AoristicOptions& options = {},
                                         const Progress& progress = {});

}  // namespace kvo::engine
