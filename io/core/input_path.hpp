#pragma once
// Checks a path before it is opened for reading, so that a bad path becomes a clear
// error naming it instead of a hang (a FIFO) or a crash (a symlink loop).

#include <filesystem>

namespace kvo::io {

/// Throws InputError naming `path` unless it is a readable regular file (or, with
/// `allow_directory`, a folder: some GDAL datasets are folders). Missing file, symlink
/// loop, unreadable folder on the way, FIFO, device and socket are each said plainly.
void require_input_file(const std::filesystem::path& path, bool allow_directory = false);

/// How kvo reads a table file, by its extension (any case).
enum class TableFile {
  csv,    ///< delimited text: .csv, .txt, .tsv
  sheet,  ///< a workbook kvo reads row by row itself: .xlsx, .ods (header_row applies)
  xls,    ///< the older Excel format, read with GDAL's own header handling
  other   ///< any other GDAL dataset (GeoJSON, GPKG, SHP, PG:…)
};

/// The kind of table file `path` names.
TableFile table_file_kind(const std::filesystem::path& path);

}  // namespace kvo::io
