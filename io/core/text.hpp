#pragma once
// Parsing of the text found in real exports: numbers with a decimal comma, Dutch and ISO
// dates, wall-clock times, and Windows-1252 text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/civil_time.hpp"

namespace kvo::io {

/// How source text is encoded.
enum class Encoding { auto_detect, utf8, windows1252 };

/// Parses an encoding name ("auto", "utf-8", "windows-1252", "cp1252", "latin1"); nullopt if unknown.
std::optional<Encoding> encoding_from_name(std::string_view name);

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);
/// `text` for a message: valid UTF-8 kept, each byte that is not part of it shown as
/// `\xHH` (a Windows-1252 "co\xF6rdinaat" read as UTF-8).
std::string show_invalid_utf8(std::string_view text);
/// True when `text` is plain ASCII, which reads the same in every supported encoding.
bool is_ascii(std::string_view text);
/// Converts Windows-1252 bytes to UTF-8.
std::string windows1252_to_utf8(std::string_view text);
/// Text as UTF-8: as is when UTF-8 (or auto and valid), converted from Windows-1252 otherwise.
std::string to_utf8(std::string_view text, Encoding encoding);

/// `text` without leading and trailing white space.
std::string_view trim(std::string_view text);
/// The key of a GDAL "KEY=VALUE" option in upper case (GDAL matches keys so); the whole
/// text when it has no '='.
std::string option_key(std::string_view option);

/// A number with a decimal point or comma ("155123,45", "1.234,5", "-3e2"); white space
/// around it is ignored. nullopt when empty or not a number.
std::optional<double> parse_number(std::string_view text);

/// Outcome of parsing a date or time field.
enum class ParseStatus { ok, missing, bad };

/// A parsed instant: seconds since epoch (UTC), or why there is none.
struct ParsedInstant {
  ParseStatus status = ParseStatus::missing;
  std::int64_t utc = 0;   ///< valid when status == ok
  bool has_time = false;  ///< false when only a date was given (time = 00:00 local)
  engine::CivilDate date{};  ///< the calendar date as written, before any UTC offset (when ok)
  /// "auto" read a date with the year last (dd-mm-yyyy, dd-mm-yy): day first by the Dutch
  /// convention, not by anything in the value.
  bool day_first_assumed = false;
  std::string problem;    ///< what was wrong, for a reject's detail
};

/// Parses a date, a datetime, or a date and a separate time field into an instant.
/// `date_format` / `time_format` are strptime-like ("%d-%m-%Y", "%H:%M") or "auto" (ISO 8601
/// date/datetime with optional offset or Z, "dd-mm-yyyy", "dd-mm-yy", "yyyy/mm/dd"; times
/// HH:MM or HH:MM:SS, also "HHMM"). Wall-clock times without offset are Europe/Amsterdam.
ParsedInstant parse_instant(std::string_view date_text, std::string_view time_text, std::string_view date_format,
                            std::string_view time_format);

/// Parses a calendar date "YYYY-MM-DD" (for spec values); nullopt when invalid.
std::optional<engine::CivilDate> parse_iso_date(std::string_view text);

}  // namespace kvo::io
