#include "io/read/area_counts_reader.hpp"

#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"

namespace kvo::io {

SourceResult read_area_counts_source(const AnalysisSpec& spec, std::size_t index, const AreaTable& areas,
                                     const Taxonomy& taxonomy, engine::AreaCounts& counts) {
  const SourceSpec& src = spec.sources.at(index);
  SourceResult result;
  result.counts.name = src.name;
  result.counts.kind = src.kind;
  result.counts.path = src.path.string();
  if (std::filesystem::is_regular_file(src.path)) result.counts.sha256 = sha256_file(src.path);
  const bool csv = src.path.extension() == ".csv" || src.path.extension() == ".CSV";
  auto ds =
      detail::open_vector(src.path, csv ? std::vector<std::string>{"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO"}
                                        : std::vector<std::string>{"FIELD_TYPES=STRING", "HEADERS=FORCE"});
  OGRLayer* layer = detail::pick_layer(*ds, src.layer, src.path);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const int f_area = detail::field_index(*defn, src.area_field, src.path, "area");
  const int f_month = detail::field_index(*defn, src.month_field, src.path, "month");
  const int f_code = detail::field_index(*defn, src.code_field, src.path, "code");
  const int f_count = detail::field_index(*defn, src.count_field, src.path, "count");
  const Encoding enc = src.encoding;
  auto text = [&](OGRFeature& f, int idx) {
    return !f.IsFieldSetAndNotNull(idx) ? std::string() : std::string(trim(to_utf8(f.GetFieldAsString(idx), enc)));
  };
  std::unordered_map<std::string, std::int32_t> area_of;
  for (std::size_t i = 0; i < areas.size(); ++i) area_of[areas.id[i]] = static_cast<std::int32_t>(i);

  std::int64_t row = 0;
  for (auto& feature : *layer) {
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](RejectReason reason, const std::string& field, std::string detail) {
      nlohmann::ordered_json raw = nlohmann::ordered_json::object();
      for (int i = 0; i < defn->GetFieldCount(); ++i) raw[defn->GetFieldDefn(i)->GetNameRef()] = text(f, i);
      result.rejects.push_back({static_cast<std::uint16_t>(index), row, reason, field, std::move(detail),
                                raw.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)});
      ++result.counts.by_reason[static_cast<std::size_t>(reason)];
    };
    const auto area = area_of.find(text(f, f_area));
    if (area == area_of.end()) {
      reject(RejectReason::unknown_area, src.area_field, "'" + text(f, f_area) + "' is not an area code");
      continue;
    }
    const auto month = parse_iso_date(text(f, f_month) + "-01");
    if (!month) {
      reject(RejectReason::bad_date, src.month_field, "not a month like 2023-01: '" + text(f, f_month) + "'");
      continue;
    }
    const std::string code = text(f, f_code);
    if (code.empty()) {
      reject(RejectReason::missing_code, src.code_field, "no category");
      continue;
    }
    const auto theme = taxonomy.classify(code);
    if (!theme) {
      reject(RejectReason::unknown_code, src.code_field, "'" + code + "' is not in the taxonomy");
      continue;
    }
    const auto n = parse_number(text(f, f_count));
    if (!n || *n < 0 || *n != std::floor(*n)) {
      reject(RejectReason::bad_value, src.count_field, "count is not a non-negative whole number");
      continue;
    }
    const std::int32_t day = engine::days_from_civil(*month);
    std::int32_t period = -1;
    for (std::size_t p = 0; p < engine::kPeriodCount; ++p)
      if (spec.periods[p].present && spec.periods[p].range.contains(day)) period = static_cast<std::int32_t>(p);
    if (period < 0) {
      reject(RejectReason::outside_period, src.month_field, "month outside every analysis period");
      continue;
    }
    counts.area.push_back(area->second);
    counts.period.push_back(static_cast<engine::PeriodId>(period));
    counts.theme.push_back(*theme);
    counts.count.push_back(static_cast<std::int64_t>(*n));
  }
  result.counts.read = row;
  result.counts.rejected = static_cast<std::int64_t>(result.rejects.size());
  result.counts.accepted = row - result.counts.rejected;
  return result;
}

}  // namespace kvo::io
