#include "io/source_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/crs_transform.hpp"
#include "io/errors.hpp"
#include "io/gdal_internal.hpp"
#include "io/sha256.hpp"
#include "io/text.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

Taxonomy load_taxonomy(const AnalysisSpec& spec, const SourceSpec& source) {
  // Open police data per buurt uses the police codes.
  const std::string by_kind = source.kind == SourceKind::area_counts ? "police" : std::string(source_kind_name(source.kind));
  const std::string name = source.taxonomy.empty() ? by_kind : source.taxonomy;
  Taxonomy t = Taxonomy::read_csv(taxonomy_path(name, spec.base_dir));
  for (const auto& [code, theme] : source.codes) t.add(code, *engine::theme_from_name(theme));
  return t;
}

std::optional<RejectReason> check_rd_coordinates(double x, double y) {
  if (std::abs(x) <= 180 && std::abs(y) <= 90) return RejectReason::latlon_as_projected;
  const bool x_ok = x >= 0 && x <= 300000, y_ok = y >= 300000 && y <= 625000;
  if (x_ok && y_ok) return std::nullopt;
  if (y >= 0 && y <= 300000 && x >= 300000 && x <= 625000) return RejectReason::swapped_coordinates;
  return RejectReason::outside_extent;
}

namespace {

// Midnight (Amsterdam) after the local day holding a UTC instant.
std::int64_t next_midnight(std::int64_t utc) {
  return engine::amsterdam_midnight_utc(engine::days_from_civil(engine::utc_to_amsterdam(utc).date) + 1);
}

// Fast set of 64-bit id hashes (open addressing, linear probing). A 64-bit hash collision
// between two different ids among 10 million has a probability of about 3e-6; we accept it.
// Each part grows by half when 80 % full, so the set holds 10 to 15 bytes per id (a
// power-of-two table would need up to 19). It is split into 64 parts by the hash's top
// bits so that growing (old and new table alive at once) never doubles its memory.
class IdSet {
 public:
  bool insert(std::uint64_t h) { return parts_[h >> 58].insert(h == 0 ? 1 : h); }

 private:
  class Part {
   public:
    bool insert(std::uint64_t h) {  // h != 0: 0 marks an empty slot
      if ((size_ + 1) * 5 > slots_.size() * 4) grow();
      const std::size_t n = slots_.size();
      for (std::size_t i = home(h, n);; i = i + 1 == n ? 0 : i + 1) {
        if (slots_[i] == h) return false;
        if (slots_[i] == 0) {
          slots_[i] = h;
          ++size_;
          return true;
        }
      }
    }

