#include "io/core/text.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace kvo::io {

using engine::CivilDate;
using engine::LocalDateTime;

std::optional<Encoding> encoding_from_name(std::string_view name) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "auto") return Encoding::auto_detect;
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "windows-1252" || n == "cp1252" || n == "latin1" || n == "iso-8859-1" || n == "ansi")
    return Encoding::windows1252;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0)
      len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
      len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
      len = 4, cp = c & 0x07;
    else
      return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and values beyond U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

static void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string show_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len > 0 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
    ++i;
  }
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string windows1252_to_utf8(std::string_view s) {
  // 0x80–0x9F differ from Latin-1; undefined bytes map to U+FFFD.
  static constexpr std::array<std::uint16_t, 32> k80 = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                                        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80)
      out += ch;
    else if (c < 0xA0)
      append_utf8(out, k80[c - 0x80]);
    else
      append_utf8(out, c);
  }
  return out;
}

std::string to_utf8(std::string_view text, Encoding encoding) {
  if (encoding == Encoding::utf8) return std::string(text);
  if (encoding == Encoding::auto_detect && is_valid_utf8(text)) return std::string(text);
  return windows1252_to_utf8(text);
}

std::string option_key(std::string_view option) {
  std::string key(option.substr(0, option.find('=')));
  for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

std::string_view trim(std::string_view t) {
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  return t;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  const auto comma = text.rfind(',');
  const auto dot = text.rfind('.');
  std::array<char, 64> buf{};
  if (comma != std::string_view::npos) {
    // The later of ',' and '.' is the decimal separator; the other one groups thousands.
    const bool comma_decimal = dot == std::string_view::npos || comma > dot;
    const char group = comma_decimal ? '.' : ',';
    std::size_t n = 0;
    for (char c : text) {
      if (c == group) continue;
      if (n + 1 >= buf.size()) return std::nullopt;
      buf[n++] = (comma_decimal && c == ',') ? '.' : c;
    }
    double v = 0;
    auto r = fast_float::from_chars(buf.data(), buf.data() + n, v);
    if (r.ec != std::errc() || r.ptr != buf.data() + n) return std::nullopt;
    return v;
  }
  double v = 0;
  auto r = fast_float::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

namespace {

// Reads exactly `min..max` digits at `s[i]`.
bool read_int(std::string_view s, std::size_t& i, int min_digits, int max_digits, int& value) {
  int n = 0;
  value = 0;
  while (i < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
    value = value * 10 + (s[i] - '0');
    ++i, ++n;
  }
  return n >= min_digits;
}

struct Fields {
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
  bool has_time = false;
  bool day_first_assumed = false;  ///< auto: year last, so day-month by convention
  bool has_offset = false;
  int offset_s = 0;
};

// strptime-like: %d %m %Y %y %H %M %S %%; other characters must match literally.
bool parse_with_format(std::string_view s, std::string_view fmt, Fields& f) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < fmt.size(); ++k) {
    if (fmt[k] != '%' || k + 1 == fmt.size()) {
      if (i >= s.size() || s[i] != fmt[k]) return false;
      ++i;
      continue;
    }
    const char spec = fmt[++k];
    int v = 0;
    switch (spec) {
      case 'd':
        if (!read_int(s, i, 1, 2, v)) return false;
        f.day = v;
        break;
      case 'm':
        if (!read_int(s, i, 1, 2, v)) return false;
        f.month = v;
        break;
      case 'Y':
        if (!read_int(s, i, 4, 4, v)) return false;
        f.year = v;
        break;
      case 'y':
        if (!read_int(s, i, 2, 2, v)) return false;
        f.year = v < 70 ? 2000 + v : 1900 + v;
        break;
      case 'H':
        if (!read_int(s, i, 1, 2, v)) return false;
        f.hour = v;
        f.has_time = true;
        break;
      case 'M':
        if (!read_int(s, i, 1, 2, v)) return false;
        f.minute = v;
        f.has_time = true;
        break;
      case 'S':
        if (!read_int(s, i, 1, 2, v)) return false;
        f.second = v;
        break;
      case '%':
        if (i >= s.size() || s[i] != '%') return false;
        ++i;
        break;
      default:
        return false;
    }
  }
  return i == s.size();
}

// Time of day "HH:MM", "HH:MM:SS", "HH.MM", or "HHMM" from position i to the end or an offset.
bool parse_time_auto(std::string_view s, std::size_t& i, Fields& f) {
  int h = 0, m = 0, sec = 0;
  const std::size_t start = i;
  if (!read_int(s, i, 1, 2, h)) return false;
  if (i < s.size() && (s[i] == ':' || s[i] == '.')) {
    ++i;
    if (!read_int(s, i, 2, 2, m)) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!read_int(s, i, 2, 2, sec)) return false;
      if (i < s.size() && s[i] == '.') {  // fractional seconds are dropped
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      }
    }
  } else if (i - start == 2 && i + 2 <= s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (!read_int(s, i, 2, 2, m)) return false;  // "HHMM"
  } else {
    return false;
  }
  f.hour = h, f.minute = m, f.second = sec, f.has_time = true;
  return true;
}

