#include "io/read/source_open.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/core/input_path.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"
#include "io/read/csv_records.hpp"
#include "io/read/taxonomy.hpp"

namespace kvo::io::detail {

namespace fs = std::filesystem;

namespace {

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
void keep_original_records(const fs::path& path, std::uint64_t header_offset, std::int64_t rows, Encoding encoding,
                           std::vector<Reject>& rejects) {
  std::vector<std::int64_t> wanted;
  wanted.reserve(rejects.size());
  for (const auto& r : rejects) wanted.push_back(r.row);
  const std::vector<std::string> records = read_csv_records(path, wanted, rows, header_offset);
  if (records.size() != rejects.size()) return;
  for (std::size_t i = 0; i < rejects.size(); ++i) rejects[i].raw = escape_record(records[i], encoding);
}

// GDAL's name for a column without a header cell: field_3 (CSV), Field3 (XLSX, ODS).
bool generic_name(std::string_view n) {
  if (n.size() < 6 || (n.substr(0, 5) != "field" && n.substr(0, 5) != "Field")) return false;
  n.remove_prefix(n[5] == '_' ? 6 : 5);
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Column names read from an export's title line: the first a text with spaces (or long),
// every other one a name GDAL made up for an empty cell.
bool looks_like_title_block(OGRFeatureDefn& defn) {
  if (defn.GetFieldCount() == 0) return false;
  const std::string_view first = defn.GetFieldDefn(0)->GetNameRef();
  if (generic_name(first) || (first.find(' ') == std::string_view::npos && first.size() <= 20)) return false;
  for (int i = 1; i < defn.GetFieldCount(); ++i)
    if (!generic_name(defn.GetFieldDefn(i)->GetNameRef())) return false;
  return true;
}

}  // namespace

std::vector<std::string> source_open_options(const SourceSpec& source) {
  const TableFile file = table_file_kind(source.path);
  std::vector<std::string> out;
  if (file == TableFile::csv) out = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES"};
  if (file == TableFile::sheet) out = {"FIELD_TYPES=STRING", "HEADERS=DISABLE"};
  if (file == TableFile::xls) out = {"FIELD_TYPES=STRING", "HEADERS=FORCE"};
  // The spec's options win: a key it sets replaces kvo's value (GDAL reads the first).
  for (const auto& o : source.open_options) {
    std::erase_if(out, [&](const std::string& mine) { return option_key(mine) == option_key(o); });
    out.push_back(o);
  }
  return out;
}

void check_open_options(const AnalysisSpec& spec, std::size_t index, GDALDriver& driver) {
  const SourceSpec& source = spec.sources.at(index);
  if (source.open_options.empty()) return;
  const std::string name = driver.GetDescription();
  std::vector<std::string> known = driver_open_options(driver);
  // A sheet's FIELD_TYPES reaches GDAL 3.6 as a configuration option (SheetParseOptions);
  // its HEADERS is refused with the spec (header_row names the header).
  if (table_file_kind(source.path) == TableFile::sheet &&
      std::find(known.begin(), known.end(), "FIELD_TYPES") == known.end())
    known.emplace_back("FIELD_TYPES");
  for (const auto& o : source.open_options) {
    const std::string key = option_key(o);
    if (std::any_of(known.begin(), known.end(), [&](const std::string& k) { return option_key(k) == key; })) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw ConfigError("source '" + source.name + "': the " + name + " driver has no open option '" + key + "' ('" + o +
                          "'; GDAL would ignore it)" +
                          (known.empty() ? "; it takes no open options" : "; its open options are " + list),
                      at(spec.spec_path.string(), source.open_options_line ? source.open_options_line : source.line,
                         "sources[" + std::to_string(index) + "].open_options"));
  }
}

// A damaged file (a truncated XLSX sheet) reads as fewer records plus a GDAL error, some
// drivers at the first look at the layer: errors_ is alive from before open_layer.
OpenSource::OpenSource(const AnalysisSpec& spec, std::size_t index)
    : source(spec.sources.at(index)),
      path(source.path.string()),
      file_(table_file_kind(source.path)),
      dataset_(open_dataset(spec, index)),
      layer(open_layer()),
      index_(static_cast<std::uint16_t>(index)) {
  sheet_parse_.reset();  // the sheet is parsed: this thread's GDAL settings as they were
  result.counts.name = source.name;
  result.counts.kind = source.kind;
  result.counts.path = path;
  if (fs::is_regular_file(source.path))
    digest_ = std::async(std::launch::async, [p = source.path] { return sha256_file(p); });
}

// A CSV whose header is not on its first line is opened from that line on, as GDAL's
// CSV driver takes the first line it reads for the header. A CSV is opened with the CSV
// driver whatever its extension (a .txt export).
GDALDatasetUniquePtr OpenSource::open_dataset(const AnalysisSpec& spec, std::size_t index) {
  GDALDatasetUniquePtr ds = open_table();
  check_open_options(spec, index, *ds->GetDriver());
  return ds;
}

GDALDatasetUniquePtr OpenSource::open_table() {
  const std::vector<std::string> options = source_open_options(source);
  if (file_ == TableFile::sheet) sheet_parse_.emplace(source.path, options);
  const std::string driver = file_ == TableFile::csv ? "CSV" : "";
  if (file_ != TableFile::csv || source.header_row == 1) return open_vector(source.path, options, driver);
  require_input_file(source.path);
  const std::string n = std::to_string(source.header_row);
  const auto line = find_line(source.path, source.header_row);
  if (!line)
    throw InputError("the file has fewer than " + n + " lines, so no line " + n +
                         " to read the column names from; header_row must be the line holding them",
                     at(path, 0, "header_row"));
  if (line->blank)
    throw InputError("line " + n + " is empty; header_row must be the line holding the column names",
                     at(path, 0, "header_row"));
  header_offset_ = line->offset;
  try {
    return open_vector("/vsisubfile/" + std::to_string(header_offset_) + "," + path, options, driver);
  } catch (const InputError& e) {
    throw InputError(e.message() + " (reading from line " + n + ", header_row)", at(path));
  }
}

OGRLayer& OpenSource::open_layer() {
  OGRLayer* picked = pick_layer(*dataset_, source.layer, source.path);
  if (file_ != TableFile::sheet) return *picked;
  try {
    sheet_ = std::make_unique<HeaderRowLayer>(*picked, source.header_row, path);
  } catch (const InputError&) {
    fail_if_damaged(0);  // a sheet cut short says so, not that it lacks rows
    throw;
  }
  return *sheet_;
}

void OpenSource::fail_if_damaged(std::int64_t rows) const {
  if (const std::string why = errors_.messages(); !why.empty())
    throw InputError("reading stopped with an error after row " + std::to_string(rows) +
                         " (is the file damaged or truncated?): " + why,
                     at(path));
}

int OpenSource::field(const std::string& name, const std::string& key) const {
  if (name.empty()) return -1;
  try {
    return field_index(*layer.GetLayerDefn(), name, source.path, key, source.encoding);
  } catch (const InputError& e) {
    const bool csv = file_ == TableFile::csv;
    std::string hint;
    if ((csv || file_ == TableFile::sheet) && looks_like_title_block(*layer.GetLayerDefn()))
      hint = std::string("; is the header below a title block? set header_row = N, the ") +
             (csv ? "line" : "sheet row") + " holding the column names";
    if (source.header_row != 1)
      hint += "; the column names are read from " + std::string(csv ? "line " : "sheet row ") +
              std::to_string(source.header_row) + " (header_row)";
    if (hint.empty()) throw;
    throw InputError(e.message() + hint, e.where());
  }
}

void OpenSource::reject(OGRFeature& f, std::int64_t row, RejectReason reason, std::string field, std::string detail) {
  if (sheet_) detail += " (sheet row " + std::to_string(shown_row(row)) + ")";
  result.rejects.push_back({index_, row, reason, std::move(field), std::move(detail), raw_json(f, source.encoding)});
  ++result.counts.by_reason[static_cast<std::size_t>(reason)];
}

void OpenSource::exclude(std::string_view code) {
  ++result.counts.excluded;
  if (auto it = excluded_by_value_.find(code); it != excluded_by_value_.end()) {
    ++excluded_[it->second].second;
    return;
  }
  const auto [by_code, added] = excluded_by_code_.try_emplace(Taxonomy::normalise(code), excluded_.size());
  if (added) excluded_.emplace_back(std::string(code), 0);
  excluded_by_value_.emplace(std::string(code), by_code->second);
  ++excluded_[by_code->second].second;
}

std::vector<std::string> OpenSource::excluded_values() const {
  std::vector<std::string> out;
  out.reserve(excluded_by_value_.size());
  for (const auto& [value, slot] : excluded_by_value_) out.push_back(value);
  return out;
}

SourceResult OpenSource::finish(std::int64_t rows, std::int64_t accepted) {
  fail_if_damaged(rows);
  if (file_ == TableFile::csv && !result.rejects.empty())
    keep_original_records(source.path, header_offset_, rows, source.encoding, result.rejects);
  for (const auto& [spelling, n] : excluded_) result.counts.excluded_codes[spelling] = n;
  if (digest_.valid()) result.counts.sha256 = digest_.get();
  result.counts.read = rows;
  result.counts.accepted = accepted;
  result.counts.rejected = static_cast<std::int64_t>(result.rejects.size());
  return std::move(result);
}

}  // namespace kvo::io::detail
