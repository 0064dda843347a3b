#pragma once
// Internal to io/: GDAL helpers. Never include from a public io header.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/core/text.hpp"

namespace kvo::io::detail {

/// Registers GDAL drivers once.
void ensure_gdal_registered();

/// Collects GDAL's error messages while alive (never throws from the C callback).
class GdalErrorCollector {
 public:
  GdalErrorCollector();
  ~GdalErrorCollector();
  GdalErrorCollector(const GdalErrorCollector&) = delete;
  GdalErrorCollector& operator=(const GdalErrorCollector&) = delete;
  /// The collected failure messages joined, or "" when none.
  [[nodiscard]] std::string messages() const;

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum num, const char* msg);
  std::vector<std::string> messages_;
};

/// Opens a vector dataset read-only (with open options); throws InputError naming the path.
/// A file path must name a readable file or folder; GDAL virtual paths (/vsi…) and PG: are
/// left to GDAL. `driver` (a short name) opens it with that driver only, whatever its
/// extension: "CSV" through the driver's `CSV:` prefix, as GDAL's CSV driver does not take
/// a .txt export by its name.
GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& options = {},
                                 const std::string& driver = {});

/// The open options `driver` knows (the names in its GDAL_DMD_OPENOPTIONLIST), in its order.
std::vector<std::string> driver_open_options(GDALDriver& driver);

/// The named layer, or the first one; throws InputError listing the layers when missing.
OGRLayer* pick_layer(GDALDataset& ds, const std::string& layer, const std::filesystem::path& path);

/// Index of a field (exact, else ASCII case-insensitive), the layer's field names read in
/// `encoding` (a Windows-1252 header matches the spec's UTF-8 name); throws InputError
/// listing the fields, readable.
int field_index(OGRFeatureDefn& defn, const std::string& name, const std::filesystem::path& path,
                const std::string& key, Encoding encoding = Encoding::auto_detect);

/// The layer's CRS as WKT, or "" when it has none.
std::string layer_crs_wkt(OGRLayer& layer);

}  // namespace kvo::io::detail
