#include "io/read/date_order.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "io/core/text.hpp"

namespace kvo::io::detail {

std::string swapped_date_format(const std::string& format) {
  const auto d = format.find("%d"), m = format.find("%m");
  if (d == std::string::npos || m == std::string::npos) return {};
  std::string out = format;
  out.replace(d, 2, "%m");
  out.replace(m, 2, "%d");
  return out;
}

namespace {

constexpr std::size_t kRowsNamed = 5;

// "1, 2, 4" or "1, 2, 3, 4, 8, …" (the first few of `n`), as `naming` counts rows.
std::string row_list(const std::vector<std::int64_t>& rows, std::int64_t n, const RowNaming& naming) {
  std::string s;
  for (const auto r : rows) s += (s.empty() ? "" : ", ") + std::to_string(r + naming.offset);
  return s + (n > static_cast<std::int64_t>(rows.size()) ? ", …" : "");
}

std::string iso(const engine::CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
  return buf;
}

// The month-first format of a dd-mm-yyyy value "auto" read ("05/02/2023" → "%m/%d/%Y"),
// with " …" when the field holds a time after the date.
std::string month_first_format(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  const char sep = i < text.size() ? text[i] : '-';
  std::size_t j = text.find(sep, i + 1);
  std::size_t year_digits = 0;
  if (j != std::string_view::npos)
    for (std::size_t k = j + 1; k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); ++k)
      ++year_digits;
  const std::size_t end = j == std::string_view::npos ? text.size() : j + 1 + year_digits;
  std::string f = std::string("%m") + sep + "%d" + sep + (year_digits == 2 ? "%y" : "%Y");
  if (end < text.size()) f += " %H:%M";  // the time in the same field
  return f;
}

}  // namespace

DateOrderCheck::DateOrderCheck(const SourceSpec& source)
    : src_(source),
      swapped_(swapped_date_format(source.date_format)),
      auto_(source.date_format.empty() || source.date_format == "auto") {
  const auto& f = source.date_format;
  const auto year = std::min(f.find("%Y"), f.find("%y"));
  year_first_ = !swapped_.empty() && year < std::min(f.find("%d"), f.find("%m"));
}

void DateOrderCheck::accepted(std::int64_t row, const engine::CivilDate& date, bool day_first_assumed,
                              const std::string& text) {
  if (day_above_12_ || (swapped_.empty() && !auto_)) return;  // settled, or no order to doubt
  if (auto_ && !day_first_assumed) return;                    // ISO: year, month, day
  if (date.day > 12) {
    day_above_12_ = true;  // this date reads in one order only
    return;
  }
  if (accepted_rows_.size() < kRowsNamed) accepted_rows_.push_back(row);
  ++accepted_;
  if (date.day == date.month) return;  // the same date either way
  if (ambiguous_ == 0) example_text_ = std::string(trim(text)), example_ = date, example_row_ = row;
  if (ambiguous_rows_.size() < kRowsNamed) ambiguous_rows_.push_back(row);
  ++ambiguous_;
}

void DateOrderCheck::bad_date(std::int64_t row, const std::string& date_text, const std::string& time_text) {
  if (swapped_.empty()) return;
  if (parse_instant(date_text, time_text, swapped_, src_.time_format).status != ParseStatus::ok) return;
  if (swapped_rows_.size() < kRowsNamed) swapped_rows_.push_back(row);
  ++swapped_ok_;
}

std::optional<std::string> DateOrderCheck::warning(const RowNaming& rows) const {
  if (day_above_12_ || accepted_ == 0) return std::nullopt;
  const std::string word = std::string(rows.word) + "s";
  if (swapped_ok_ > 0)
    return "source '" + src_.name + "': date_format \"" + src_.date_format +
           "\" may have day and month exchanged: " + std::to_string(swapped_ok_) +
           " rows rejected as bad dates read fine as \"" + swapped_ + "\" (" + word + " " +
           row_list(swapped_rows_, swapped_ok_, rows) + "), and none of the " + std::to_string(accepted_) +
           " accepted dates has a day above 12, so each fits both orders (" + word + " " +
           row_list(accepted_rows_, accepted_, rows) + "); check the export and date_format";
  // Every date with its day equal to its month, or year-month-day, which nobody writes
  // the other way round.
  if (ambiguous_ == 0 || year_first_) return std::nullopt;
  return ambiguous_warning(rows);
}

std::string DateOrderCheck::ambiguous_warning(const RowNaming& rows) const {
  const std::string word = std::string(rows.word) + "s";
  const engine::CivilDate other{example_.year, example_.day, example_.month};
  std::string used, other_format;
  if (auto_) {
    used = "day first (date_format \"auto\" reads dd-mm-yyyy, the Dutch order)";
    other_format = month_first_format(example_text_);
  } else {
    used = std::string(src_.date_format.find("%d") < src_.date_format.find("%m") ? "day" : "month") +
           " first, as date_format \"" + src_.date_format + "\" says";
    other_format = swapped_;
  }
  return "source '" + src_.name + "': the order of day and month is ambiguous: no accepted date has a day above " +
         "12, so " + std::to_string(ambiguous_) + " of the " + std::to_string(accepted_) +
         " accepted dates read as another date with day and month exchanged (" + word + " " +
         row_list(ambiguous_rows_, ambiguous_, rows) + "); they were read " + used + ", so " + rows.word + " " +
         std::to_string(example_row_ + rows.offset) + " '" + example_text_ + "' is " + iso(example_) + ", not " +
         iso(other) + "; confirm the order in the export (a date with a day above 12, or the system that wrote " +
         "it) and if it is the other, set date_format = \"" + other_format + "\"";
}

}  // namespace kvo::io::detail
