#pragma once
// Writes one OGC GeoPackage atomically: everything goes to a temporary file next to the
// target, which is renamed into place by commit(). Destroying an uncommitted writer
// removes the temporary file and leaves an existing target untouched.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geometry.hpp"

namespace kvo::io {

/// Attribute types.
enum class FieldType { integer, integer64, real, text, datetime, date };
/// Geometry of a layer.
enum class GeometryKind { none, point, polygon, multipolygon };

/// One attribute field.
struct FieldDef {
  std::string name;
  FieldType type = FieldType::text;
  std::string alias;  ///< shown by QGIS instead of the name (optional)
};

/// A Float32 raster written as a GeoPackage 2D gridded coverage.
struct RasterDef {
  std::string name;         ///< table name
  std::string description;  ///< stored in gpkg_contents
  double origin_x = 0;      ///< west edge, metres
  double origin_y = 0;      ///< north edge, metres
  double cell_size_m = 10;  ///< square cells
  int columns = 0, rows = 0;
  float nodata = -9999.0f;
  std::string units;  ///< e.g. "incidents per hectare per year"
  /// The band's name (QGIS's legend shows "Band 1: <name>"; GDAL's default is "Height").
  std::string band_name;
};

class GpkgWriter;

/// Writes the features of one layer; obtained from GpkgWriter::create_layer.
class LayerWriter {
 public:
  ~LayerWriter();
  LayerWriter(LayerWriter&&) noexcept;
  LayerWriter& operator=(LayerWriter&&) noexcept;

  /// Sets an integer field of the current feature.
  void set(int field, std::int64_t value);
  /// Sets a real field (NaN and infinities are written as NULL).
  void set(int field, double value);
  /// Sets a text field (UTF-8).
  void set(int field, std::string_view value);
  /// Sets a datetime field from seconds since epoch (UTC).
  void set_datetime(int field, std::int64_t utc_seconds);
  /// Sets a field to NULL.
  void set_null(int field);
  /// Sets the geometry to a point.
  void set_point(double x, double y);
  /// Sets the geometry to a polygon given by its outer ring (closed or not).
  void set_polygon(const std::vector<engine::Point>& ring);
  /// Sets the geometry to a multipolygon.
  void set_multipolygon(const engine::MultiPolygon& geometry);
  /// Writes the current feature and clears it for the next one. Throws IoError.
  void write();
  /// Number of features written.
  [[nodiscard]] std::int64_t written() const;

 private:
  friend class GpkgWriter;
  struct Impl;
  explicit LayerWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The GeoPackage being written.
class GpkgWriter {
 public:
  /// Starts writing `target` in `crs` (anything PROJ/GDAL understands). Throws IoError.
  GpkgWriter(std::filesystem::path target, const std::string& crs);
  ~GpkgWriter();
  GpkgWriter(const GpkgWriter&) = delete;
  GpkgWriter& operator=(const GpkgWriter&) = delete;

  /// Creates a layer (spatial index on spatial layers) and starts a transaction for it;
  /// the previous layer's transaction is committed first.
  LayerWriter create_layer(const std::string& name, GeometryKind geometry, const std::vector<FieldDef>& fields,
                           const std::string& description = {});
  /// Writes a Float32 raster table from row-major data (north row first). Vector layers
  /// written so far are committed first.
  void write_raster(const RasterDef& def, const std::vector<float>& data);
  /// Runs SQL on the file (after the layers are written), e.g. for extra metadata.
  void execute_sql(const std::string& sql);
  /// Finishes the file and renames it into place. Throws IoError; the target is untouched then.
  void commit();
  /// The temporary path being written.
  [[nodiscard]] const std::filesystem::path& temp_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvo::io
