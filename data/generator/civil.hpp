#pragma once
// Calendar helpers for the generator (days since 1970-01-01, weekdays, the two days a year
// Europe/Amsterdam changes clocks). Kept apart from the engine's civil_time so that the
// generator links nothing but GDAL.

#include <cstdint>

namespace kvo::gen {

/// A calendar date.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
constexpr std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// The date of a day count since 1970-01-01.
constexpr Date civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, d};
}

/// ISO weekday: 0 = Monday … 6 = Sunday.
constexpr int weekday(std::int32_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

/// Days in a month.
constexpr int days_in_month(int y, int m) {
  constexpr int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : n[m - 1];
}

/// Day count of the last Sunday of a month.
constexpr std::int32_t last_sunday(int y, int m) {
  const std::int32_t last = days_from_civil(y, m, days_in_month(y, m));
  return last - (weekday(last) + 1) % 7;
}

/// True on the days Amsterdam skips or repeats the hour 02:00–03:00 (last Sunday of
/// March and of October): wall-clock times in that hour are missing or ambiguous there.
constexpr bool is_clock_change_day(std::int32_t days) {
  const Date d = civil_from_days(days);
  return (d.month == 3 || d.month == 10) && days == last_sunday(d.year, d.month);
}

}  // namespace kvo::gen
