#include "io/read/survey_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/coordinate_check.hpp"
#include "io/read/id_set.hpp"
#include "io/read/source_open.hpp"

namespace kvo::io {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

SourceResult read_survey_source(const AnalysisSpec& spec, std::size_t index, const AreaTable& areas,
                                SurveyTable& table) {
  detail::OpenSource in(spec, index);
  const SourceSpec& src = in.source;
  if (src.min_respondents) table.min_respondents = *src.min_respondents;

  const auto& defs = src.indicators;
  std::vector<std::size_t> slot;  // indicator of this source → column of the table
  for (const auto& d : defs) {
    auto it =
        std::find_if(table.indicators.begin(), table.indicators.end(), [&](const auto& o) { return o.name == d.name; });
    if (it == table.indicators.end()) {
      table.indicators.push_back(d);
      table.values.emplace_back(table.size(), kNaN);
      slot.push_back(table.indicators.size() - 1);
    } else {
      slot.push_back(static_cast<std::size_t>(it - table.indicators.begin()));
    }
  }

  auto field = [&](const std::string& name, const std::string& key) { return in.field(name, key); };
  const int fx = field(src.x_field.empty() ? src.lon_field : src.x_field, "x");
  const int fy = field(src.y_field.empty() ? src.lat_field : src.y_field, "y");
  const int farea = field(src.area_field, "area");
  const int fweight = field(src.weight_field, "weight");
  const int fid = field(src.id_field, "id");
  const int fdate = src.start_fields.empty() ? -1 : field(src.start_fields[0], "start");
  if (fx < 0 && farea < 0)
    throw ConfigError("a survey source needs x/y, lon/lat or area", at(spec.spec_path.string(), src.line, "sources"));
  if (fdate < 0)
    throw ConfigError("a survey source needs start = \"<date field>\"", at(spec.spec_path.string(), src.line, "start"));
  std::vector<int> fvalue;
  for (const auto& d : defs) fvalue.push_back(field(d.field, "indicators." + d.name));

  // The same coordinate and duplicate-id checks (and reason codes) as the incident reader.
  const CoordinateCheck coordinates(spec, src, field_crs(spec, src));
  IdSet ids;
  const Encoding enc = src.encoding;
  auto text = [&](OGRFeature& f, int idx) {
    return idx < 0 || !f.IsFieldSetAndNotNull(idx) ? std::string() : to_utf8(f.GetFieldAsString(idx), enc);
  };
  std::unordered_map<std::string, std::int32_t> area_of;
  for (std::size_t i = 0; i < areas.size(); ++i) area_of[areas.id[i]] = static_cast<std::int32_t>(i);

  const std::size_t first = table.size();
  std::int64_t row = 0;
  for (auto& feature : in.layer) {
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](RejectReason reason, std::string fld, std::string detail) {
      in.reject(f, row, reason, std::move(fld), std::move(detail));
    };
    double x = kNaN, y = kNaN;
    std::int32_t area = engine::kNoArea;
    if (farea >= 0 && !trim(text(f, farea)).empty()) {
      const auto it = area_of.find(std::string(trim(text(f, farea))));
      if (it == area_of.end()) {
        reject(RejectReason::unknown_area, src.area_field, "'" + text(f, farea) + "' is not an area code");
        continue;
      }
      area = it->second;
    } else if (fx >= 0) {
      const CheckedPoint point = coordinates.from_fields(text(f, fx), text(f, fy));
      if (point.reason) {
        reject(*point.reason, point.field, point.detail);
        continue;
      }
      x = point.x, y = point.y;
    } else {
      reject(RejectReason::missing_coordinates, src.area_field, "no area code");
      continue;
    }
    const auto date = parse_instant(text(f, fdate), "", src.date_format, "auto");
    if (date.status != ParseStatus::ok) {
      reject(date.status == ParseStatus::missing ? RejectReason::missing_date : RejectReason::bad_date,
             src.start_fields[0], date.problem);
      continue;
    }
    const std::int32_t day = engine::days_from_civil(engine::utc_to_amsterdam(date.utc).date);
    if (spec.as_of && day > engine::days_from_civil(*spec.as_of)) {
      reject(RejectReason::future_date, src.start_fields[0], "dated after the reference date (as_of)");
      continue;
    }
    std::uint8_t period = engine::kNoPeriod;
    for (std::size_t p = 0; p < engine::kPeriodCount; ++p)
      if (spec.periods[p].present && spec.periods[p].range.contains(day)) period = static_cast<std::uint8_t>(p);
    if (period == engine::kNoPeriod) {
      reject(RejectReason::outside_period, src.start_fields[0], "dated outside every analysis period");
      continue;
    }
    double w = 1.0;
    if (fweight >= 0) {
      const auto wv = parse_number(text(f, fweight));
      if (!wv || !(*wv > 0) || !std::isfinite(*wv)) {
        reject(RejectReason::bad_value, src.weight_field, "weight is not a positive number");
        continue;
      }
      w = *wv;
    }
    // Duplicate respondent id, among accepted respondents (the first accepted one wins).
    if (fid >= 0) {
      const std::string id(trim(text(f, fid)));
      if (!id.empty() && !ids.insert(id)) {
        reject(RejectReason::duplicate_id, src.id_field, "id '" + id + "' was seen before in this source");
        continue;
      }
    }
    table.x.push_back(x), table.y.push_back(y), table.area.push_back(area), table.period.push_back(period);
    table.weight.push_back(w);
    for (auto& column : table.values) column.push_back(kNaN);
    for (std::size_t k = 0; k < defs.size(); ++k) {
      const std::string answer = survey_answer_key(text(f, fvalue[k]));
      double v = kNaN;
      if (defs[k].mark) {
        if (auto m = parse_number(answer); m && *m >= 1 && *m <= 10) v = *m;
      } else if (std::find(defs[k].yes.begin(), defs[k].yes.end(), answer) != defs[k].yes.end()) {
        v = 1;
      } else if (std::find(defs[k].no.begin(), defs[k].no.end(), answer) != defs[k].no.end()) {
        v = 0;
      }
      table.values[slot[k]].back() = v;
    }
  }
  // Conditional bases: e.g. reported-to-police only among the victimised.
  for (std::size_t k = 0; k < defs.size(); ++k) {
    if (defs[k].given.empty()) continue;
    const std::size_t base = slot[static_cast<std::size_t>(
        std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.name == defs[k].given; }) - defs.begin())];
    auto& column = table.values[slot[k]];
    const auto& given = table.values[base];
    for (std::size_t i = first; i < table.size(); ++i)
      if (!(given[i] == 1.0)) column[i] = kNaN;
  }
  return in.finish(row, static_cast<std::int64_t>(table.size() - first));
}

}  // namespace kvo::io
