#include "io/gpkg/output_layers.hpp"

#include "io/gpkg/output_schema.hpp"

#include <geos_c.h>
#include <proj.h>

#include <algorithm>
#include <limits>

#include "io/gdal/gdal_internal.hpp"

namespace kvo::io {

using engine::kNoArea;
using engine::kNoPeriod;
using engine::kNoTime;

void write_areas_layer(GpkgWriter& out, const AreaTable& areas) {
  auto layer = out.create_layer(schema::layer::areas, GeometryKind::multipolygon,
                                {{"area_id", FieldType::text, ""},
                                 {"name", FieldType::text, ""},
                                 {"kind", FieldType::text, ""},
                                 {"area_ha", FieldType::real, ""},
                                 {"repaired", FieldType::integer, ""},
                                 {"area_set", FieldType::text, ""}},
                                "Study areas (KVO areas and neighbourhoods)");
  for (std::size_t i = 0; i < areas.size(); ++i) {
    layer.set(0, areas.id[i]);
    layer.set(1, areas.name[i]);
    layer.set(2, areas.kind[i]);
    layer.set(3, areas.areas.area_m2[i] / 10000.0);
    layer.set(4, static_cast<std::int64_t>(areas.repaired[i]));
    layer.set(5, areas.set_name[areas.areas.set_of(i)]);
    layer.set_multipolygon(areas.areas.geometry[i]);
    layer.write();
  }
}

void write_incident_layers(GpkgWriter& out, const AreaTable& areas, const IncidentTable& table) {
  const auto& inc = table.incidents;
  auto is_observation = [&](std::size_t i) { return table.origins[inc.source[i]].kind == SourceKind::observation; };
  const std::vector<FieldDef> common = {
      {"source", FieldType::text, ""},  {"source_id", FieldType::text, ""}, {"kind", FieldType::text, ""},
      {"theme", FieldType::text, ""},   {"code", FieldType::text, ""},      {"start", FieldType::datetime, ""},
      {"end", FieldType::datetime, ""}, {"period", FieldType::text, ""},    {"area_id", FieldType::text, ""},
      {"row", FieldType::integer, ""},  {"weight", FieldType::real, ""}};
  auto write_common = [&](LayerWriter& l, std::size_t i) {
    const Origin& origin = table.origins[inc.source[i]];
    l.set_point(inc.x[i], inc.y[i]);
    l.set(0, origin.name);
    l.set(1, table.source_id[i]);
    l.set(2, source_kind_name(origin.kind));
    l.set(3, engine::theme_name(inc.theme[i]));
    l.set(4, table.codes[table.code[i]]);
    l.set_datetime(5, inc.start_utc[i]);
    if (inc.end_utc[i] == kNoTime)
      l.set_null(6);
    else
      l.set_datetime(6, inc.end_utc[i]);
    if (inc.period[i] == kNoPeriod)
      l.set_null(7);
    else
      l.set(7, engine::period_name(static_cast<engine::PeriodId>(inc.period[i])));
    if (inc.area[i] == kNoArea)
      l.set_null(8);
    else
      l.set(8, areas.id[static_cast<std::size_t>(inc.area[i])]);
    l.set(9, static_cast<std::int64_t>(table.row[i]));
    l.set(10, static_cast<double>(inc.weight[i]));
  };
  // After the fixed fields: the incident's area in each area set (`area_id_<set>`).
  const auto set_columns = inc.area_columns();
  std::vector<FieldDef> set_fields;
  for (const auto& name : areas.set_name) set_fields.push_back({"area_id_" + name, FieldType::text, ""});
  auto write_sets = [&](LayerWriter& l, int first, std::size_t i) {
    for (std::size_t s = 0; s < set_fields.size(); ++s) {
      const std::int32_t a = s < set_columns.size() ? set_columns[s][i] : kNoArea;
      if (a == kNoArea)
        l.set_null(first + static_cast<int>(s));
      else
        l.set(first + static_cast<int>(s), areas.id[static_cast<std::size_t>(a)]);
    }
  };
  {
    std::vector<FieldDef> fields = common;
    fields.insert(fields.end(), set_fields.begin(), set_fields.end());
    auto layer =
        out.create_layer(schema::layer::incidents, GeometryKind::point, fields, "Accepted incidents, normalised");
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (is_observation(i)) continue;
      write_common(layer, i);
      write_sets(layer, static_cast<int>(common.size()), i);
      layer.write();
    }
  }
  bool any_observation = false;
  for (const auto& o : table.origins) any_observation |= o.kind == SourceKind::observation;
  if (!any_observation) return;
  std::vector<FieldDef> fields = common;
  fields[4].name = "category";
  fields.push_back({"remark", FieldType::text, ""});
  const auto first_set = static_cast<int>(fields.size());
  fields.insert(fields.end(), set_fields.begin(), set_fields.end());
  auto obs =
      out.create_layer(schema::layer::observations, GeometryKind::point, fields, "Walk-through (schouw) findings");
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!is_observation(i)) continue;
    write_common(obs, i);
    obs.set(11, table.remark[i]);
    write_sets(obs, first_set, i);
    obs.write();
  }
}

