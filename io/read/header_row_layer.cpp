#include "io/read/header_row_layer.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "io/core/errors.hpp"
#include "io/core/text.hpp"

namespace kvo::io::detail {

SheetParseOptions::SheetParseOptions(const std::filesystem::path& path, const std::vector<std::string>& options) {
  std::string driver = path.extension().string().substr(1);
  for (auto& c : driver) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& o : options) {
    const auto eq = o.find('=');
    const std::string key = option_key(o);
    if (eq == std::string::npos || (key != "HEADERS" && key != "FIELD_TYPES")) continue;
    // Later GDAL versions read the open option first; 3.6 reads only OGR_<DRIVER>_<KEY>.
    set_.push_back(std::make_unique<CPLConfigOptionSetter>(("OGR_" + driver + "_" + key).c_str(),
                                                           o.substr(eq + 1).c_str(), false));
  }
}

HeaderRowLayer::HeaderRowLayer(OGRLayer& sheet, std::int64_t header_row, const std::string& path)
    : sheet_(sheet), header_row_(header_row), defn_(new OGRFeatureDefn(sheet.GetName())) {
  defn_->Reference();
  defn_->SetGeomType(wkbNone);
  SetDescription(sheet.GetName());
  const std::string where = "sheet '" + std::string(sheet.GetName()) + "'";
  sheet_.ResetReading();
  OGRFeatureUniquePtr header;
  for (std::int64_t row = 1; row <= header_row_; ++row) {
    header.reset(sheet_.GetNextFeature());
    if (!header)
      throw InputError(where + " has " + std::to_string(row - 1) + " rows, so no row " + std::to_string(header_row_) +
                           " to read the column names from; header_row must be the row holding them",
                       at(path, 0, "header_row"));
  }
  OGRFeatureDefn& cells = *sheet_.GetLayerDefn();
  bool any_name = false;
  for (int i = 0; i < cells.GetFieldCount(); ++i) {
    const bool named = header->IsFieldSetAndNotNull(i) && *header->GetFieldAsString(i) != '\0';
    any_name = any_name || named;
    // GDAL's own name for a column whose header cell is empty.
    const std::string name = named ? header->GetFieldAsString(i) : "Field" + std::to_string(i + 1);
    OGRFieldDefn field(name.c_str(), cells.GetFieldDefn(i)->GetType());
    field.SetSubType(cells.GetFieldDefn(i)->GetSubType());
    defn_->AddFieldDefn(&field);
  }
  if (!any_name)
    throw InputError(where + " row " + std::to_string(header_row_) +
                         " is empty; header_row must be the row holding the column names",
                     at(path, 0, "header_row"));
  columns_.resize(static_cast<std::size_t>(cells.GetFieldCount()));
  std::iota(columns_.begin(), columns_.end(), 0);
  sheet_row_ = header_row_;
}

void HeaderRowLayer::ResetReading() {
  sheet_.ResetReading();
  for (sheet_row_ = 0; sheet_row_ < header_row_; ++sheet_row_) OGRFeature::DestroyFeature(sheet_.GetNextFeature());
}

OGRFeature* HeaderRowLayer::GetNextFeature() {
  const OGRFeatureUniquePtr row(sheet_.GetNextFeature());
  if (!row) return nullptr;
  auto* out = new OGRFeature(defn_.get());
  out->SetFrom(row.get(), columns_.data(), TRUE);
  out->SetFID(++sheet_row_);
  return out;
}

GIntBig HeaderRowLayer::GetFeatureCount(int force) {
  const GIntBig rows = sheet_.GetFeatureCount(force);
  return rows < 0 ? rows : std::max<GIntBig>(0, rows - header_row_);
}

}  // namespace kvo::io::detail
