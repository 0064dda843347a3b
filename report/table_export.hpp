#pragma once
// `kvo export`: the tables a working group reads, from a kvo GeoPackage into a workbook
// (GDAL's XLSX or ODS driver), one sheet per table, column names and coded values in the
// report language, numbers rounded for reading (docs/report.md, "The workbook").

#include <filesystem>
#include <string>

namespace kvo::io {

/// The GDAL driver for a workbook path by its extension, case-insensitive: ".xlsx" →
/// "XLSX", ".ods" → "ODS". Throws ConfigError naming the supported extensions otherwise.
std::string workbook_driver(const std::filesystem::path& workbook);

/// Writes `workbook` (.xlsx or .ods) from the kvo GeoPackage `gpkg`: sheets for the change
/// per area and theme (KVO areas first; rows without incidents in either period left
/// out), the counts per area, period and theme, the survey indicators with their
/// intervals, the sources' counts, the rejects per reason — each when the GeoPackage holds
/// it — and a notes sheet saying what was left out and how numbers are rounded.
/// `language` "nl" or "en" ("" = the spec's). Written to a temporary file and renamed.
/// Throws ConfigError (unsupported extension), InputError, IoError.
void export_workbook(const std::filesystem::path& gpkg, const std::filesystem::path& workbook,
                     const std::string& language);

/// A number rounded to `digits` significant digits (the double nearest that decimal).
double round_significant(double value, int digits);
/// A number rounded to `decimals` decimals (the double nearest that decimal).
double round_decimals(double value, int decimals);

}  // namespace kvo::io
