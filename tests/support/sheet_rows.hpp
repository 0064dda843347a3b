#pragma once
// Reads one sheet of a workbook kvo wrote (XLSX or ODS) back with GDAL, as a reader would.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace kvo::test {

/// One row as (column name → cell text); "" for an empty cell.
using SheetRows = std::vector<std::map<std::string, std::string>>;

/// The rows of sheet `name` of `workbook`; REQUIREs that both exist.
inline SheetRows sheet_rows(const std::filesystem::path& workbook, const std::string& name) {
  GDALDatasetUniquePtr ds(GDALDataset::Open(workbook.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(ds);
  OGRLayer* layer = ds->GetLayerByName(name.c_str());
  REQUIRE(layer);
  SheetRows out;
  for (auto& f : *layer) {
    std::map<std::string, std::string> row;
    for (int i = 0; i < f->GetFieldCount(); ++i)
      row[f->GetFieldDefnRef(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace kvo::test
