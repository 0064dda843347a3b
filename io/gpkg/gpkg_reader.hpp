#pragma once
// Reads back what a kvo GeoPackage holds (for `kvo inspect`, reports and follow-ups).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/gpkg/sql_text.hpp"  // sql_literal, for queries built on query_gpkg

namespace kvo::io {

/// One table of the GeoPackage.
struct LayerSummary {
  std::string name;
  std::string geometry;       ///< "Point", "MultiPolygon", "None", or "Raster"
  std::int64_t features = 0;  ///< rows (vector) or cells (raster columns × rows)
};

/// The contents of a kvo output.
struct GpkgContents {
  std::vector<LayerSummary> layers;                ///< in gpkg_contents order
  std::map<std::string, nlohmann::json> manifest;  ///< run_manifest rows, parsed
};

/// Opens a GeoPackage and lists its layers and manifest. Throws InputError.
GpkgContents read_gpkg_contents(const std::filesystem::path& path);

/// Runs a read-only SQL query and returns every row as strings (NULL as ""). Throws InputError.
std::vector<std::vector<std::string>> query_gpkg(const std::filesystem::path& path, const std::string& sql);

}  // namespace kvo::io