void write_rejects_layer(GpkgWriter& out, const AnalysisSpec& spec, const std::vector<SourceResult>& sources) {
  auto layer = out.create_layer(schema::layer::rejects, GeometryKind::none,
                                {{"source", FieldType::text, ""},
                                 {"row", FieldType::integer64, ""},
                                 {"reason", FieldType::text, ""},
                                 {"field", FieldType::text, ""},
                                 {"detail", FieldType::text, ""},
                                 {"raw", FieldType::text, ""}},
                                "Rejected records with a reason code");
  for (const auto& src : sources)
    for (const auto& r : src.rejects) {
      layer.set(0, spec.sources[r.source].name);
      layer.set(1, r.row);
      layer.set(2, reason_code(r.reason));
      layer.set(3, r.field);
      layer.set(4, r.detail);
      layer.set(5, r.raw);
      layer.write();
    }
}

void write_area_stats_layer(GpkgWriter& out, const AreaTable& areas, const engine::AreaStats& stats,
                            const engine::AreaHotspots& hotspots, const std::string& name,
                            const std::string& description) {
  auto layer = out.create_layer(
      name, GeometryKind::multipolygon,
      {{"area_id", FieldType::text, ""},
       {"name", FieldType::text, ""},
       {"kind", FieldType::text, ""},
       {"period", FieldType::text, ""},
       {"theme", FieldType::text, ""},
       {"count", FieldType::integer64, ""},
       {"per_ha_year", FieldType::real, ""},
       {"gi_z", FieldType::real, ""},
       {"gi_p", FieldType::real, ""},
       {"gi_bin", FieldType::integer, ""},
       {"lm_i", FieldType::real, ""},
       {"lm_p", FieldType::real, ""},
       {"lm_cluster", FieldType::text, ""}},
      description.empty() ? "Incidents per area, period and theme, with area-level hot spots" : description);
  for (std::size_t i = 0; i < stats.size(); ++i) {
    const auto a = static_cast<std::size_t>(stats.area[i]);
    layer.set(0, areas.id[a]);
    layer.set(1, areas.name[a]);
    layer.set(2, areas.kind[a]);
    layer.set(3, engine::period_name(stats.period[i]));
    layer.set(4, engine::theme_name(stats.theme[i]));
    layer.set(5, stats.count[i]);
    layer.set(6, stats.per_ha_year[i]);
    if (i < hotspots.computed.size() && hotspots.computed[i]) {
      layer.set(7, hotspots.gi_z[i]);
      layer.set(8, hotspots.gi_p[i]);
      layer.set(9, static_cast<std::int64_t>(hotspots.gi_bin[i]));
      layer.set(10, hotspots.lm_i[i]);
      layer.set(11, hotspots.lm_p[i]);
      layer.set(12, engine::lm_cluster_name(hotspots.lm_cluster[i]));
    } else {
      for (int f = 7; f <= 12; ++f) layer.set_null(f);
    }
    layer.set_multipolygon(areas.areas.geometry[a]);
    layer.write();
  }
}

