#include <catch2/catch.hpp>

#include "io/core/text.hpp"

using namespace kvo::io;
using kvo::engine::CivilDate;
using kvo::engine::days_from_civil;

static std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return static_cast<std::int64_t>(days_from_civil({y, m, d})) * 86400 + hh * 3600 + mm * 60;
}

TEST_CASE("numbers accept a decimal comma, a decimal point and thousands separators", "[io][text]") {
  CHECK(parse_number("155123,45") == Approx(155123.45));
  CHECK(parse_number(" 155123.45 ") == Approx(155123.45));
  CHECK(parse_number("1.234,5") == Approx(1234.5));
  CHECK(parse_number("1,234.5") == Approx(1234.5));
  CHECK(parse_number("-3e2") == Approx(-300));
  CHECK_FALSE(parse_number("n.b.").has_value());
  CHECK_FALSE(parse_number("").has_value());
  CHECK_FALSE(parse_number("12abc").has_value());
}

TEST_CASE("Windows-1252 text becomes UTF-8 and valid UTF-8 is kept", "[io][text]") {
  CHECK(windows1252_to_utf8("Caf\xe9") == "Caf\xc3\xa9");
  CHECK(windows1252_to_utf8("\x80") == "\xe2\x82\xac");  // euro sign
  CHECK(to_utf8("Caf\xc3\xa9", Encoding::auto_detect) == "Caf\xc3\xa9");
  CHECK(to_utf8("Caf\xe9", Encoding::auto_detect) == "Caf\xc3\xa9");
  CHECK(is_valid_utf8("'s-Hertogenbosch"));
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));  // overlong '/'
  CHECK(kvo::io::is_ascii("Winkelcentrum 't Zand; 155909,94"));
  CHECK_FALSE(kvo::io::is_ascii("Caf\xe9"));  // Windows-1252 é
  CHECK_FALSE(kvo::io::is_ascii("Caf\xc3\xa9"));  // UTF-8 é
}

TEST_CASE("invalid UTF-8 bytes are shown as \\xHH for messages, valid UTF-8 kept", "[io][text]") {
  CHECK(show_invalid_utf8("X-co\xf6rdinaat") == "X-co\\xF6rdinaat");
  CHECK(show_invalid_utf8("X-co\xc3\xb6rdinaat") == "X-co\xc3\xb6rdinaat");
  CHECK(show_invalid_utf8("\xe2\x80") == "\\xE2\\x80");  // a cut-off sequence
  CHECK(show_invalid_utf8("") == "");
}

TEST_CASE("Dutch police dates with separate times are Amsterdam local time", "[io][text]") {
  // 3 February 2023 22:15 CET = 21:15 UTC.
  const auto t = parse_instant("03-02-2023", "22:15", "%d-%m-%Y", "%H:%M");
  REQUIRE(t.status == ParseStatus::ok);
  CHECK(t.utc == utc(2023, 2, 3, 21, 15));
  // Summer: 1 July 2023 12:00 CEST = 10:00 UTC; auto format.
  const auto s = parse_instant("1-7-2023", "12:00", "auto", "auto");
  REQUIRE(s.status == ParseStatus::ok);
  CHECK(s.utc == utc(2023, 7, 1, 10, 0));
}

TEST_CASE("ISO datetimes honour an explicit offset or Z", "[io][text]") {
  CHECK(parse_instant("2023-03-04T13:22:00Z", "", "auto", "auto").utc == utc(2023, 3, 4, 13, 22));
  CHECK(parse_instant("2023-03-04T13:22:00+01:00", "", "auto", "auto").utc == utc(2023, 3, 4, 12, 22));
  CHECK(parse_instant("2023-03-04T13:22:00", "", "auto", "auto").utc == utc(2023, 3, 4, 12, 22));
  CHECK(parse_instant("2023/03/04 13:22:00", "", "auto", "auto").utc == utc(2023, 3, 4, 12, 22));
}

TEST_CASE("impossible or unreadable dates are bad and empty ones missing", "[io][text]") {
  CHECK(parse_instant("31-02-2023", "12:00", "%d-%m-%Y", "%H:%M").status == ParseStatus::bad);
  CHECK(parse_instant("2023/13/45", "", "auto", "auto").status == ParseStatus::bad);
  CHECK(parse_instant("29-02-2023", "", "auto", "auto").status == ParseStatus::bad);
  CHECK(parse_instant("29-02-2024", "", "auto", "auto").status == ParseStatus::ok);
  CHECK(parse_instant("03-02-2023", "25:00", "%d-%m-%Y", "%H:%M").status == ParseStatus::bad);
  CHECK(parse_instant("  ", "", "auto", "auto").status == ParseStatus::missing);
  CHECK(parse_instant("gisteren", "", "auto", "auto").status == ParseStatus::bad);
}

TEST_CASE("two-digit years and HHMM times are read as Dutch exports write them", "[io][text]") {
  CHECK(parse_instant("03-02-23", "2215", "auto", "auto").utc == utc(2023, 2, 3, 21, 15));
  CHECK(parse_iso_date("2024-02-29") == CivilDate{2024, 2, 29});
  CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
}
