#pragma once
// `kvo export`: the tables a working group reads, from a kvo GeoPackage into an Excel
// workbook (GDAL's XLSX driver), one sheet per table, column names in the report language.

#include <filesystem>
#include <string>

namespace kvo::io {

/// Writes `xlsx` from the kvo GeoPackage `gpkg`: sheets for the change per area and theme
/// (both periods, rate ratio with its interval, class), the counts per area, period and
/// theme, the survey indicators with their intervals, the sources' counts and the rejects
/// per reason — each when the GeoPackage holds it. `language` "nl" or "en" ("" = the
/// spec's). Written to a temporary file and renamed. Throws InputError / IoError.
void export_xlsx(const std::filesystem::path& gpkg, const std::filesystem::path& xlsx, const std::string& language);

}  // namespace kvo::io