void write_temporal_profile_layer(GpkgWriter& out, const AreaTable& areas,
                                  const std::vector<engine::TemporalProfileRow>& rows) {
  auto layer = out.create_layer(schema::layer::temporal_profile, GeometryKind::none,
                                {{"area_id", FieldType::text, ""},
                                 {"period", FieldType::text, ""},
                                 {"theme", FieldType::text, ""},
                                 {"weekday", FieldType::integer, ""},
                                 {"hour", FieldType::integer, ""},
                                 {"weight", FieldType::real, ""}},
                                "Aoristic hour-of-week profile (Europe/Amsterdam local time)");
  // Hours without weight are not written: a missing (weekday, hour) means 0. A profile is
  // then at most as long as its incidents' windows, not 168 rows for every area and theme.
  for (const auto& row : rows)
    for (int wd = 0; wd < 7; ++wd)
      for (int h = 0; h < 24; ++h) {
        if (row.weight[static_cast<std::size_t>(wd * 24 + h)] == 0.0) continue;
        layer.set(0, areas.id[static_cast<std::size_t>(row.area)]);
        layer.set(1, engine::period_name(row.period));
        layer.set(2, engine::theme_name(row.theme));
        layer.set(3, static_cast<std::int64_t>(wd));
        layer.set(4, static_cast<std::int64_t>(h));
        layer.set(5, row.weight[static_cast<std::size_t>(wd * 24 + h)]);
        layer.write();
      }
}

void write_survey_indicators_layer(GpkgWriter& out, const AreaTable& areas,
                                   const std::vector<SurveyIndicatorSpec>& indicators,
                                   const std::vector<engine::SurveyIndicatorRow>& rows,
                                   const std::vector<std::int64_t>& police_count) {
  auto layer = out.create_layer(schema::layer::survey_indicators, GeometryKind::multipolygon,
                                {{"area_id", FieldType::text, ""},
                                 {"name", FieldType::text, ""},
                                 {"period", FieldType::text, ""},
                                 {"indicator", FieldType::text, ""},
                                 {"kind", FieldType::text, ""},
                                 {"theme", FieldType::text, ""},
                                 {"n", FieldType::integer64, ""},
                                 {"n_eff", FieldType::real, ""},
                                 {"sum_weight", FieldType::real, ""},
                                 {"estimate", FieldType::real, ""},
                                 {"std_error", FieldType::real, ""},
                                 {"ci_low", FieldType::real, ""},
                                 {"ci_high", FieldType::real, ""},
                                 {"too_few", FieldType::integer, ""},
                                 {"police_count", FieldType::integer64, ""},
                                 {"diff", FieldType::real, ""},
                                 {"diff_low", FieldType::real, ""},
                                 {"diff_high", FieldType::real, ""},
                                 {"diff_p", FieldType::real, ""}},
                                "Survey indicators per area and period with intervals; follow-up rows hold the change");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const auto a = static_cast<std::size_t>(r.area);
    const auto& def = indicators[r.indicator];
    layer.set(0, areas.id[a]);
    layer.set(1, areas.name[a]);
    layer.set(2, engine::period_name(r.period));
    layer.set(3, def.name);
    layer.set(4, std::string_view(def.mark ? "mean" : "proportion"));
    if (def.theme.empty())
      layer.set_null(5);
    else
      layer.set(5, def.theme);
    layer.set(6, r.estimate.n);
    layer.set(7, r.estimate.n_eff);
    layer.set(8, r.estimate.sum_weight);
    layer.set(9, r.estimate.estimate);
    layer.set(10, r.estimate.std_error);
    layer.set(11, r.estimate.ci_low);
    layer.set(12, r.estimate.ci_high);
    layer.set(13, static_cast<std::int64_t>(r.estimate.too_few));
    if (police_count[i] < 0)
      layer.set_null(14);
    else
      layer.set(14, police_count[i]);
    if (r.difference) {
      layer.set(15, r.difference->estimate);
      layer.set(16, r.difference->ci_low);
      layer.set(17, r.difference->ci_high);
      layer.set(18, r.difference->p);
    } else {
      for (int f = 15; f <= 18; ++f) layer.set_null(f);
    }
    layer.set_multipolygon(areas.areas.geometry[a]);
    layer.write();
  }
}

