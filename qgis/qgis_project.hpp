#pragma once
// A ready QGIS project stored inside the GeoPackage (the `qgis_projects` table that QGIS
// uses for Project ▸ Save To / Open From ▸ GeoPackage): every layer of the file, styled,
// in a sensible order, zoomed to the study area. QGIS 3.22 ignores `layer_styles` rows of
// raster tables, so the project is also what shows the density rasters with their ramp.

#include <filesystem>
#include <string>

#include "io/gpkg/gpkg_writer.hpp"
#include "qgis/layer_styles.hpp"

namespace kvo::io {

/// The QGIS 3.22 project document (.qgs XML) for the context's layers. Layers refer to the
/// GeoPackage by `./<gpkg_file_name>`, which QGIS resolves next to the GeoPackage the
/// project is read from (as QGIS itself writes projects stored in a GeoPackage).
std::string build_qgis_project(const StyleContext& ctx, const std::string& gpkg_file_name);

/// A .qgz archive (zip, deflate) holding `qgs` as the entry `entry_name`; byte-identical for
/// identical input and SOURCE_DATE_EPOCH.
std::string make_qgz(const std::string& qgs, const std::string& entry_name);

/// Writes the `qgis_projects` table (QGIS's schema: name, metadata, content = the .qgz as
/// hexadecimal text) with one project called `project_name`.
void write_qgis_project(GpkgWriter& out, const StyleContext& ctx, const std::string& gpkg_file_name,
                        const std::string& project_name = "kvo");

/// What write_qgis_styling needs to know from the run.
struct QgisStylingOptions {
  std::string language = "en";       ///< "nl" | "en" (the spec's language)
  std::string title;                 ///< project title; default: the manifest's spec title
  std::string project_name = "kvo";  ///< name in Project ▸ Open From ▸ GeoPackage
};

/// Styles everything written so far: flushes the writer, reads the temporary file back,
/// then writes `layer_styles` and `qgis_projects`. Call it last, just before commit();
/// `target` is the final path (its file name is what the project refers to).
void write_qgis_styling(GpkgWriter& out, const std::filesystem::path& target, const QgisStylingOptions& options);

}  // namespace kvo::io
