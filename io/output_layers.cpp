#include "io/output_layers.hpp"

#include <geos_c.h>
#include <proj.h>

#include "io/gdal_internal.hpp"

namespace kvo::io {

using engine::kNoArea;
using engine::kNoPeriod;
using engine::kNoTime;

void write_areas_layer(GpkgWriter& out, const AreaTable& areas) {
  auto layer = out.create_layer("areas", GeometryKind::multipolygon,
                                {{"area_id", FieldType::text, ""}, {"name", FieldType::text, ""},
                                 {"kind", FieldType::text, ""}, {"area_ha", FieldType::real, ""},
                                 {"repaired", FieldType::integer, ""}},
                                "Study areas (KVO areas and neighbourhoods)");
  for (std::size_t i = 0; i < areas.size(); ++i) {
    layer.set(0, areas.id[i]);
    layer.set(1, areas.name[i]);
    layer.set(2, areas.kind[i]);
    layer.set(3, areas.areas.area_m2[i] / 10000.0);
    layer.set(4, static_cast<std::int64_t>(areas.repaired[i]));
    layer.set_multipolygon(areas.areas.geometry[i]);
    layer.write();
  }
}

void write_incident_layers(GpkgWriter& out, const AnalysisSpec& spec, const AreaTable& areas,
                           const MergedIncidents& merged, const std::vector<SourceResult>& sources) {
  const auto& inc = merged.incidents;
  bool any_observation = false;
  for (const auto& src : spec.sources) any_observation |= src.kind == SourceKind::observation;

  auto layer = out.create_layer("incidents", GeometryKind::point,
                                {{"source", FieldType::text, ""},   {"source_id", FieldType::text, ""},
                                 {"kind", FieldType::text, ""},     {"theme", FieldType::text, ""},
                                 {"code", FieldType::text, ""},     {"start", FieldType::datetime, ""},
                                 {"end", FieldType::datetime, ""},  {"period", FieldType::text, ""},
                                 {"area_id", FieldType::text, ""},  {"row", FieldType::integer, ""},
                                 {"weight", FieldType::real, ""}},
                                "Accepted incidents, normalised");
  auto write_common = [&](LayerWriter& l, std::size_t i, std::size_t s, std::size_t k) {
    l.set_point(inc.x[i], inc.y[i]);
    l.set(0, spec.sources[s].name);
    l.set(1, sources[s].records.source_id[k]);
    l.set(2, source_kind_name(spec.sources[s].kind));
    l.set(3, engine::theme_name(inc.theme[i]));
    l.set(4, sources[s].records.codes[sources[s].records.code[k]]);
    l.set_datetime(5, inc.start_utc[i]);
    if (inc.end_utc[i] == kNoTime) l.set_null(6);
    else l.set_datetime(6, inc.end_utc[i]);
    if (inc.period[i] == kNoPeriod) l.set_null(7);
    else l.set(7, engine::period_name(static_cast<engine::PeriodId>(inc.period[i])));
    if (inc.area[i] == kNoArea) l.set_null(8);
    else l.set(8, areas.id[static_cast<std::size_t>(inc.area[i])]);
    l.set(9, static_cast<std::int64_t>(sources[s].records.row[k]));
    l.set(10, static_cast<double>(inc.weight[i]));
  };
  for (std::size_t s = 0; s < sources.size(); ++s) {
    if (spec.sources[s].kind == SourceKind::observation) continue;
    for (std::size_t i = merged.offset[s], k = 0; i < merged.offset[s + 1]; ++i, ++k) {
      write_common(layer, i, s, k);
      layer.write();
    }
  }
  if (!any_observation) return;
  auto obs = out.create_layer("observations", GeometryKind::point,
                              {{"source", FieldType::text, ""},   {"source_id", FieldType::text, ""},
                               {"kind", FieldType::text, ""},     {"theme", FieldType::text, ""},
                               {"category", FieldType::text, ""}, {"start", FieldType::datetime, ""},
                               {"end", FieldType::datetime, ""},  {"period", FieldType::text, ""},
                               {"area_id", FieldType::text, ""},  {"row", FieldType::integer, ""},
                               {"weight", FieldType::real, ""},   {"remark", FieldType::text, ""}},
                              "Walk-through (schouw) findings");
  for (std::size_t s = 0; s < sources.size(); ++s) {
    if (spec.sources[s].kind != SourceKind::observation) continue;
    for (std::size_t i = merged.offset[s], k = 0; i < merged.offset[s + 1]; ++i, ++k) {
      write_common(obs, i, s, k);
      obs.set(11, sources[s].records.remark[k]);
      obs.write();
    }
  }
}

void write_rejects_layer(GpkgWriter& out, const AnalysisSpec& spec, const std::vector<SourceResult>& sources) {
  auto layer = out.create_layer("rejects", GeometryKind::none,
                                {{"source", FieldType::text, ""}, {"row", FieldType::integer64, ""},
                                 {"reason", FieldType::text, ""}, {"field", FieldType::text, ""},
                                 {"detail", FieldType::text, ""}, {"raw", FieldType::text, ""}},
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

void write_area_stats_layer(GpkgWriter& out, const AreaTable& areas, const engine::AreaStats& stats) {
  auto layer = out.create_layer("area_stats", GeometryKind::multipolygon,
                                {{"area_id", FieldType::text, ""}, {"name", FieldType::text, ""},
                                 {"period", FieldType::text, ""}, {"theme", FieldType::text, ""},
                                 {"count", FieldType::integer64, ""}, {"per_ha_year", FieldType::real, ""}},
                                "Incidents per area, period and theme");
  for (std::size_t i = 0; i < stats.size(); ++i) {
    const auto a = static_cast<std::size_t>(stats.area[i]);
    layer.set(0, areas.id[a]);
    layer.set(1, areas.name[a]);
    layer.set(2, engine::period_name(stats.period[i]));
    layer.set(3, engine::theme_name(stats.theme[i]));
    layer.set(4, stats.count[i]);
    layer.set(5, stats.per_ha_year[i]);
    layer.set_multipolygon(areas.areas.geometry[a]);
    layer.write();
  }
}

void write_manifest_layer(GpkgWriter& out, const std::map<std::string, nlohmann::json>& rows) {
  auto layer = out.create_layer("run_manifest", GeometryKind::none,
                                {{"key", FieldType::text, ""}, {"value", FieldType::text, ""}},
                                "How this file was made: resolved spec, versions, inputs, counts");
  for (const auto& [key, value] : rows) {
    layer.set(0, key);
    layer.set(1, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    layer.write();
  }
}

nlohmann::json source_counts_json(const SourceCounts& c) {
  nlohmann::json reasons = nlohmann::json::object();
  for (std::size_t r = 0; r < kRejectReasonCount; ++r)
    if (c.by_reason[r]) reasons[std::string(reason_code(static_cast<RejectReason>(r)))] = c.by_reason[r];
  return {{"name", c.name},         {"kind", source_kind_name(c.kind)}, {"path", c.path},
          {"sha256", c.sha256},     {"read", c.read},                   {"accepted", c.accepted},
          {"rejected", c.rejected}, {"rejects_by_reason", reasons}};
}

nlohmann::json library_versions() {
  return {{"gdal", GDALVersionInfo("RELEASE_NAME")}, {"proj", proj_info().version}, {"geos", GEOSversion()}};
}

}  // namespace kvo::io
