#pragma once
// `kvo export OUT.gpkg -o tabel.xlsx` (or .ods): the working group's tables as a workbook;
// `kvo export OUT.gpkg -o PG:…`: the whole GeoPackage published to a PostGIS schema.

#include <filesystem>
#include <iosfwd>
#include <string>

namespace kvo::cli {

/// What `kvo export` was asked for.
struct ExportCommand {
  std::filesystem::path gpkg;    ///< the kvo GeoPackage
  std::filesystem::path output;  ///< -o; empty = OUT.xlsx next to the GeoPackage
  std::string language;          ///< --language nl|en; empty = the spec's
};

/// Runs `kvo export`; 0 done, 1 failed (thrown errors reach the one catch site).
int command_export(const ExportCommand& command, std::ostream& out);

}  // namespace kvo::cli
