// Fuzzes the field helpers every record goes through: encoding detection and
// Windows-1252 decoding, trimming, and numbers with a decimal comma.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/core/text.hpp"

using namespace kvo::io;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)encoding_from_name(text);

  const bool ascii = is_ascii(text);
  const bool utf8 = is_valid_utf8(text);
  if (ascii && !utf8) __builtin_trap();  // ASCII is UTF-8
  // Decoding always yields valid UTF-8, and auto-detection keeps valid UTF-8 as it is.
  const std::string decoded = windows1252_to_utf8(text);
  if (!is_valid_utf8(decoded)) __builtin_trap();
  if (ascii && decoded != text) __builtin_trap();
  const std::string automatic = to_utf8(text, Encoding::auto_detect);
  if (!is_valid_utf8(automatic)) __builtin_trap();
  if (utf8 && automatic != text) __builtin_trap();
  if (to_utf8(text, Encoding::windows1252) != decoded) __builtin_trap();
  (void)to_utf8(text, Encoding::utf8);

  const std::string_view trimmed = trim(text);
  if (trim(trimmed) != trimmed) __builtin_trap();

  // A number reads the same with white space around it.
  const auto number = parse_number(text);
  const auto padded = parse_number(" " + std::string(text) + "\t");
  if (number.has_value() != padded.has_value()) __builtin_trap();
  if (number && !(*number == *padded || (std::isnan(*number) && std::isnan(*padded)))) __builtin_trap();
  return 0;
}
