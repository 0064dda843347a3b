#pragma once
// Copies a finished kvo GeoPackage into one PostgreSQL schema, with the QGIS styles in
// public.layer_styles, and swaps it in at once: the run's tables are built in a staging
// schema, then one transaction drops the old schema, renames the new one into its place
// and replaces the styles. A failed run leaves the previous output as it was.

#include <cstdint>
#include <filesystem>
#include <string>

#include "io/postgis/postgis_target.hpp"

namespace kvo::io {

/// What publishing wrote.
struct PublishResult {
  std::string schema;
  int vector_tables = 0;
  int raster_tables = 0;
  std::int64_t raster_tiles = 0;  ///< tiles holding data (all-nodata tiles are left out)
  int styles = 0;                 ///< rows in public.layer_styles
};

/// Connects and checks what publishing needs before a run computes anything: PostGIS is
/// there (or may be created), and the schema is free or a kvo output. Throws like publishing.
void check_postgis_target(const PostgisTarget& target, const std::string& schema);

/// A private temporary folder (mode 0700) for the GeoPackage that is published; removed
/// with everything in it when destroyed.
class PublishStaging {
 public:
  PublishStaging();
  ~PublishStaging();
  PublishStaging(const PublishStaging&) = delete;
  PublishStaging& operator=(const PublishStaging&) = delete;
  /// Where to write the GeoPackage.
  [[nodiscard]] std::filesystem::path gpkg() const { return dir_ / "output.gpkg"; }

 private:
  std::filesystem::path dir_;
};

/// Publishes `gpkg` to `target`'s schema (`schema` when the target names none). Refuses to
/// replace a schema that holds tables but is not a kvo output (no run_manifest table).
/// Throws IoError / ConfigError naming the target without its password.
PublishResult publish_to_postgis(const std::filesystem::path& gpkg, const PostgisTarget& target,
                                 const std::string& schema);

}  // namespace kvo::io
