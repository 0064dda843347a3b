#include <catch2/catch.hpp>

#include "engine/civil_time.hpp"

using namespace kvo::engine;

TEST_CASE("civil dates round-trip through day counts, leap days included", "[engine][time]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(civil_from_days(days_from_civil({2024, 2, 29})) == CivilDate{2024, 2, 29});
  CHECK(is_valid_date({2024, 2, 29}));
  CHECK_FALSE(is_valid_date({2023, 2, 29}));
  CHECK_FALSE(is_valid_date({1900, 2, 29}));
  CHECK(is_valid_date({2000, 2, 29}));
}

TEST_CASE("weekdays are ISO with Monday as 0", "[engine][time]") {
  CHECK(weekday_from_days(days_from_civil({1970, 1, 1})) == 3);  // Thursday
  CHECK(weekday_from_days(days_from_civil({2023, 3, 26})) == 6);  // Sunday
  CHECK(weekday_from_days(days_from_civil({2023, 11, 27})) == 0);  // Monday
}

TEST_CASE("Amsterdam local time follows the EU summer-time rule", "[engine][time]") {
  // 2023: CEST from 26 March 01:00Z to 29 October 01:00Z.
  const std::int64_t start = static_cast<std::int64_t>(days_from_civil({2023, 3, 26})) * 86400 + 3600;
  CHECK(amsterdam_offset_at_utc(start - 1) == 3600);
  CHECK(amsterdam_offset_at_utc(start) == 7200);
  const std::int64_t end = static_cast<std::int64_t>(days_from_civil({2023, 10, 29})) * 86400 + 3600;
  CHECK(amsterdam_offset_at_utc(end - 1) == 7200);
  CHECK(amsterdam_offset_at_utc(end) == 3600);
  // 12:00 local in winter is 11:00Z, in summer 10:00Z.
  CHECK(amsterdam_to_utc({{2023, 1, 15}, 12, 0, 0}) ==
        static_cast<std::int64_t>(days_from_civil({2023, 1, 15})) * 86400 + 11 * 3600);
  CHECK(amsterdam_to_utc({{2023, 7, 15}, 12, 0, 0}) ==
        static_cast<std::int64_t>(days_from_civil({2023, 7, 15})) * 86400 + 10 * 3600);
  const auto back = utc_to_amsterdam(amsterdam_to_utc({{2023, 7, 15}, 12, 34, 56}));
  CHECK(back.date == CivilDate{2023, 7, 15});
  CHECK(back.hour == 12);
  CHECK(back.minute == 34);
  CHECK(back.second == 56);
}

TEST_CASE("a local day lasts 24 hours, 23 when the clocks go forward and 25 when they go back", "[engine][time]") {
  auto hours = [](CivilDate d) {
    const auto day = days_from_civil(d);
    return (amsterdam_midnight_utc(day + 1) - amsterdam_midnight_utc(day)) / 3600;
  };
  CHECK(hours({2023, 2, 7}) == 24);
  CHECK(hours({2023, 3, 26}) == 23);
  CHECK(hours({2023, 10, 29}) == 25);
  CHECK(hours({2024, 3, 31}) == 23);
  // 00:00 CET on 7 February 2023 is 23:00Z the day before.
  CHECK(amsterdam_midnight_utc(days_from_civil({2023, 2, 7})) ==
        static_cast<std::int64_t>(days_from_civil({2023, 2, 6})) * 86400 + 23 * 3600);
}
