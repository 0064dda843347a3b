#include "io/read/source_open.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"
#include "io/read/csv_records.hpp"

namespace kvo::io::detail {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool is_spreadsheet(const fs::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".xlsx" || ext == ".xls" || ext == ".ods";
}

// The record's fields as JSON in the source's column order (null for an empty field).
std::string raw_json(OGRFeature& f, Encoding enc) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  OGRFeatureDefn* defn = f.GetDefnRef();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const std::string name = to_utf8(defn->GetFieldDefn(i)->GetNameRef(), enc);
    if (!f.IsFieldSetAndNotNull(i))
      j[name] = nullptr;
    else
      j[name] = to_utf8(f.GetFieldAsString(i), enc);
  }
  if (const OGRGeometry* g = f.GetGeometryRef()) {
    char* wkt = nullptr;
    if (g->exportToWkt(&wkt) == OGRERR_NONE && wkt) j["geometry"] = wkt;
    CPLFree(wkt);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// A rejected CSV record keeps its bytes as the export holds them (fields past the header,
// a NUL, a quoted line break), escaped; GDAL's fields stand in when the split disagrees.
void keep_original_records(const fs::path& path, std::int64_t rows, Encoding encoding, std::vector<Reject>& rejects) {
  std::vector<std::int64_t> wanted;
  wanted.reserve(rejects.size());
  for (const auto& r : rejects) wanted.push_back(r.row);
  const std::vector<std::string> records = read_csv_records(path, wanted, rows);
  if (records.size() != rejects.size()) return;
  for (std::size_t i = 0; i < rejects.size(); ++i) rejects[i].raw = escape_record(records[i], encoding);
}

}  // namespace

bool is_csv_path(const fs::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

std::vector<std::string> source_open_options(const SourceSpec& source) {
  const fs::path& p = source.path;
  std::vector<std::string> out;
  if (is_csv_path(p)) out = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES"};
  if (is_spreadsheet(p)) out = {"FIELD_TYPES=STRING", "HEADERS=FORCE"};
  if (!source.geometry_field.empty() && is_csv_path(p)) {
    out.push_back("GEOM_POSSIBLE_NAMES=" + source.geometry_field);
    out.push_back("KEEP_GEOM_COLUMNS=NO");
  }
  // The spec's options win: a key it sets replaces kvo's value (GDAL reads the first).
  auto key_of = [](const std::string& o) {
    std::string k = o.substr(0, o.find('='));
    for (auto& c : k) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return k;
  };
  for (const auto& o : source.open_options) {
    std::erase_if(out, [&](const std::string& mine) { return key_of(mine) == key_of(o); });
    out.push_back(o);
  }
  return out;
}

// A damaged file (a truncated XLSX sheet) reads as fewer records plus a GDAL error, some
// drivers at the first look at the layer: errors_ is alive from before pick_layer.
OpenSource::OpenSource(const AnalysisSpec& spec, std::size_t index)
    : source(spec.sources.at(index)),
      path(source.path.string()),
      dataset_(open_vector(source.path, source_open_options(source))),
      layer(*pick_layer(*dataset_, source.layer, source.path)),
      index_(static_cast<std::uint16_t>(index)) {
  result.counts.name = source.name;
  result.counts.kind = source.kind;
  result.counts.path = path;
  if (fs::is_regular_file(source.path))
    digest_ = std::async(std::launch::async, [p = source.path] { return sha256_file(p); });
}

int OpenSource::field(const std::string& name, const std::string& key) const {
  return name.empty() ? -1 : field_index(*layer.GetLayerDefn(), name, source.path, key, source.encoding);
}

void OpenSource::reject(OGRFeature& f, std::int64_t row, RejectReason reason, std::string field, std::string detail) {
  result.rejects.push_back({index_, row, reason, std::move(field), std::move(detail), raw_json(f, source.encoding)});
  ++result.counts.by_reason[static_cast<std::size_t>(reason)];
}

void OpenSource::exclude(std::string_view code) {
  ++result.counts.excluded;
  auto& by_code = result.counts.excluded_codes;
  if (auto it = by_code.find(code); it != by_code.end())
    ++it->second;
  else
    by_code.emplace(std::string(code), 1);
}

SourceResult OpenSource::finish(std::int64_t rows, std::int64_t accepted) {
  if (const std::string why = errors_.messages(); !why.empty())
    throw InputError("reading stopped with an error after row " + std::to_string(rows) +
                         " (is the file damaged or truncated?): " + why,
                     at(path));
  if (is_csv_path(source.path) && !result.rejects.empty())
    keep_original_records(source.path, rows, source.encoding, result.rejects);
  if (digest_.valid()) result.counts.sha256 = digest_.get();
  result.counts.read = rows;
  result.counts.accepted = accepted;
  result.counts.rejected = static_cast<std::int64_t>(result.rejects.size());
  return std::move(result);
}

}  // namespace kvo::io::detail
