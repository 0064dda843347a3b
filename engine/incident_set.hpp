#pragma once
// The column-oriented set of accepted incidents the engine computes on.

#include <cstdint>
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
struct IncidentSet {
  std::vector<double> x;                ///< easting, metres, analysis CRS
  std::vector<double> y;                ///< northing, metres, analysis CRS
  std::vector<std::int64_t> start_utc;  ///< window start, seconds since epoch (UTC)
  std::vector<std::int64_t> end_utc;    ///< window end, or kNoTime for a point in time
  std::vector<ThemeId> theme;           ///< theme index (never kThemeAll)
  std::vector<std::uint8_t> period;     ///< PeriodId as integer, or kNoPeriod
  std::vector<std::int32_t> area;       ///< index into the Areas, or kNoArea
  std::vector<float> weight;            ///< incident weight (1 for a plain count)
  std::vector<std::uint16_t> source;    ///< index of the source in the spec

  /// Number of incidents.
  [[nodiscard]] std::size_t size() const { return x.size(); }
  /// Reserves room in every column.
  void reserve(std::size_t n);
  /// Resizes every column (new rows: zeros, kNoTime end, kNoPeriod, kNoArea, weight 1).
  void resize(std::size_t n);
  /// Appends one incident.
  void push_back(double px, double py, std::int64_t start, std::int64_t end, ThemeId th,
                 std::uint8_t per, std::int32_t ar, float w, std::uint16_t src);
  /// Appends every incident of another set.
  void append(const IncidentSet& other);
  /// The incidents whose `flags[i]` is set, in order.
  [[nodiscard]] IncidentSet subset(const std::vector<std::uint8_t>& flags) const;
  /// Keeps only the incidents whose `flags[i]` is set, in order (in place, no second copy).
  void keep(const std::vector<std::uint8_t>& flags);
};

/// The study areas: KVO areas and neighbourhoods, each a valid multipolygon in metres.
struct Areas {
  std::vector<MultiPolygon> geometry;  ///< valid (repaired) geometry per area
  std::vector<double> area_m2;         ///< planar area per area, m²

  /// Number of areas.
  [[nodiscard]] std::size_t size() const { return geometry.size(); }
};

}  // namespace kvo::engine
