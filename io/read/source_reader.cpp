#include "io/read/source_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/core/crs_transform.hpp"
#include "io/core/errors.hpp"
#include "io/core/input_path.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/coordinate_check.hpp"
#include "io/read/date_order.hpp"
#include "io/read/exclude_audit.hpp"
#include "io/read/id_set.hpp"
#include "io/read/source_open.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

Taxonomy load_taxonomy(const AnalysisSpec& spec, const SourceSpec& source) {
  // Open police data per buurt uses the police codes.
  const std::string by_kind =
      source.kind == SourceKind::area_counts ? "police" : std::string(source_kind_name(source.kind));
  const std::string name = source.taxonomy.empty() ? by_kind : source.taxonomy;
  Taxonomy t = Taxonomy::read_csv(taxonomy_path(name, spec.base_dir));
  for (const auto& [code, theme] : source.codes) t.add_override(code, *Taxonomy::theme_from_name(theme));
  for (const auto& code : source.exclude) t.add_override(code, Taxonomy::kExcluded);
  return t;
}

namespace {

// Midnight (Amsterdam) after the local day holding a UTC instant.
std::int64_t next_midnight(std::int64_t utc) {
  return engine::amsterdam_midnight_utc(engine::days_from_civil(engine::utc_to_amsterdam(utc).date) + 1);
}

struct FieldMap {
  int id = -1, x = -1, y = -1, remark = -1, weight = -1;
  int wkt = -1;           ///< a table file's WKT column (`geometry`), parsed by kvo
  std::vector<int> code;  ///< one or more category fields
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
    if (e.theme && *e.theme != Taxonomy::kExcluded) e.code = table.intern_code(value);
    return cache_.emplace(std::string(value), e).first->second;
  }
  /// Every value seen, once.
  [[nodiscard]] std::vector<std::string> values() const {
    std::vector<std::string> out;
    out.reserve(cache_.size());
    for (const auto& [value, entry] : cache_) out.push_back(value);
    return out;
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

// The date and time fields of one record, as text.
struct RecordTexts {
  std::string start_date, start_time, end_date, end_time;
};

// A record's time window in UTC, or why it is rejected.
struct TimeWindow {
  std::int64_t start_utc = 0;
  std::int64_t end_utc = engine::kNoTime;  ///< kNoTime: an instant
  bool time_unknown = false;               ///< only a date: the window is the whole local day
  std::int32_t start_day = 0;              ///< local day of the start
  engine::CivilDate start_date{};          ///< the start date as written
  bool day_first_assumed = false;          ///< "auto" read the start day-first by convention
  std::optional<RejectReason> reason;
  std::string field, detail;
};

TimeWindow rejected(RejectReason reason, std::string field, std::string detail) {
  TimeWindow w;
  w.reason = reason;
  w.field = std::move(field);
  w.detail = std::move(detail);
  return w;
}

TimeWindow read_window(const SourceSpec& src, const RecordTexts& t, std::int32_t as_of_day) {
  const auto start = parse_instant(t.start_date, t.start_time, src.date_format, src.time_format);
  if (start.status == ParseStatus::missing)
    return rejected(RejectReason::missing_date, src.start_fields.empty() ? "" : src.start_fields[0], "no start date");
  if (start.status == ParseStatus::bad) return rejected(RejectReason::bad_date, src.start_fields[0], start.problem);
  TimeWindow w;
  w.start_utc = start.utc;
  w.start_date = start.date;
  w.day_first_assumed = start.day_first_assumed;
  if (!trim(t.end_date).empty()) {
    const auto end = parse_instant(t.end_date, t.end_time, src.date_format, src.time_format);
    if (end.status == ParseStatus::bad) return rejected(RejectReason::bad_date, src.end_fields[0], end.problem);
    // An end date without a time means the end of that (local) day: 23 or 25 hours
    // after its midnight on the days the clocks change.
    w.end_utc = end.has_time ? end.utc : next_midnight(end.utc);
    if (w.end_utc < start.utc)
      return rejected(RejectReason::end_before_start, src.end_fields[0], "the window ends before it starts");
    if (w.end_utc == start.utc) w.end_utc = engine::kNoTime;
  } else if (!trim(t.end_time).empty()) {
    // Only an end time: the same day as the start, or the next when it is earlier.
    const auto sd = engine::utc_to_amsterdam(start.utc).date;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", sd.year, sd.month, sd.day);
    const auto end = parse_instant(buf, t.end_time, "auto", src.time_format);
    if (end.status == ParseStatus::bad)
      return rejected(RejectReason::bad_date, src.end_fields.size() > 1 ? src.end_fields[1] : src.end_fields[0],
                      end.problem);
    w.end_utc = end.utc < start.utc ? end.utc + 86400 : end.utc;
  }
  // A start without a time of day (a schouw date, an empty time field) and no end: the
  // time is unknown, so the record covers its whole local day (docs/temporal.md) instead
  // of piling up at 00:00 in the hour profile.
  w.time_unknown = !start.has_time && w.end_utc == engine::kNoTime;
  if (w.time_unknown) w.end_utc = next_midnight(start.utc);
  w.start_day = engine::days_from_civil(engine::utc_to_amsterdam(start.utc).date);
  if (w.start_day > as_of_day)
    return rejected(RejectReason::future_date, src.start_fields[0], "dated after the reference date (as_of)");
  return w;
}

}  // namespace

SourceResult read_source(const AnalysisSpec& spec, std::size_t index, const Taxonomy& taxonomy, IncidentTable& table,
                         const ReadOptions& options, const engine::Progress& progress) {
  detail::OpenSource in(spec, index);
  const SourceSpec& src = in.source;
  const std::string& path = in.path;
  OGRLayer* layer = &in.layer;
  auto field = [&](const std::string& name, const std::string& key) { return in.field(name, key); };
  FieldMap fm;
  fm.id = field(src.id_field, "id");
  for (const auto& name : src.code_fields) fm.code.push_back(field(name, "code"));
  const std::string code_name = src.code_fields.empty() ? std::string() : src.code_fields.front();
  fm.remark = field(src.remark_field, "remark");
  fm.weight = field(src.weight_field, "weight");
  if (!src.x_field.empty()) fm.x = field(src.x_field, "x"), fm.y = field(src.y_field, "y");
  if (!src.lon_field.empty()) fm.x = field(src.lon_field, "lon"), fm.y = field(src.lat_field, "lat");
  // A table file's WKT column is read as text and parsed here, the same for CSV, XLSX, ODS
  // and XLS, so an unreadable WKT is told from an empty cell.
  if (fm.x < 0 && !src.geometry_field.empty() && table_file_kind(src.path) != TableFile::other)
    fm.wkt = field(src.geometry_field, "geometry");
  if (!src.start_fields.empty()) {
    fm.start_date = field(src.start_fields[0], "start");
    if (src.start_fields.size() > 1) fm.start_time = field(src.start_fields[1], "start");
  }
  if (!src.end_fields.empty()) {
    fm.end_date = field(src.end_fields[0], "end");
    if (src.end_fields.size() > 1) fm.end_time = field(src.end_fields[1], "end");
  }

  // The coordinates' CRS: lon/lat is always WGS84; x/y and a WKT column the spec's or the
  // analysis CRS; else the layer's.
  const bool from_fields = fm.x >= 0;
  std::string coord_crs = from_fields || fm.wkt >= 0 ? field_crs(spec, src)
                          : src.crs.empty()          ? detail::layer_crs_wkt(*layer)
                                                     : src.crs;
  if (coord_crs.empty() && !src.geometry_field.empty()) coord_crs = spec.crs;  // a WKT column: the analysis CRS
  if (coord_crs.empty())
    throw InputError(
        "the layer has no CRS and no x/y or lon/lat fields are given; set 'crs', or name a WKT column with "
        "'geometry' (its coordinates are then in 'crs' or the analysis CRS)",
        at(path, 0, "crs"));
  const CoordinateCheck coordinates(spec, src, coord_crs);

  const Encoding encoding = src.encoding;
  TextReader text(encoding);
  const std::int32_t as_of_day = engine::days_from_civil(*spec.as_of);
  const auto origin_no = static_cast<std::uint16_t>(table.origins.size());
  table.origins.push_back({src.name, src.kind, src.count_as_incidents, static_cast<std::int32_t>(index)});
  const std::size_t first_record = table.size();

  IdSet ids;
  CodeCache codes;
  std::string joined_code;
  detail::DateOrderCheck date_order(src);
  const GIntBig total = layer->GetFeatureCount(FALSE);

  std::int64_t row = 0;
  layer->ResetReading();
  for (auto& feature : *layer) {
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](RejectReason reason, std::string field_name, std::string detail) {
      in.reject(f, row, reason, std::move(field_name), std::move(detail));
    };

    // 1. Coordinates.
    CheckedPoint point;
    if (from_fields) {
      const std::string xs(text(f, fm.x));  // `text` reuses one buffer: copy the first
      point = coordinates.from_fields(xs, text(f, fm.y));
    } else if (fm.wkt >= 0) {
      point = coordinates.from_wkt(text(f, fm.wkt), src.geometry_field);
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
      point = coordinates.from_point(g->toPoint()->getX(), g->toPoint()->getY());
    }
    if (point.reason) {
      reject(*point.reason, std::move(point.field), std::move(point.detail));
      continue;
    }
    const double x = point.x, y = point.y;

    // 2. Time window.
    const RecordTexts when{std::string(text(f, fm.start_date)), std::string(text(f, fm.start_time)),
                           fm.end_date >= 0 ? std::string(text(f, fm.end_date)) : std::string(),
                           fm.end_date >= 0 ? std::string(text(f, fm.end_time)) : std::string()};
    const TimeWindow window = read_window(src, when, as_of_day);
    if (window.reason == RejectReason::bad_date) date_order.bad_date(row, when.start_date, when.start_time);
    if (window.reason) {
      reject(*window.reason, window.field, window.detail);
      continue;
    }
    const bool time_unknown = window.time_unknown;
    const std::int32_t start_day = window.start_day;

    // 3. Category.
    // Several fields: a classification split over columns, joined level by level.
    std::string_view code_text;
    if (fm.code.size() == 1) {
      code_text = trim(text(f, fm.code[0]));
    } else {
      joined_code.clear();
      for (const int c : fm.code) {
        const std::string_view part = trim(text(f, c));
        if (part.empty()) continue;
        if (!joined_code.empty()) joined_code += " / ";
        joined_code += part;
      }
      code_text = joined_code;
    }
    if (code_text.empty()) {
      reject(RejectReason::missing_code, code_name, "no category");
      continue;
    }
    const CodeCache::Entry& code = codes.get(code_text, taxonomy, table);
    if (!code.theme) {
      reject(RejectReason::unknown_code, code_name, "'" + std::string(code_text) + "' is not in the taxonomy");
      continue;
    }
    if (*code.theme == Taxonomy::kExcluded) {  // known, out of scope: counted, not rejected
      in.exclude(code_text);
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
      if (!id_value.empty() && !ids.insert(id_value)) {
        reject(RejectReason::duplicate_id, src.id_field,
               "id '" + std::string(id_value) + "' was seen before in this source");
        continue;
      }
    }

    table.incidents.push_back(x, y, window.start_utc, window.end_utc, *code.theme, period, engine::kNoArea, weight,
                              origin_no);
    table.row.push_back(static_cast<std::uint32_t>(row));
    table.source_id.push_back(id_value);
    table.code.push_back(code.code);
    table.remark.push_back(src.kind == SourceKind::observation ? text(f, fm.remark) : std::string_view());
    in.result.newest_day = std::max(in.result.newest_day, start_day);
    date_order.accepted(row, window.start_date, window.day_first_assumed, when.start_date);
    if (time_unknown) ++in.result.counts.time_unknown;
    if (total > 0 && (row & 0xFFFF) == 0 &&
        !engine::report(progress, static_cast<double>(row) / static_cast<double>(total)))
      throw Cancelled("cancelled while reading", at(path, row));
  }
  SourceResult result = in.finish(row, static_cast<std::int64_t>(table.size() - first_record));
  if (auto w = date_order.warning({in.row_word(), in.shown_row(0)})) result.warnings.push_back(std::move(*w));
  result.unused_excludes = unused_excludes(src, taxonomy, codes.values());
  engine::report(progress, 1.0);
  return result;
}

}  // namespace kvo::io
