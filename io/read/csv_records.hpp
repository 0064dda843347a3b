#pragma once
// The original bytes of records in a delimited text file, split the way GDAL's CSV reader
// splits them, so that a rejected record can be shown exactly as the export holds it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/core/text.hpp"

namespace kvo::io {

/// Splits text into records: a record ends at a line feed outside double quotes (a quote
/// toggles "inside"; a doubled quote toggles twice), its "\r\n" or "\n" terminator is not
/// part of it, and a record with no bytes but a "\r" is blank and not counted. Feed
/// chunks in order, then call finish().
class CsvRecordSplitter {
 public:
  /// `wanted` holds 0-based indexes of non-blank records (sorted ascending) whose bytes
  /// are kept; every other record is only counted.
  explicit CsvRecordSplitter(std::vector<std::int64_t> wanted);
  /// Consumes the next bytes of the file.
  void feed(std::string_view chunk);
  /// Ends the last record (a file need not end with a line feed).
  void finish();
  /// Non-blank records seen so far.
  [[nodiscard]] std::int64_t records() const { return count_; }
  /// The kept records' bytes, in the order of `wanted` (empty until seen).
  [[nodiscard]] const std::vector<std::string>& kept() const { return kept_; }

 private:
  void end_record();
  std::vector<std::int64_t> wanted_;
  std::vector<std::string> kept_;
  std::size_t next_wanted_ = 0;
  std::int64_t count_ = 0;
  bool in_quotes_ = false;
  bool keeping_ = false;
  std::size_t length_ = 0;  // bytes of the current record, terminator excluded
  bool only_cr_ = true;     // the current record is empty or a lone "\r"
  std::string current_;
};

/// Reads the records of data rows `rows` (1-based, after the header record, sorted
/// ascending) of the file at `path`, whose header record starts at byte `offset`. Returns
/// one string per row, or an empty vector when the file's record count differs from
/// `expected_rows` (then the split cannot be trusted to match GDAL's rows). Throws
/// InputError when the file cannot be read.
std::vector<std::string> read_csv_records(const std::filesystem::path& path, const std::vector<std::int64_t>& rows,
                                          std::int64_t expected_rows, std::uint64_t offset = 0);

/// Where a line of a text file starts.
struct LineStart {
  std::uint64_t offset = 0;  ///< byte offset of its first byte
  bool blank = false;        ///< it holds nothing but white space
};

/// The start of 1-based physical line `line` (lines end at "\n"; quotes do not matter:
/// the lines above a header are an export's title, not records), or nothing when the
/// file has fewer lines. Throws InputError when the file cannot be read.
std::optional<LineStart> find_line(const std::filesystem::path& path, std::int64_t line);

/// A record's bytes as printable UTF-8: decoded per `encoding` (Windows-1252, or UTF-8
/// with each invalid byte as \xHH), every control byte but tab as \xHH (so "\r\n" inside
/// a quoted field reads "\x0D\x0A" and a NUL "\x00"), and a backslash doubled. Reversible.
std::string escape_record(std::string_view bytes, Encoding encoding);

}  // namespace kvo::io
