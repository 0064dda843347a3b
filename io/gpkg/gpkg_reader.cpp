#include "io/gpkg/gpkg_reader.hpp"

#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"

namespace kvo::io {

namespace {
GDALDatasetUniquePtr open_gpkg(const std::filesystem::path& path) {
  detail::ensure_gdal_registered();
  if (!std::filesystem::exists(path)) throw InputError("file not found", at(path.string()));
  detail::GdalErrorCollector errors;
  const char* drivers[] = {"GPKG", nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds) throw InputError("not a GeoPackage: " + errors.messages(), at(path.string()));
  return ds;
}
}  // namespace

std::vector<std::vector<std::string>> query_gpkg(const std::filesystem::path& path, const std::string& sql) {
  auto ds = open_gpkg(path);
  detail::GdalErrorCollector errors;
  const detail::SqlResult result(*ds, sql);
  if (!result) throw InputError("query failed: " + errors.messages(), at(path.string()));
  return result.rows();
}

GpkgContents read_gpkg_contents(const std::filesystem::path& path) {
  GpkgContents out;
  for (const auto& row : query_gpkg(path, "SELECT table_name, data_type FROM gpkg_contents ORDER BY rowid")) {
    LayerSummary l;
    l.name = row[0];
    if (row[1] == "2d-gridded-coverage" || row[1] == "tiles") {
      l.geometry = "Raster";
      // The raster's own size: its extent over the pixel size (tiles pad it to 256 × 256).
      const auto size =
          query_gpkg(path,
                     "SELECT CAST(ROUND((c.max_x - c.min_x) / m.pixel_x_size) AS INTEGER), "
                     "CAST(ROUND((c.max_y - c.min_y) / m.pixel_y_size) AS INTEGER) FROM gpkg_contents c JOIN "
                     "gpkg_tile_matrix m ON m.table_name = c.table_name WHERE c.table_name = " +
                         sql_literal(row[0]) + " ORDER BY m.zoom_level DESC LIMIT 1");
      if (!size.empty() && !size[0][0].empty()) l.features = std::stoll(size[0][0]) * std::stoll(size[0][1]);
    } else {
      out.layers.push_back(l);
      auto ds = open_gpkg(path);
      if (OGRLayer* layer = ds->GetLayerByName(row[0].c_str())) {
        l.geometry = layer->GetGeomType() == wkbNone ? "None" : OGRGeometryTypeToName(layer->GetGeomType());
        l.features = layer->GetFeatureCount(TRUE);
      }
      out.layers.back() = l;
      continue;
    }
    out.layers.push_back(l);
  }
  auto ds = open_gpkg(path);
  if (OGRLayer* m = ds->GetLayerByName("run_manifest")) {
    for (auto& f : *m) {
      const std::string key = f->GetFieldAsString("key");
      try {
        out.manifest[key] = nlohmann::json::parse(f->GetFieldAsString("value"));
      } catch (const nlohmann::json::exception&) {
        out.manifest[key] = f->GetFieldAsString("value");
      }
    }
  }
  return out;
}

}  // namespace kvo::io
