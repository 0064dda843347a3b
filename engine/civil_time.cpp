#include "engine/civil_time.hpp"

namespace kvo::engine {

std::int32_t days_from_civil(CivilDate date) {
  int y = date.year;
  const unsigned m = date.month, d = date.day;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

CivilDate civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29u : kDays[month - 1];
}

bool is_valid_date(CivilDate date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

int weekday_from_days(std::int32_t days) {
  // 1970-01-01 was a Thursday (ISO 3 when Monday = 0).
  return static_cast<int>(((static_cast<std::int64_t>(days) + 3) % 7 + 7) % 7);
}

// Day count of the last Sunday of a month.
static std::int32_t last_sunday(int year, unsigned month) {
  const std::int32_t last = days_from_civil({year, month, days_in_month(year, month)});
  return last - weekday_from_days(last) + 6 - 7 * (weekday_from_days(last) != 6);
}

int amsterdam_offset_at_utc(std::int64_t utc) {
  const auto day = static_cast<std::int32_t>(floor_div(utc, 86400));
  const int year = civil_from_days(day).year;
  const std::int64_t dst_start = static_cast<std::int64_t>(last_sunday(year, 3)) * 86400 + 3600;
  const std::int64_t dst_end = static_cast<std::int64_t>(last_sunday(year, 10)) * 86400 + 3600;
  return (utc >= dst_start && utc < dst_end) ? 7200 : 3600;
}

std::int64_t amsterdam_to_utc(const LocalDateTime& local) {
  const std::int64_t wall = static_cast<std::int64_t>(days_from_civil(local.date)) * 86400 +
                            local.hour * 3600 + local.minute * 60 + local.second;
  // Try summer time first (takes the first of a repeated autumn hour), then standard time.
  const std::int64_t as_summer = wall - 7200;
  if (amsterdam_offset_at_utc(as_summer) == 7200) return as_summer;
  return wall - 3600;
}

LocalDateTime utc_to_amsterdam(std::int64_t utc) {
  const std::int64_t wall = utc + amsterdam_offset_at_utc(utc);
  const auto day = static_cast<std::int32_t>(floor_div(wall, 86400));
  const auto sod = static_cast<int>(wall - static_cast<std::int64_t>(day) * 86400);
  return {civil_from_days(day), sod / 3600, (sod / 60) % 60, sod % 60};
}

std::int64_t amsterdam_midnight_utc(std::int32_t days) {
  return amsterdam_to_utc({civil_from_days(days), 0, 0, 0});
}

}  // namespace kvo::engine