bool parse_offset(std::string_view s, std::size_t& i, Fields& f) {
  if (i == s.size()) return true;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
    f.has_offset = true;
    return i == s.size();
  }
  if (s[i] != '+' && s[i] != '-') return false;
  const int sign = s[i] == '-' ? -1 : 1;
  ++i;
  int hh = 0, mm = 0;
  if (!read_int(s, i, 2, 2, hh)) return false;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && !read_int(s, i, 2, 2, mm)) return false;
  f.has_offset = true;
  f.offset_s = sign * (hh * 3600 + mm * 60);
  return i == s.size();
}

bool parse_date_auto(std::string_view s, Fields& f) {
  std::size_t i = 0;
  int a = 0;
  const std::size_t a_start = i;
  if (!read_int(s, i, 1, 4, a)) return false;
  const std::size_t a_len = i - a_start;
  if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return false;
  const char sep = s[i++];
  int b = 0, c = 0;
  if (!read_int(s, i, 1, 2, b)) return false;
  if (i >= s.size() || s[i] != sep) return false;
  ++i;
  const std::size_t c_start = i;
  if (!read_int(s, i, 1, 4, c)) return false;
  const std::size_t c_len = i - c_start;
  if (a_len == 4) {
    f.year = a, f.month = b, f.day = c;  // yyyy-mm-dd, yyyy/mm/dd
  } else if (c_len == 4) {
    f.year = c, f.month = b, f.day = a;  // dd-mm-yyyy (Dutch order, never US)
    f.day_first_assumed = true;
  } else if (c_len == 2) {
    f.year = c < 70 ? 2000 + c : 1900 + c, f.month = b, f.day = a;
    f.day_first_assumed = true;
  } else {
    return false;
  }
  if (i == s.size()) return true;
  if (s[i] != 'T' && s[i] != ' ') return false;
  while (i < s.size() && (s[i] == 'T' || s[i] == ' ')) ++i;
  if (!parse_time_auto(s, i, f)) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  return parse_offset(s, i, f);
}

}  // namespace

ParsedInstant parse_instant(std::string_view date_text, std::string_view time_text, std::string_view date_format,
                            std::string_view time_format) {
  ParsedInstant out;
  date_text = trim(date_text);
  time_text = trim(time_text);
  if (date_text.empty()) {
    out.status = ParseStatus::missing;
    out.problem = "empty date";
    return out;
  }
  Fields f;
  const bool date_ok = (date_format.empty() || date_format == "auto") ? parse_date_auto(date_text, f)
                                                                      : parse_with_format(date_text, date_format, f);
  if (!date_ok || f.year < 0 || f.month < 0 || f.day < 0) {
    out.status = ParseStatus::bad;
    out.problem = "cannot read date '" + std::string(date_text) + "'";
    return out;
  }
  if (!time_text.empty()) {
    Fields t;
    std::size_t i = 0;
    const bool time_ok = (time_format.empty() || time_format == "auto")
                             ? (parse_time_auto(time_text, i, t) && i == time_text.size())
                             : parse_with_format(time_text, time_format, t);
    if (!time_ok) {
      out.status = ParseStatus::bad;
      out.problem = "cannot read time '" + std::string(time_text) + "'";
      return out;
    }
    f.hour = t.hour, f.minute = t.minute, f.second = t.second, f.has_time = true;
  }
  const CivilDate date{f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)};
  if (!engine::is_valid_date(date)) {
    out.status = ParseStatus::bad;
    out.problem = "no such date '" + std::string(date_text) + "'";
    return out;
  }
  // 24:00 is accepted as the end of the day, as some police systems write it.
  if (f.hour > 24 || f.minute > 59 || f.second > 60 || (f.hour == 24 && (f.minute || f.second))) {
    out.status = ParseStatus::bad;
    out.problem = "no such time of day in '" + std::string(date_text) + " " + std::string(time_text) + "'";
    return out;
  }
  out.status = ParseStatus::ok;
  out.has_time = f.has_time;
  out.date = date;
  out.day_first_assumed = f.day_first_assumed;
  if (f.has_offset) {
    out.utc = static_cast<std::int64_t>(engine::days_from_civil(date)) * 86400 + f.hour * 3600 + f.minute * 60 +
              f.second - f.offset_s;
  } else {
    out.utc = engine::amsterdam_to_utc(LocalDateTime{date, f.hour, f.minute, f.second});
  }
  return out;
}

std::optional<engine::CivilDate> parse_iso_date(std::string_view text) {
  Fields f;
  if (!parse_with_format(trim(text), "%Y-%m-%d", f)) return std::nullopt;
  const CivilDate d{f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)};
  if (!engine::is_valid_date(d)) return std::nullopt;
  return d;
}

}  // namespace kvo::io
