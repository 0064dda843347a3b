#pragma once
// Near-repeat analysis: the Knox test of space-time interaction as in Ratcliffe's Near Repeat
// Calculator (NRC): pairs of events counted by distance band × time band, a Monte Carlo
// reference from permuting the event times over the fixed locations, Knox ratios and
// p-values; and the risk window that follows from them. Definitions: docs/near_repeat.md.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/progress.hpp"

namespace kvo::engine {

/// How the distance between two events is measured.
enum class NearRepeatMetric : std::uint8_t {
  euclidean,  ///< straight line (NRC "Euclidean")
  manhattan,  ///< |dx| + |dy| (NRC "Manhattan")
};

/// Options of near_repeat.
struct NearRepeatOptions {
  double distance_band_m = 100.0;  ///< spatial bandwidth b_s, metres (> 0)
  int distance_bands = 10;         ///< number of spatial bands S (>= 1)
  /// Width of the "same location" band, metres: pairs closer than this form their own first
  /// row [0, same_location_m), and the first spatial band starts there. 0 = no such row.
  /// Default 1 m: NRC's same location (its distances are whole units).
  double same_location_m = 1.0;
  double time_band_days = 14.0;  ///< temporal bandwidth b_t, days (> 0)
  int time_bands = 10;           ///< number of temporal bands T (>= 1)
  NearRepeatMetric metric = NearRepeatMetric::euclidean;
  int iterations = 99;            ///< Monte Carlo permutations R (>= 0; 99 gives p >= 0.01)
  std::uint64_t seed = 20240101;  ///< seed of the permutations; results do not depend on threads
  unsigned threads = 0;           ///< worker threads; 0 = all cores
};

/// The Knox table and its Monte Carlo reference. Cells are row-major: index row * cols + col.
/// Rows: [same location], the S spatial bands, then "beyond" (distance >= S b_s); columns:
/// the T temporal bands, then "beyond" (time difference >= T b_t).
struct NearRepeatResult {
  std::size_t rows = 0, cols = 0;
  bool same_location_row = false;          ///< row 0 is the same-location band
  std::vector<double> distance_from_m;     ///< per row, lower edge (inclusive)
  std::vector<double> distance_to_m;       ///< per row, upper edge (exclusive; infinity for beyond)
  std::vector<double> time_from_days;      ///< per column, lower edge (inclusive)
  std::vector<double> time_to_days;        ///< per column, upper edge (exclusive; infinity for beyond)
  std::vector<std::int64_t> observed;      ///< pairs i < j per cell
  std::vector<double> expected;            ///< mean of the simulated counts (NaN without iterations)
  std::vector<double> knox_ratio;          ///< observed / expected (NRC's Knox ratio; see docs)
  std::vector<std::int64_t> simulated_ge;  ///< simulations with a count >= observed
  std::vector<double> p;                   ///< (1 + simulated_ge) / (1 + iterations); NaN without iterations
  std::size_t events = 0;
  std::int64_t pairs = 0;        ///< n (n − 1) / 2
  std::int64_t close_pairs = 0;  ///< pairs closer than S b_s, the ones enumerated
  int iterations = 0;
  bool cancelled = false;  ///< progress asked to stop; the table is then empty

  /// Cell index of (row, col).
  [[nodiscard]] std::size_t at(std::size_t row, std::size_t col) const { return row * cols + col; }
  /// First row of the spatial bands (1 with a same-location row, else 0).
  [[nodiscard]] std::size_t first_band_row() const { return same_location_row ? 1 : 0; }
};

/// The Knox test of `n` events at (x, y) metres and times `t_days` (days, any origin; see
/// days_from_utc_seconds). Every pair i < j falls in one row by its distance d (same location
/// when d < same_location_m, else spatial band k = ⌊d / b_s⌋ when k < S, else beyond) and one
/// column by |t_i − t_j| (band ⌊Δt / b_t⌋ when < T, else beyond). Only pairs closer than
/// S b_s are enumerated (bucket index, cost linear in those pairs); the beyond row follows from
/// the column totals over all pairs, which permutations do not change. Each iteration r
/// permutes the times over the events (Fisher–Yates, its own std::mt19937_64 seeded from
/// `seed` and r), so the result is the same for every thread count. Throws
/// std::invalid_argument on bad options, sizes that differ, non-finite values or more than
/// 2^32 − 1 events.
NearRepeatResult near_repeat(std::span<const double> x, std::span<const double> y, std::span<const double> t_days,
                             const NearRepeatOptions& options = {}, const Progress& progress = {});

/// Times in days since the epoch from UTC seconds (t / 86400, keeping the time of day).
std::vector<double> days_from_utc_seconds(std::span<const std::int64_t> utc_seconds);

/// Where and for how long a near repeat is elevated, read from a Knox table (see docs):
/// an elevated cell has p < alpha and Knox ratio > 1.
struct NearRepeatWindow {
  /// Repeat victimisation: the same-location row is elevated from the first time band on.
  bool repeat = false;
  double repeat_days = 0.0;  ///< upper edge of the last band of that uninterrupted run
  /// Near repeat: the cell (first spatial band, first time band) is elevated.
  bool near_repeat = false;
  double distance_m = 0.0;  ///< upper edge of the farthest spatial band of the connected cells
  double days = 0.0;        ///< upper edge of the latest time band of the connected cells
  /// Per spatial band (0 = first band): upper edge of the latest connected time band in that
  /// band, 0 when the band has no connected cell.
  std::vector<double> days_by_band;
};

/// The risk window of a Knox table at level alpha (default 0.05). Only the spatial and
/// temporal bands count, never the beyond row or column.
NearRepeatWindow near_repeat_window(const NearRepeatResult& knox, double alpha = 0.05);

/// One recent incident's elevated zone.
struct NearRepeatZone {
  std::uint32_t event = 0;         ///< index into the events
  bool near = false;               ///< inside the near-repeat window
  double radius_m = 0.0;           ///< near-repeat radius (window.distance_m) when near
  double until_days = 0.0;         ///< near zone lasts while now < until_days (t + window.days)
  bool repeat = false;             ///< inside the repeat (same location) window
  double repeat_until_days = 0.0;  ///< repeat risk lasts while now < repeat_until_days
};

/// The incidents still inside a risk window at `now_days` (days, as t_days): event e is near
/// when the window has a near repeat and 0 <= now − t_e < window.days, repeat when it has a
/// repeat window and 0 <= now − t_e < window.repeat_days. Events neither are left out; the
/// rest in event order.
std::vector<NearRepeatZone> near_repeat_zones(std::span<const double> t_days, const NearRepeatWindow& window,
                                              double now_days);

}  // namespace kvo::engine
