#pragma once
// Calendar arithmetic and Europe/Amsterdam local time, without a time-zone database.
// Instants are seconds since 1970-01-01T00:00:00Z (UTC). Amsterdam follows the EU rule
// (in force since 1996): CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last
// Sunday of October 01:00 UTC, CET (UTC+1) otherwise. Earlier years use the same rule.

#include <cstdint>

namespace kvo::engine {

/// A civil (proleptic Gregorian) date.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// A local wall-clock date and time.
struct LocalDateTime {
  CivilDate date;
  int hour = 0, minute = 0, second = 0;
};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int32_t days_from_civil(CivilDate date);
/// Civil date of a day count since 1970-01-01.
CivilDate civil_from_days(std::int32_t days);
/// True for a valid calendar date (leap years honoured).
bool is_valid_date(CivilDate date);
/// Days in a month of a year.
unsigned days_in_month(int year, unsigned month);
/// ISO weekday of a day count: 0 = Monday … 6 = Sunday.
int weekday_from_days(std::int32_t days);

/// UTC offset of Europe/Amsterdam at a UTC instant, in seconds (3600 or 7200).
int amsterdam_offset_at_utc(std::int64_t utc_seconds);
/// UTC instant of an Amsterdam wall-clock time. Times in the skipped spring hour are read
/// as standard time (02:30 → 01:30Z, i.e. 03:30 CEST); in the repeated autumn hour the
/// first (summer-time) occurrence is taken.
std::int64_t amsterdam_to_utc(const LocalDateTime& local);
/// Amsterdam wall-clock time of a UTC instant.
LocalDateTime utc_to_amsterdam(std::int64_t utc_seconds);
/// UTC instant of 00:00 Amsterdam time on a day (days since 1970-01-01). A local day lasts
/// until the next day's midnight: 23 hours on the spring change, 25 on the autumn one.
std::int64_t amsterdam_midnight_utc(std::int32_t days);

/// Floor division for negative-safe day/second arithmetic.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace kvo::engine
