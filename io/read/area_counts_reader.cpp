#include "io/read/area_counts_reader.hpp"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/exclude_audit.hpp"
#include "io/read/source_open.hpp"

namespace kvo::io {

SourceResult read_area_counts_source(const AnalysisSpec& spec, std::size_t index, const AreaTable& areas,
                                     const Taxonomy& taxonomy, engine::AreaCounts& counts) {
  detail::OpenSource in(spec, index);
  const SourceSpec& src = in.source;
  const int f_area = in.field(src.area_field, "area");
  const int f_month = in.field(src.month_field, "month");
  const int f_code = in.field(src.code_fields.front(), "code");
  const int f_count = in.field(src.count_field, "count");
  const Encoding enc = src.encoding;
  auto text = [&](OGRFeature& f, int idx) {
    return !f.IsFieldSetAndNotNull(idx) ? std::string() : std::string(trim(to_utf8(f.GetFieldAsString(idx), enc)));
  };
  std::unordered_map<std::string, std::int32_t> area_of;
  for (std::size_t i = 0; i < areas.size(); ++i) area_of[areas.id[i]] = static_cast<std::int32_t>(i);

  std::int64_t row = 0;
  std::int64_t accepted = 0;
  std::unordered_set<std::string> seen_codes;  // for the exclude entries that excluded nothing
  for (auto& feature : in.layer) {
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](RejectReason reason, const std::string& field, std::string detail) {
      in.reject(f, row, reason, field, std::move(detail));
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
      reject(RejectReason::missing_code, src.code_fields.front(), "no category");
      continue;
    }
    seen_codes.insert(code);
    const auto theme = taxonomy.classify(code);
    if (!theme) {
      reject(RejectReason::unknown_code, src.code_fields.front(), "'" + code + "' is not in the taxonomy");
      continue;
    }
    if (*theme == Taxonomy::kExcluded) {  // out of scope: counted, not rejected
      in.exclude(code);
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
    ++accepted;
  }
  SourceResult result = in.finish(row, accepted);
  result.unused_excludes = unused_excludes(src, taxonomy, {seen_codes.begin(), seen_codes.end()});
  return result;
}

}  // namespace kvo::io
