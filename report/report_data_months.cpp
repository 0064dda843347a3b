#include "report/report_data_months.hpp"

#include <cstdio>
#include <map>

#include "engine/civil_time.hpp"
#include "engine/period.hpp"
#include "engine/trend.hpp"
#include "io/core/text.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/output_schema.hpp"
#include "io/gpkg/sql_text.hpp"

namespace kvo::io::detail {

void read_area_months(GDALDataset& ds, ReportData& d) {
  OGRLayer* layer = ds.GetLayerByName(schema::layer::incidents);
  if (!layer || d.kvo_areas.empty()) return;
  // One column per area set ("area_id_<set>"); a file with one set may have only area_id.
  std::vector<std::string> columns;
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const std::string name = defn->GetFieldDefn(i)->GetNameRef();
    if (name.rfind("area_id_", 0) == 0) columns.push_back(name);
  }
  if (columns.empty() && defn->GetFieldIndex("area_id") >= 0) columns.push_back("area_id");
  if (columns.empty() || defn->GetFieldIndex("start") < 0 || defn->GetFieldIndex("period") < 0) return;

  std::map<std::string, std::int32_t> index;  // KVO area id → group
  std::string in_list;
  for (const auto& id : d.kvo_areas)
    if (index.emplace(id, static_cast<std::int32_t>(index.size())).second)
      in_list += (in_list.empty() ? "" : ", ") + sql_literal(id);

  const auto& periods = d.spec.value("periods", nlohmann::json::object());
  for (const auto& period : d.periods) {
    if (!periods.contains(period) || !periods[period].is_object()) continue;
    const auto from = parse_iso_date(periods[period].value("from", ""));
    const auto to = parse_iso_date(periods[period].value("to", ""));
    if (!from || !to) continue;
    const engine::MonthBins bins =
        engine::whole_months(engine::PeriodRange{engine::days_from_civil(*from), engine::days_from_civil(*to)});
    if (bins.months < 2) continue;
    std::string sql = "SELECT start";
    std::string where;
    for (const auto& c : columns) {
      sql += ", " + sql_identifier(c);
      where += (where.empty() ? "" : " OR ") + sql_identifier(c) + " IN (" + in_list + ")";
    }
    sql += " FROM incidents WHERE period = " + sql_literal(period) + " AND (" + where + ")";
    const auto rows = rows_or_none(ds, sql);
    std::vector<std::int64_t> start;
    start.reserve(rows.size());
    std::vector<std::vector<std::int32_t>> group(columns.size());
    for (const auto& r : rows) {
      const ParsedInstant t = parse_instant(r[0], "", "auto", "auto");
      if (t.status != ParseStatus::ok) continue;
      start.push_back(t.utc);
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto it = index.find(r[c + 1]);
        group[c].push_back(it == index.end() ? -1 : it->second);
      }
    }
    // Once per area set, as engine/area_change counts: the sets' series add.
    std::vector<double> sum(index.size() * static_cast<std::size_t>(bins.months), 0.0);
    for (const auto& g : group) {
      const std::vector<double> part = engine::monthly_counts(start, g, index.size(), bins);
      for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += part[k];
    }
    const auto months = static_cast<std::size_t>(bins.months);
    for (const auto& [id, g] : index) {
      const auto first = sum.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(g) * months);
      d.area_months[id][period].assign(first, first + static_cast<std::ptrdiff_t>(months));
    }
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02u", bins.first_year, bins.first_month);
    d.area_months_first[period] = label;
  }
}

}  // namespace kvo::io::detail
