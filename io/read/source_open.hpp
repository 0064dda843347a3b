#pragma once
// Internal to io/read: the open-and-check preamble and the ending that every source
// reader (incidents, survey, area counts) shares, so that they open files with the same
// options, name missing fields the same way, keep rejected records alike, and fail a
// damaged file alike.

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "io/core/input_path.hpp"
#include "io/core/spec.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/header_row_layer.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io::detail {

/// GDAL open options for a source: every field read as text; a CSV's first line the
/// header (kvo opens a CSV at its `header_row`), an XLSX/ODS sheet read without GDAL's
/// header handling (HeaderRowLayer names the columns); then the spec's own `open_options`
/// (which win). A WKT column named by `geometry` stays a text field: the reader parses it.
std::vector<std::string> source_open_options(const SourceSpec& source);

/// Throws ConfigError naming the spec file, the source and the option when the source's
/// `open_options` hold one that `driver` does not know (GDAL would ignore it silently),
/// listing the options the driver knows. A sheet's FIELD_TYPES is known: kvo passes it to
/// GDAL 3.6 as a configuration option.
void check_open_options(const AnalysisSpec& spec, std::size_t index, GDALDriver& driver);

/// One source being read: its dataset and layer open (a CSV from its header line on, a
/// sheet's rows below its header row), its counts named, its checksum computed on a
/// second thread, and GDAL's errors collected until `finish`.
class OpenSource {
 public:
  OpenSource(const AnalysisSpec& spec, std::size_t index);
  OpenSource(const OpenSource&) = delete;
  OpenSource& operator=(const OpenSource&) = delete;

  /// The index of a field the spec names under `key`; -1 when `name` is empty. Throws
  /// InputError listing the layer's fields when it is missing.
  [[nodiscard]] int field(const std::string& name, const std::string& key) const;

  /// Records a rejected record (row counted from 1 below the header) with its fields as
  /// they are in the file; a sheet's record names its sheet row in the detail.
  void reject(OGRFeature& feature, std::int64_t row, RejectReason reason, std::string field, std::string detail);
  /// Counts a record whose category is out of scope (neither accepted nor rejected), per
  /// code: spellings that match alike (case, `_`, spacing) are one code, shown as first seen.
  void exclude(std::string_view code);
  /// The excluded category values as read, each spelling once.
  [[nodiscard]] std::vector<std::string> excluded_values() const;
  /// A record's row as messages name it: counted from 1 below the header, or for a sheet
  /// read below a header row its sheet row.
  [[nodiscard]] std::int64_t shown_row(std::int64_t row) const { return sheet_ ? row + source.header_row : row; }
  /// "row" or "sheet row": what `shown_row` counts.
  [[nodiscard]] const char* row_word() const { return sheet_ ? "sheet row" : "row"; }

  /// Ends reading after `rows` records of which `accepted` were kept: fails the source
  /// when GDAL reported an error while reading (a damaged or truncated file), gives
  /// rejected CSV records their original bytes, and fills the counts and checksum.
  SourceResult finish(std::int64_t rows, std::int64_t accepted);

  const SourceSpec& source;
  const std::string path;  ///< as given, for messages

 private:
  GDALDatasetUniquePtr open_dataset(const AnalysisSpec& spec, std::size_t index);
  GDALDatasetUniquePtr open_table();
  OGRLayer& open_layer();
  /// Throws InputError when GDAL reported an error (a damaged or truncated file).
  void fail_if_damaged(std::int64_t rows) const;

  const TableFile file_;
  std::uint64_t header_offset_ = 0;               ///< CSV: byte offset of the header line
  std::optional<SheetParseOptions> sheet_parse_;  ///< XLSX/ODS: until the sheet is parsed
  GDALDatasetUniquePtr dataset_;
  GdalErrorCollector errors_;  ///< from after the open to `finish`
  std::unique_ptr<HeaderRowLayer> sheet_;  ///< XLSX/ODS: the rows below the header row
  // Excluded codes: a tally per normalised code under its first spelling, and each
  // spelling read so far → its tally (one map lookup per excluded record).
  std::vector<std::pair<std::string, std::int64_t>> excluded_;
  std::map<std::string, std::size_t, std::less<>> excluded_by_value_;
  std::map<std::string, std::size_t> excluded_by_code_;

 public:
  OGRLayer& layer;
  SourceResult result;

 private:
  std::future<std::string> digest_;
  std::uint16_t index_;
};

}  // namespace kvo::io::detail
