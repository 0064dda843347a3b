#pragma once
// Internal to io/read: an XLSX or ODS sheet read row by row, seen as a layer whose column
// names come from the sheet row the spec names (`header_row`) and whose records are the
// rows below it. GDAL's XLSX and ODS drivers have no option to skip rows, and GDAL 3.6
// takes their HEADERS and FIELD_TYPES settings only as configuration options.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/gdal/gdal_internal.hpp"

namespace kvo::io::detail {

/// While alive, this thread's GDAL parses XLSX and ODS sheets as `options` say (the open
/// options a sheet is opened with: HEADERS and FIELD_TYPES), whichever way the GDAL
/// version takes them. A sheet is parsed when its layer is first read.
class SheetParseOptions {
 public:
  SheetParseOptions(const std::filesystem::path& path, const std::vector<std::string>& options);

 private:
  std::vector<std::unique_ptr<CPLConfigOptionSetter>> set_;
};

/// The rows of a sheet (parsed without headers: every row a feature, sheet row k the k-th)
/// below row `header_row`, named by that row's cells. An empty cell names its column
/// `Field<column>` and a repeated name stays repeated, as GDAL names a first-row header.
/// Each feature's FID is its sheet row.
class HeaderRowLayer final : public OGRLayer {
 public:
  /// Reads the header row; throws InputError naming `path` and `header_row` when the sheet
  /// has no such row or the row is empty.
  HeaderRowLayer(OGRLayer& sheet, std::int64_t header_row, const std::string& path);
  ~HeaderRowLayer() override = default;
  HeaderRowLayer(const HeaderRowLayer&) = delete;
  HeaderRowLayer& operator=(const HeaderRowLayer&) = delete;

  void ResetReading() override;
  OGRFeature* GetNextFeature() override;
  OGRFeatureDefn* GetLayerDefn() override { return defn_.get(); }
  int TestCapability(const char*) override { return FALSE; }
  /// The sheet's rows below the header row.
  GIntBig GetFeatureCount(int force) override;

 private:
  OGRLayer& sheet_;
  std::int64_t header_row_;
  std::int64_t sheet_row_ = 0;  ///< sheet row of the feature read last
  // Released (not deleted: OGR counts its references) also when the constructor throws.
  struct DefnRelease {
    void operator()(OGRFeatureDefn* d) const { d->Release(); }
  };
  std::unique_ptr<OGRFeatureDefn, DefnRelease> defn_;
  std::vector<int> columns_;  ///< identity map, sheet field → field
};

}  // namespace kvo::io::detail