std::vector<engine::SurveyIndicatorRow> read_survey_indicator_rows(const std::filesystem::path& gpkg,
                                                                   engine::PeriodId period, const AreaTable& areas,
                                                                   const std::vector<SurveyIndicatorSpec>& indicators) {
  std::vector<engine::SurveyIndicatorRow> rows;
  auto ds = detail::open_vector(gpkg);
  OGRLayer* layer = ds->GetLayerByName(schema::layer::survey_indicators);
  if (!layer) return rows;
  for (auto& f : *layer) {
    if (f->GetFieldAsString("period") != engine::period_name(period)) continue;
    const std::int32_t a = areas.find(f->GetFieldAsString("area_id"));
    const std::string name = f->GetFieldAsString("indicator");
    const auto k = std::find_if(indicators.begin(), indicators.end(), [&](const auto& d) { return d.name == name; });
    if (a < 0 || k == indicators.end()) continue;
    engine::SurveyIndicatorRow r;
    r.area = a;
    r.period = period;
    r.indicator = static_cast<std::size_t>(k - indicators.begin());
    auto real = [&](const char* field) {
      const int idx = f->GetFieldIndex(field);
      return idx >= 0 && f->IsFieldSetAndNotNull(idx) ? f->GetFieldAsDouble(idx)
                                                      : std::numeric_limits<double>::quiet_NaN();
    };
    r.estimate.n = f->GetFieldAsInteger64("n");
    r.estimate.n_eff = real("n_eff");
    r.estimate.sum_weight = real("sum_weight");
    r.estimate.estimate = real("estimate");
    r.estimate.std_error = real("std_error");
    r.estimate.ci_low = real("ci_low");
    r.estimate.ci_high = real("ci_high");
    r.estimate.too_few = f->GetFieldAsInteger("too_few") != 0;
    rows.push_back(r);
  }
  return rows;
}

void write_manifest_layer(GpkgWriter& out, const std::map<std::string, nlohmann::json>& rows) {
  auto layer =
      out.create_layer(schema::layer::run_manifest, GeometryKind::none,
                       {{schema::manifest::key, FieldType::text, ""}, {schema::manifest::value, FieldType::text, ""}},
                       "How this file was made: resolved spec, versions, inputs, counts");
  std::map<std::string, nlohmann::json> all = rows;
  all[schema::kVersionKey] = schema::kVersion;
  for (const auto& [key, value] : all) {
    layer.set(0, key);
    layer.set(1, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    layer.write();
  }
}

nlohmann::json source_counts_json(const SourceCounts& c) {
  nlohmann::json reasons = nlohmann::json::object();
  for (std::size_t r = 0; r < kRejectReasonCount; ++r)
    if (c.by_reason[r]) reasons[std::string(reason_code(static_cast<RejectReason>(r)))] = c.by_reason[r];
  return {{"name", c.name},
          {"kind", source_kind_name(c.kind)},
          {"path", c.path},
          {"sha256", c.sha256},
          {"read", c.read},
          {"accepted", c.accepted},
          {"rejected", c.rejected},
          {"outside_study_region", c.outside_study_region},
          {"excluded", c.excluded},
          {"excluded_codes", c.excluded_codes},
          {"rejects_by_reason", reasons},
          {"time_unknown", c.time_unknown}};
}

nlohmann::json library_versions() {
  return {{"gdal", GDALVersionInfo("RELEASE_NAME")}, {"proj", proj_info().version}, {"geos", GEOSversion()}};
}

}  // namespace kvo::io
