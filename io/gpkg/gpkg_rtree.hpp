#pragma once
// Adds the GeoPackage R-tree spatial index extension (gpkg_rtree_index) to finished
// feature tables, bulk-loaded. GDAL 3.6 fills an index one row at a time, which takes
// longer than writing the rows themselves (about 11 s per million points); packing the
// tree directly takes a fraction of a second. The result is the same virtual table,
// triggers and gpkg_extensions row that GDAL creates, so GDAL, QGIS and later edits use it.

#include <filesystem>
#include <string>
#include <vector>

namespace kvo::io {

/// A feature table and its geometry and id columns.
struct SpatialTable {
  std::string table;
  std::string geometry_column = "geom";
  std::string fid_column = "fid";
};

/// Builds the spatial index of each table in the (closed) GeoPackage `gpkg`; the tables
/// must not have one yet. Runs in one transaction. Throws IoError.
void write_spatial_indexes(const std::filesystem::path& gpkg, const std::vector<SpatialTable>& tables);

}  // namespace kvo::io