   private:
    __extension__ using Wide = unsigned __int128;
    /// Maps a hash to [0, n) by multiplying (no power-of-two size needed).
    static std::size_t home(std::uint64_t h, std::size_t n) {
      return static_cast<std::size_t>((static_cast<Wide>(h * 0x9E3779B97F4A7C15ull) * n) >> 64);
    }
    void grow() {
      std::vector<std::uint64_t> old = std::move(slots_);
      slots_.assign(old.empty() ? 64 : old.size() + old.size() / 2, 0);
      size_ = 0;
      for (auto h : old)
        if (h) insert(h);
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
  };
  std::array<Part, 64> parts_;
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool is_spreadsheet(const fs::path& p) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".xlsx" || ext == ".ods" || ext == ".xls";
}

bool is_csv(const fs::path& p) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

std::vector<std::string> open_options(const fs::path& p) {
  if (is_csv(p)) return {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES"};
  if (is_spreadsheet(p)) return {"FIELD_TYPES=STRING", "HEADERS=FORCE"};
  return {};
}

struct FieldMap {
  int id = -1, x = -1, y = -1, code = -1, remark = -1, weight = -1;
  int start_date = -1, start_time = -1, end_date = -1, end_time = -1;
};

/// What a category value means, remembered per distinct value: real exports repeat a few
/// dozen codes millions of times, and classifying one takes several string operations.
class CodeCache {
 public:
  struct Entry {
    std::optional<engine::ThemeId> theme;
    std::uint32_t code = 0;  ///< index in IncidentTable::codes (only when theme is set)
  };
  const Entry& get(std::string_view value, const Taxonomy& taxonomy, IncidentTable& table) {
    if (auto it = cache_.find(value); it != cache_.end()) return it->second;
    Entry e{taxonomy.classify(value), 0};
    if (e.theme) e.code = table.intern_code(value);
    return cache_.emplace(std::string(value), e).first->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> cache_;
};

// Reads a field as UTF-8 text ("" when null).
class TextReader {
 public:
  explicit TextReader(Encoding e) : encoding_(e) {}
  std::string_view operator()(OGRFeature& f, int idx) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
    const char* raw = f.GetFieldAsString(idx);
    const std::string_view view(raw);
    if (encoding_ == Encoding::utf8 || is_ascii(view) || (encoding_ == Encoding::auto_detect && is_valid_utf8(view)))
      return view;  // ASCII reads the same in every supported encoding
    buffer_ = windows1252_to_utf8(view);
    return buffer_;
  }

 private:
  Encoding encoding_;
  std::string buffer_;
};

std::string raw_json(OGRFeature& f, Encoding enc) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();  // keeps the source's column order
  OGRFeatureDefn* defn = f.GetDefnRef();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const std::string name = to_utf8(defn->GetFieldDefn(i)->GetNameRef(), enc);
    if (!f.IsFieldSetAndNotNull(i)) j[name] = nullptr;
    else j[name] = to_utf8(f.GetFieldAsString(i), enc);
  }
  if (const OGRGeometry* g = f.GetGeometryRef()) {
    char* wkt = nullptr;
    if (g->exportToWkt(&wkt) == OGRERR_NONE && wkt) j["geometry"] = wkt;
    CPLFree(wkt);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

SourceResult read_source(const AnalysisSpec& spec, std::size_t index, const Taxonomy& taxonomy, IncidentTable& table,
                         const ReadOptions& options, const engine::Progress& progress) {
  const SourceSpec& src = spec.sources.at(index);
  const std::string path = src.path.string();
  SourceResult result;
  result.counts.name = src.name;
  result.counts.kind = src.kind;
  result.counts.path = path;
  // The checksum is computed on a second thread while the records are read.
  std::future<std::string> digest;
  if (fs::is_regular_file(src.path)) digest = std::async(std::launch::async, [p = src.path] { return sha256_file(p); });

  auto ds = detail::open_vector(src.path, open_options(src.path));
  OGRLayer* layer = detail::pick_layer(*ds, src.layer, src.path);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  auto field = [&](const std::string& name, const std::string& key) {
    return name.empty() ? -1 : detail::field_index(*defn, name, src.path, key);
  };
  FieldMap fm;
  fm.id = field(src.id_field, "id");
  fm.code = field(src.code_field, "code");
  fm.remark = field(src.remark_field, "remark");
  fm.weight = field(src.weight_field, "weight");
  if (!src.x_field.empty()) fm.x = field(src.x_field, "x"), fm.y = field(src.y_field, "y");
  if (!src.lon_field.empty()) fm.x = field(src.lon_field, "lon"), fm.y = field(src.lat_field, "lat");
  if (!src.start_fields.empty()) {
    fm.start_date = field(src.start_fields[0], "start");
    if (src.start_fields.size() > 1) fm.start_time = field(src.start_fields[1], "start");
  }
  if (!src.end_fields.empty()) {
    fm.end_date = field(src.end_fields[0], "end");
    if (src.end_fields.size() > 1) fm.end_time = field(src.end_fields[1], "end");
  }

  // The coordinates' CRS: lon/lat is always WGS84; x/y the spec's or the analysis CRS; else the layer's.
  const bool from_fields = fm.x >= 0;
  std::string coord_crs;
  if (!src.lon_field.empty()) coord_crs = "EPSG:4326";
  else if (from_fields) coord_crs = src.crs.empty() ? spec.crs : src.crs;
  else coord_crs = src.crs.empty() ? detail::layer_crs_wkt(*layer) : src.crs;
  if (coord_crs.empty())
    throw InputError("the layer has no CRS and no x/y or lon/lat fields are given; set 'crs'", at(path, 0, "crs"));
  const CrsTransform transform(coord_crs, spec.crs);
  const bool coords_are_rd = from_fields && src.lon_field.empty() && (coord_crs == "EPSG:28992");
  const bool analysis_is_rd = spec.crs == "EPSG:28992";

  const Encoding encoding = encoding_from_name(src.encoding).value_or(Encoding::auto_detect);
  TextReader text(encoding);
  const std::int32_t as_of_day = engine::days_from_civil(*spec.as_of);
  const auto source_no = static_cast<std::uint16_t>(index);
  const auto origin_no = static_cast<std::uint16_t>(table.origins.size());
  table.origins.push_back({src.name, src.kind, src.count_as_incidents});
  const std::size_t first_record = table.size();

  IdSet ids;
  CodeCache codes;
  const GIntBig total = layer->GetFeatureCount(FALSE);

  std::int64_t row = 0;
  layer->ResetReading();
  for (auto& feature : *layer) {
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](RejectReason reason, std::string field_name, std::string detail) {
      result.rejects.push_back({source_no, row, reason, std::move(field_name), std::move(detail), raw_json(f, encoding)});
      ++result.counts.by_reason[static_cast<std::size_t>(reason)];
    };

    // 1. Coordinates.
    double x = 0, y = 0;
    if (from_fields) {
      const std::string xs(text(f, fm.x));
      const std::string_view ys = text(f, fm.y);
      const std::string& xname = src.lon_field.empty() ? src.x_field : src.lon_field;
      const std::string& yname = src.lon_field.empty() ? src.y_field : src.lat_field;
      if (trim(xs).empty() || trim(ys).empty()) {
        reject(RejectReason::missing_coordinates, trim(xs).empty() ? xname : yname, "no coordinates");
        continue;
      }
      const auto xv = parse_number(xs), yv = parse_number(ys);
      if (!xv || !yv) {
        reject(RejectReason::bad_coordinates, !xv ? xname : yname,
               "not a number: '" + std::string(!xv ? trim(xs) : trim(ys)) + "'");
        continue;
      }
      x = *xv, y = *yv;
      if (!src.lon_field.empty()) {
        // lon/lat fields: catch the two common mistakes before transforming.
        if (std::abs(x) > 180 || std::abs(y) > 90 || (x >= 50 && x <= 54 && y >= 3 && y <= 8)) {
          const bool swapped = (x >= 50 && x <= 54 && y >= 3 && y <= 8);
          reject(swapped ? RejectReason::swapped_coordinates : RejectReason::bad_coordinates, xname,
                 swapped ? "longitude and latitude look exchanged (lon " + std::string(trim(xs)) + ", lat " +
                               std::string(trim(ys)) + "); not corrected"
                         : "longitude/latitude out of range");
          continue;
        }
      } else if (coords_are_rd) {
        if (auto bad = check_rd_coordinates(x, y)) {
          std::string why = *bad == RejectReason::latlon_as_projected
                                ? "RD coordinates look like degrees (latitude/longitude in the x/y columns); not converted"
                            : *bad == RejectReason::swapped_coordinates
                                ? "x and y look exchanged (x " + std::string(trim(xs)) + ", y " + std::string(trim(ys)) +
                                      "); not corrected"
                                : "outside the RD New extent (x 0–300000, y 300000–625000)";
          reject(*bad, xname, std::move(why));
          continue;
        }
      }
    } else {
      const OGRGeometry* g = f.GetGeometryRef();
      if (!g || g->IsEmpty()) {
        reject(RejectReason::missing_coordinates, "geometry", "no geometry");
        continue;
      }
      if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
        reject(RejectReason::bad_coordinates, "geometry", std::string("a ") + g->getGeometryName() + ", not a point");
        continue;
      }
      x = g->toPoint()->getX(), y = g->toPoint()->getY();
    }
    transform.transform(&x, &y, 1);
    if (!std::isfinite(x) || !std::isfinite(y)) {
      reject(RejectReason::outside_extent, "", "cannot be transformed to " + spec.crs);
      continue;
    }
    if (analysis_is_rd && !coords_are_rd && check_rd_coordinates(x, y)) {
      reject(RejectReason::outside_extent, "", "outside the RD New extent after transformation");
      continue;
    }

    // 2. Time window.
    const std::string start_date(text(f, fm.start_date));
    const std::string start_time(text(f, fm.start_time));
    const auto start = parse_instant(start_date, start_time, src.date_format, src.time_format);
    if (start.status == ParseStatus::missing) {
      reject(RejectReason::missing_date, src.start_fields.empty() ? "" : src.start_fields[0], "no start date");
      continue;
    }
    if (start.status == ParseStatus::bad) {
      reject(RejectReason::bad_date, src.start_fields[0], start.problem);
      continue;
    }
    std::int64_t end_utc = engine::kNoTime;
    if (fm.end_date >= 0) {
      const std::string end_date(text(f, fm.end_date));
      const std::string end_time(text(f, fm.end_time));
      if (!trim(end_date).empty()) {
        const auto end = parse_instant(end_date, end_time, src.date_format, src.time_format);
        if (end.status == ParseStatus::bad) {
          reject(RejectReason::bad_date, src.end_fields[0], end.problem);
          continue;
        }
        // An end date without a time means the end of that (local) day: 23 or 25 hours
        // after its midnight on the days the clocks change.
        end_utc = end.has_time ? end.utc : next_midnight(end.utc);
        if (end_utc < start.utc) {
          reject(RejectReason::end_before_start, src.end_fields[0], "the window ends before it starts");
          continue;
        }
        if (end_utc == start.utc) end_utc = engine::kNoTime;
      } else if (!trim(end_time).empty()) {
        // Only an end time: the same day as the start, or the next when it is earlier.
        const auto sd = engine::utc_to_amsterdam(start.utc).date;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", sd.year, sd.month, sd.day);
        const auto end = parse_instant(buf, end_time, "auto", src.time_format);
        if (end.status == ParseStatus::bad) {
          reject(RejectReason::bad_date, src.end_fields.size() > 1 ? src.end_fields[1] : src.end_fields[0], end.problem);
          continue;
        }
        end_utc = end.utc < start.utc ? end.utc + 86400 : end.utc;
      }
    }
    // A start without a time of day (a schouw date, an empty time field) and no end: the
    // time is unknown, so the record covers its whole local day (docs/temporal.md) instead
    // of piling up at 00:00 in the hour profile.
    const bool time_unknown = !start.has_time && end_utc == engine::kNoTime;
    if (time_unknown) end_utc = next_midnight(start.utc);
    const std::int32_t start_day = engine::days_from_civil(engine::utc_to_amsterdam(start.utc).date);
    if (start_day > as_of_day) {
      reject(RejectReason::future_date, src.start_fields[0], "dated after the reference date (as_of)");
      continue;
    }

    // 3. Category.
    const std::string_view code_text = trim(text(f, fm.code));
    if (code_text.empty()) {
      reject(RejectReason::missing_code, src.code_field, "no category");
      continue;
    }
    const CodeCache::Entry& code = codes.get(code_text, taxonomy, table);
    if (!code.theme) {
      reject(RejectReason::unknown_code, src.code_field, "'" + std::string(code_text) + "' is not in the taxonomy");
      continue;
    }

    // 4. Weight.
    float weight = 1.0f;
    if (fm.weight >= 0) {
      const auto w = parse_number(text(f, fm.weight));
      if (!w || *w < 0 || !std::isfinite(*w)) {
        reject(RejectReason::bad_value, src.weight_field, "weight is not a non-negative number");
        continue;
      }
      weight = static_cast<float>(*w);
    }

    // 5. Period.
    std::uint8_t period = engine::kNoPeriod;
    if (options.assign_periods) {
      for (std::size_t p = 0; p < engine::kPeriodCount; ++p)
        if (spec.periods[p].present && spec.periods[p].range.contains(start_day)) period = static_cast<std::uint8_t>(p);
      if (period == engine::kNoPeriod) {
        reject(RejectReason::outside_period, src.start_fields[0], "dated outside every analysis period");
        continue;
      }
    }

    // 6. Duplicate id, among accepted records (the first accepted occurrence wins).
    // The id is read last: `text` reuses one buffer, and the id goes into the table as is.
    std::string_view id_value;
    if (fm.id >= 0) {
      id_value = trim(text(f, fm.id));
      if (!id_value.empty() && !ids.insert(fnv1a(id_value))) {
        reject(RejectReason::duplicate_id, src.id_field, "id '" + std::string(id_value) + "' was seen before in this source");
        continue;
      }
    }

    table.incidents.push_back(x, y, start.utc, end_utc, *code.theme, period, engine::kNoArea, weight, origin_no);
    table.row.push_back(static_cast<std::uint32_t>(row));
    table.source_id.push_back(id_value);
    table.code.push_back(code.code);
    table.remark.push_back(src.kind == SourceKind::observation ? text(f, fm.remark) : std::string_view());
    result.newest_day = std::max(result.newest_day, start_day);
    if (time_unknown) ++result.counts.time_unknown;
    if (total > 0 && (row & 0xFFFF) == 0 && !engine::report(progress, static_cast<double>(row) / static_cast<double>(total)))
      throw Cancelled("cancelled while reading", at(path, row));
  }
  if (digest.valid()) result.counts.sha256 = digest.get();
  result.counts.read = row;
  result.counts.accepted = static_cast<std::int64_t>(table.size() - first_record);
  result.counts.rejected = static_cast<std::int64_t>(result.rejects.size());
  engine::report(progress, 1.0);
  return result;
}

}  // namespace kvo::io
