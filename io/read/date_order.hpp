#pragma once
// Internal to io/read: watching a source's dates for day and month in the wrong order. A
// date_format (or "auto", which reads dd-mm-yyyy by the Dutch convention) with day and
// month exchanged reads every date with a day up to 12 as another date, silently: the
// reader warns whenever the accepted dates cannot tell the two orders apart.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/civil_time.hpp"
#include "io/core/spec.hpp"

namespace kvo::io::detail {

/// How a warning names a record: the word ("row", "sheet row") and what to add to a
/// record's row (counted from 1 below the header) to get it.
struct RowNaming {
  const char* word = "row";
  std::int64_t offset = 0;
};

/// A date_format with the day and month exchanged ("%d-%m-%Y" → "%m-%d-%Y"); "" when it
/// has not both.
std::string swapped_date_format(const std::string& format);

/// Collects the evidence while a source is read; `warning` says what it shows.
class DateOrderCheck {
 public:
  explicit DateOrderCheck(const SourceSpec& source);
  /// An accepted record's start date as written (`text` the date field), and whether
  /// "auto" assumed its day-first order.
  void accepted(std::int64_t row, const engine::CivilDate& date, bool day_first_assumed, const std::string& text);
  /// A record rejected as a bad date: does it read with day and month exchanged?
  void bad_date(std::int64_t row, const std::string& date_text, const std::string& time_text);
  /// The warning, if any: rows rejected as bad dates that read in the other order while
  /// every accepted date fits both; or every accepted date fitting both orders (no day
  /// above 12) with at least one whose day and month differ.
  [[nodiscard]] std::optional<std::string> warning(const RowNaming& rows) const;

 private:
  [[nodiscard]] std::string ambiguous_warning(const RowNaming& rows) const;

  const SourceSpec& src_;
  std::string swapped_;      ///< the explicit format with day and month exchanged
  bool auto_ = false;        ///< date_format "auto": only dates it read day-first count
  bool year_first_ = false;  ///< an explicit format with the year first (ISO order): not ambiguous
  bool day_above_12_ = false;
  std::int64_t accepted_ = 0, ambiguous_ = 0, swapped_ok_ = 0;
  std::vector<std::int64_t> accepted_rows_, ambiguous_rows_, swapped_rows_;
  std::string example_text_;  ///< the first ambiguous date as written
  engine::CivilDate example_{};
  std::int64_t example_row_ = 0;
};

}  // namespace kvo::io::detail
