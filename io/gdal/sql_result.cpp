#include "io/gdal/sql_result.hpp"

#include "io/gdal/gdal_internal.hpp"

namespace kvo::io::detail {

SqlResult::SqlResult(GDALDataset& ds, const std::string& sql, const char* dialect)
    : ds_(ds), layer_(ds.ExecuteSQL(sql.c_str(), nullptr, dialect)) {}

SqlResult::~SqlResult() {
  if (layer_) ds_.ReleaseResultSet(layer_);
}

std::vector<std::vector<std::string>> SqlResult::rows() const {
  std::vector<std::vector<std::string>> out;
  if (!layer_) return out;
  for (auto& f : *layer_) {
    std::vector<std::string> row;
    for (int i = 0; i < f->GetFieldCount(); ++i)
      row.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::vector<std::string>> rows_or_none(GDALDataset& ds, const std::string& sql) {
  GdalErrorCollector quiet;
  return SqlResult(ds, sql).rows();
}

}  // namespace kvo::io::detail
