#pragma once
// The column-oriented set of accepted incidents the engine computes on.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/period.hpp"
#include "engine/themes.hpp"

namespace kvo::engine {

/// Sentinel for "no area" in IncidentSet::area.
inline constexpr std::int32_t kNoArea = -1;
/// Sentinel for "no end time" (a point in time) in IncidentSet::end_utc.
inline constexpr std::int64_t kNoTime = INT64_MIN;

/// Accepted incidents as parallel columns (one index = one incident). All columns have
/// the same length; use `push_back` or `resize` to keep them so.
///
/// Areas come in sets (one per [[areas]] table, see Areas::set) that may overlap: an
/// incident has one area per set. `area` is the most specific of them (the smallest
/// containing area over every set; ties to the lower index), so `area >= 0` means "inside
/// the study areas". With more than one set, `set_area` holds the area of every set;
/// statistics per area count through `area_columns()`.
struct IncidentSet {
  std::vector<double> x;                ///< easting, metres, analysis CRS
  std::vector<double> y;                ///< northing, metres, analysis CRS
  std::vector<std::int64_t> start_utc;  ///< window start, seconds since epoch (UTC)
  std::vector<std::int64_t> end_utc;    ///< window end, or kNoTime for a point in time
  std::vector<ThemeId> theme;           ///< theme index (never kThemeAll)
  std::vector<std::uint8_t> period;     ///< PeriodId as integer, or kNoPeriod
  std::vector<std::int32_t> area;       ///< most specific area over all sets, or kNoArea
  std::vector<float> weight;            ///< incident weight (1 for a plain count)
  std::vector<std::uint16_t> source;    ///< index of the source in the spec
  /// Area per area set when there are two or more sets: one column per set, each size()
  /// long (area index or kNoArea); empty with one set (then `area` is that set's area).
  /// Filled by AreaIndex::assign; rows added later get kNoArea in every set.
  std::vector<std::vector<std::int32_t>> set_area;

  /// Number of incidents.
  [[nodiscard]] std::size_t size() const { return x.size(); }
  /// Reserves room in every column.
  void reserve(std::size_t n);
  /// Resizes every column (new rows: zeros, kNoTime end, kNoPeriod, kNoArea, weight 1).
  void resize(std::size_t n);
  /// Appends one incident.
  void push_back(double px, double py, std::int64_t start, std::int64_t end, ThemeId th, std::uint8_t per,
                 std::int32_t ar, float w, std::uint16_t src);
  /// Appends every incident of another set (set columns missing on either side: kNoArea).
  void append(const IncidentSet& other);
  /// The incidents whose `flags[i]` is set, in order.
  [[nodiscard]] IncidentSet subset(const std::vector<std::uint8_t>& flags) const;
  /// Keeps only the incidents whose `flags[i]` is set, in order (in place, no second copy).
  void keep(const std::vector<std::uint8_t>& flags);
  /// The area columns to count by, one per area set: `set_area`, or `area` alone when
  /// there is one set. An incident counts once in each column where it has an area.
  [[nodiscard]] std::vector<std::span<const std::int32_t>> area_columns() const;
};

/// The study areas: KVO areas and neighbourhoods, each a valid multipolygon in metres.
/// Areas form sets (one per [[areas]] table): within a set a point belongs to its smallest
/// containing area, across sets to one area of each set.
struct Areas {
  std::vector<MultiPolygon> geometry;  ///< valid (repaired) geometry per area
  std::vector<double> area_m2;         ///< planar area per area, m²
  std::vector<std::uint16_t> set;      ///< area set per area; empty = every area in set 0

  /// Number of areas.
  [[nodiscard]] std::size_t size() const { return geometry.size(); }
  /// Area set of area `a` (0 when `set` is empty).
  [[nodiscard]] std::size_t set_of(std::size_t a) const { return set.empty() ? 0 : set[a]; }
  /// Number of area sets: 1 + the highest set number (1 when `set` is empty).
  [[nodiscard]] std::size_t set_count() const;
};

}  // namespace kvo::engine
