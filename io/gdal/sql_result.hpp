#pragma once
// Internal to io/: a GDAL SQL result set that is released however the scope ends.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace kvo::io::detail {

/// The result of GDALDataset::ExecuteSQL, released with ReleaseResultSet on destruction.
/// Empty (false) when the statement failed or returns no result set.
class SqlResult {
 public:
  /// Runs `sql` with the given dialect (nullptr = the driver's own SQL).
  SqlResult(GDALDataset& ds, const std::string& sql, const char* dialect = "SQLITE");
  ~SqlResult();
  SqlResult(const SqlResult&) = delete;
  SqlResult& operator=(const SqlResult&) = delete;

  explicit operator bool() const { return layer_ != nullptr; }
  OGRLayer* operator->() const { return layer_; }
  OGRLayer& operator*() const { return *layer_; }

  /// Every row as strings (NULL as ""); empty when there is no result set.
  [[nodiscard]] std::vector<std::vector<std::string>> rows() const;

 private:
  GDALDataset& ds_;
  OGRLayer* layer_;
};

/// The rows of a read-only query, or none when it fails (a missing table or field
/// is an empty answer to a reader that treats every layer as optional).
std::vector<std::vector<std::string>> rows_or_none(GDALDataset& ds, const std::string& sql);

}  // namespace kvo::io::detail
