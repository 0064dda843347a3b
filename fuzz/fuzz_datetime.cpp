// Fuzzes date and time parsing: "auto" (ISO 8601, dd-mm-yyyy, dd-mm-yy, yyyy/mm/dd, HH:MM,
// HHMM) and strptime-like formats such as "%d-%m-%Y" / "%H:%M".
//
// Input layout: up to three '\x1f'-separated prefixes split the bytes into
// date, time, date format and time format; missing parts are "" and the formats "auto".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/civil_time.hpp"
#include "io/core/text.hpp"

using namespace kvo::io;

namespace {

std::string_view next_part(std::string_view& rest) {
  const auto cut = rest.find('\x1f');
  const auto part = rest.substr(0, cut);
  rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  return part;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const auto date = next_part(rest);
  const auto time = next_part(rest);
  auto date_format = next_part(rest);
  auto time_format = rest;
  if (date_format.empty()) date_format = "auto";
  if (time_format.empty()) time_format = "auto";

  for (const auto& [df, tf] :
       {std::pair{date_format, time_format}, std::pair{std::string_view("auto"), std::string_view("auto")}}) {
    const ParsedInstant p = parse_instant(date, time, df, tf);
    if (p.status == ParseStatus::ok) {
      if (!p.problem.empty()) __builtin_trap();
      // An accepted instant maps back to a valid Amsterdam calendar date.
      if (!kvo::engine::is_valid_date(kvo::engine::utc_to_amsterdam(p.utc).date)) __builtin_trap();
    } else if (p.problem.empty()) {
      __builtin_trap();  // a reject needs its detail
    }
  }
  if (const auto d = parse_iso_date(date); d && !kvo::engine::is_valid_date(*d)) __builtin_trap();
  return 0;
}
