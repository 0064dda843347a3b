#pragma once
// What reading sources yields: accepted records as columns, rejects, and the counts.

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/incident_set.hpp"
#include "io/core/spec.hpp"
#include "io/read/rejects.hpp"

namespace kvo::io {

/// Many short strings in one buffer (no allocation per string). A column holding only
/// empty strings stores nothing but its length (e.g. remarks in a police-only run). The
/// buffer grows with realloc, which moves large blocks by remapping pages instead of
/// copying them, so growing never holds two copies of the text at once. Offsets are 32-bit:
/// a column holds up to 4 GiB of text (some 200 million ids).
class StringColumn {
 public:
  StringColumn() = default;
  StringColumn(const StringColumn& other) { append(other); }
  StringColumn(StringColumn&& other) noexcept
      : chars_(std::move(other.chars_)),
        used_(std::exchange(other.used_, 0)),
        capacity_(std::exchange(other.capacity_, 0)),
        ends_(std::move(other.ends_)),
        leading_empty_(std::exchange(other.leading_empty_, 0)) {
    other.ends_.clear();
  }
  StringColumn& operator=(StringColumn other) noexcept {
    std::swap(chars_, other.chars_);
    std::swap(used_, other.used_);
    std::swap(capacity_, other.capacity_);
    std::swap(ends_, other.ends_);
    std::swap(leading_empty_, other.leading_empty_);
    return *this;
  }

  /// Appends a string.
  void push_back(std::string_view s) {
    if (s.empty() && ends_.empty()) {
      ++leading_empty_;
      return;
    }
    if (ends_.empty() && leading_empty_ > 0) {
      ends_.assign(leading_empty_, 0);
      leading_empty_ = 0;
    }
    if (used_ + s.size() > UINT32_MAX) too_long();
    if (used_ + s.size() > capacity_) grow(used_ + s.size());
    if (!s.empty()) std::memcpy(chars_.get() + used_, s.data(), s.size());
    used_ += s.size();
    ends_.push_back(static_cast<std::uint32_t>(used_));
  }
  /// The i-th string.
  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    if (ends_.empty()) return {};
    const std::uint32_t b = i == 0 ? 0 : ends_[i - 1];
    return {chars_.get() + b, static_cast<std::size_t>(ends_[i] - b)};
  }
  /// Number of strings.
  [[nodiscard]] std::size_t size() const { return ends_.empty() ? leading_empty_ : ends_.size(); }
  /// Keeps only the strings whose `keep` flag is set, in order.
  void filter(const std::vector<std::uint8_t>& keep);
  /// Appends every string of another column (one copy of its text, no per-string work).
  void append(const StringColumn& other);

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  void grow(std::size_t needed);
  [[noreturn]] static void too_long();

  std::unique_ptr<char, Free> chars_;
  std::size_t used_ = 0, capacity_ = 0;
  std::vector<std::uint32_t> ends_;  ///< end offset of each string; empty while all are ""
  std::size_t leading_empty_ = 0;    ///< number of strings while `ends_` is empty
};

/// Where a block of incidents came from: a source of this run, or a baseline GeoPackage.
struct Origin {
  std::string name;  ///< source name (incidents.source)
  SourceKind kind = SourceKind::police;
  bool counted = true;  ///< counts in the incident statistics (count_as_incidents)
  std::int32_t source = -1;  ///< the spec source that read these records; -1 for a baseline's
};

/// All accepted records of a run as columns; `incidents.source` indexes `origins`.
/// Per-record text lives in string columns and dictionaries (no object per record).
struct IncidentTable {
  engine::IncidentSet incidents;    ///< x, y, times, theme, period, area, weight, source
  std::vector<Origin> origins;      ///< by incidents.source
  std::vector<std::uint32_t> row;   ///< 1-based record number in its source
  StringColumn source_id;           ///< the record's id ("" without an id field)
  std::vector<std::uint32_t> code;  ///< index into `codes`
  std::vector<std::string> codes;   ///< distinct category values, as written
  StringColumn remark;              ///< observation remarks ("" for other kinds)

  /// Number of records.
  [[nodiscard]] std::size_t size() const { return incidents.size(); }
  /// Index of a code value in `codes`, adding it when new.
  std::uint32_t intern_code(std::string_view value);
  /// Moves the records whose `flags[i]` is set into a new table (same origins and codes);
  /// both keep their record order.
  IncidentTable split_off(const std::vector<std::uint8_t>& flags);
  /// Keeps only the records whose `flags[i]` is set, in order.
  void keep(const std::vector<std::uint8_t>& flags);
  /// Appends every record of another table (origins matched by name and kind, codes by value).
  void append(const IncidentTable& other);
  /// Appends a table that read_source filled from one source, as a new origin: the result
  /// is the table read_source would have given reading that source into this one (same
  /// origins, records and codes, the codes interned in the order the source met them).
  void append_source(const IncidentTable& source);

 private:
  std::unordered_map<std::string, std::uint32_t> code_index_;
};

/// The bookkeeping of one source: read = accepted + rejected + excluded + outside_study_region.
struct SourceCounts {
  std::string name;
  SourceKind kind = SourceKind::police;
  std::string path;
  std::string sha256;  ///< of the file (empty for database sources)
  std::int64_t read = 0;
  std::int64_t accepted = 0;
  std::int64_t rejected = 0;
  /// Valid records outside the study region and its context (neither accepted nor
  /// rejected): read = accepted + rejected + outside_study_region.
  std::int64_t outside_study_region = 0;
  /// Valid records whose category the taxonomy or the spec's `exclude` marks out of scope
  /// (e.g. fire brigade assistance calls): neither accepted nor rejected.
  std::int64_t excluded = 0;
  /// Excluded records per code: values that match alike (case, `_`, spacing around `/`)
  /// are one code, named by the spelling seen first.
  std::map<std::string, std::int64_t, std::less<>> excluded_codes;
  std::int64_t time_unknown = 0;                             ///< accepted records with a date but no time of day
  std::array<std::int64_t, kRejectReasonCount> by_reason{};  ///< rejects per reason
};

/// An entry of a source's exclude list (or its codes mapped to "excluded") that
/// excluded no record: most likely misspelled.
struct UnusedExclude {
  std::string key;         ///< where the spec has it: "exclude" or "codes"
  std::string entry;       ///< as the spec writes it
  std::string suggestion;  ///< the closest known code; empty when none is close
};

/// What reading one source produced besides the records it appended.
struct SourceResult {
  SourceCounts counts;
  std::vector<Reject> rejects;
  std::int32_t newest_day = INT32_MIN;  ///< newest accepted start day (local civil day)
  std::vector<std::string> warnings;    ///< e.g. a date_format whose day and month may be swapped
  std::vector<UnusedExclude> unused_excludes;  ///< exclude entries that excluded no record
};

}  // namespace kvo::io
