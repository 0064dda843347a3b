#pragma once
// Rejected records: the reason codes (stable, snake_case, written to `rejects.reason`).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kvo::io {

/// Why a record was not accepted. The names are a public contract: never rename one.
enum class RejectReason : std::uint8_t {
  missing_coordinates,  ///< x/y (or lon/lat, or geometry) empty
  bad_coordinates,      ///< coordinates present but not numbers, or not a point
  outside_extent,       ///< outside the analysis CRS's valid extent (RD New: x 0–300 km, y 300–625 km)
  swapped_coordinates,  ///< x and y (or lon and lat) look exchanged; not guessed
  latlon_as_projected,  ///< degrees found in projected (RD) columns
  missing_date,         ///< start date empty
  bad_date,             ///< start or end date/time unreadable or impossible
  end_before_start,     ///< window end before its start
  future_date,          ///< start after the reference date (as_of)
  duplicate_id,         ///< the id was seen earlier in the same source
  unknown_code,         ///< category code not in the taxonomy
  missing_code,         ///< category code empty
  outside_period,       ///< valid record dated outside every analysis period
  unknown_area,         ///< area code not among the areas (area_counts, survey)
  bad_value,            ///< a count, weight or answer that cannot be read
};

/// Number of reasons.
inline constexpr std::size_t kRejectReasonCount = 15;

/// The stable code of a reason.
constexpr std::string_view reason_code(RejectReason r) {
  constexpr std::array<std::string_view, kRejectReasonCount> names = {
      "missing_coordinates", "bad_coordinates", "outside_extent",   "swapped_coordinates", "latlon_as_projected",
      "missing_date",        "bad_date",        "end_before_start", "future_date",         "duplicate_id",
      "unknown_code",        "missing_code",    "outside_period",   "unknown_area",        "bad_value"};
  return names[static_cast<std::size_t>(r)];
}

/// One rejected record.
struct Reject {
  std::uint16_t source = 0;  ///< index of the source in the spec
  std::int64_t row = 0;      ///< 1-based data record number in the source
  RejectReason reason = RejectReason::bad_value;
  std::string field;   ///< the field at fault (may be empty)
  std::string detail;  ///< human-readable explanation, with a hint where useful
  std::string raw;     ///< CSV: the record's bytes, escaped (io/read/csv_records.hpp); else its fields as JSON
};

}  // namespace kvo::io
