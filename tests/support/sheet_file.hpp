#pragma once
// Writes a small XLSX or ODS workbook with GDAL's own drivers, cell by cell as text, so a
// test can plant an export's title rows above its header row.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace kvo::test {

/// One sheet row; "" is an empty cell.
using SheetRow = std::vector<std::string>;

/// Writes `rows` (sheet row 1 first; an empty vector is an empty row) as sheet `sheet` of
/// the workbook `path` (.xlsx or .ods). Every row is padded to the widest one.
inline void write_sheet(const std::filesystem::path& path, const std::string& sheet,
                        const std::vector<SheetRow>& rows) {
  GDALAllRegister();
  const bool ods = path.extension() == ".ods";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(ods ? "ODS" : "XLSX");
  REQUIRE(driver);
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  REQUIRE(!rows.empty());
  GDALDatasetUniquePtr ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  REQUIRE(ds);
  OGRLayer* layer = ds->CreateLayer(sheet.c_str(), nullptr, wkbNone, nullptr);
  REQUIRE(layer);
  // The drivers write the field names as the first row: row 1 goes there.
  for (std::size_t c = 0; c < width; ++c) {
    OGRFieldDefn field(c < rows[0].size() ? rows[0][c].c_str() : "", OFTString);
    REQUIRE(layer->CreateField(&field) == OGRERR_NONE);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      if (!rows[r][c].empty()) feature.SetField(static_cast<int>(c), rows[r][c].c_str());
    REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
  }
}

}  // namespace kvo::test
