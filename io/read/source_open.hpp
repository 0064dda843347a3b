#pragma once
// Internal to io/read: the open-and-check preamble and the ending that every source
// reader (incidents, survey, area counts) shares, so that they open files with the same
// options, name missing fields the same way, keep rejected records alike, and fail a
// damaged file alike.

#include <future>
#include <string>

#include "io/core/spec.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io::detail {

/// GDAL open options for a source: every field read as text, the first row the header; a
/// CSV's WKT column named by `geometry`; then the spec's own `open_options` (which win).
std::vector<std::string> source_open_options(const SourceSpec& source);

/// Whether the path is a delimited text file (.csv, .txt, .tsv in any case).
bool is_csv_path(const std::filesystem::path& path);

/// One source being read: its dataset and layer open, its counts named, its checksum
/// computed on a second thread, and GDAL's errors collected until `finish`.
class OpenSource {
 public:
  OpenSource(const AnalysisSpec& spec, std::size_t index);
  OpenSource(const OpenSource&) = delete;
  OpenSource& operator=(const OpenSource&) = delete;

  /// The index of a field the spec names under `key`; -1 when `name` is empty. Throws
  /// InputError listing the layer's fields when it is missing.
  [[nodiscard]] int field(const std::string& name, const std::string& key) const;

  /// Records a rejected record (row counted from 1) with its fields as they are in the file.
  void reject(OGRFeature& feature, std::int64_t row, RejectReason reason, std::string field, std::string detail);
  /// Counts a record whose category is out of scope (neither accepted nor rejected).
  void exclude(std::string_view code);

  /// Ends reading after `rows` records of which `accepted` were kept: fails the source
  /// when GDAL reported an error while reading (a damaged or truncated file), gives
  /// rejected CSV records their original bytes, and fills the counts and checksum.
  SourceResult finish(std::int64_t rows, std::int64_t accepted);

  const SourceSpec& source;
  const std::string path;  ///< as given, for messages

 private:
  GDALDatasetUniquePtr dataset_;
  GdalErrorCollector errors_;  ///< from after the open to `finish`

 public:
  OGRLayer& layer;
  SourceResult result;

 private:
  std::future<std::string> digest_;
  std::uint16_t index_;
};

}  // namespace kvo::io::detail
