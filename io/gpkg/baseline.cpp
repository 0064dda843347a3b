#include "io/gpkg/baseline.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "io/core/errors.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gpkg/baseline_lock.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "io/gpkg/output_schema.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace {

namespace sa = schema::areas;
namespace si = schema::incidents;

/// The index of a field kvo writes: a baseline without it is refused, not read as "".
int required_field(OGRLayer& layer, const char* field, const fs::path& path) {
  const int idx = layer.GetLayerDefn()->GetFieldIndex(field);
  if (idx < 0)
    throw InputError(std::string("the baseline's '") + layer.GetName() + "' layer has no field '" + field +
                         "' (not written by kvo, or edited)",
                     at(path.string()));
  return idx;
}

/// Every field kvo reads, checked before anything is counted or read, so an edited
/// baseline is named for what it lacks rather than failing inside a query.
void require_schema_fields(GDALDataset& ds, const fs::path& path) {
  if (OGRLayer* areas = ds.GetLayerByName(schema::layer::areas))
    for (const char* f : {sa::area_id, sa::name, sa::kind, sa::repaired}) required_field(*areas, f, path);
  for (const char* name : {schema::layer::incidents, schema::layer::observations}) {
    OGRLayer* layer = ds.GetLayerByName(name);
    if (!layer) continue;
    const bool observations = std::string(name) == schema::layer::observations;
    required_field(*layer, observations ? si::category : si::code, path);
    if (observations) required_field(*layer, si::remark, path);
    for (const char* f : {si::period, si::theme, si::source, si::kind, si::start, si::end, si::area_id, si::weight,
                          si::row, si::source_id})
      required_field(*layer, f, path);
  }
}

void read_baseline_areas(GDALDataset& ds, const fs::path& path, AreaTable& out) {
  OGRLayer* layer = ds.GetLayerByName(schema::layer::areas);
  if (!layer) throw InputError("the baseline has no 'areas' layer", at(path.string()));
  // Area sets by name in order of first appearance; a baseline without `area_set` (older
  // kvo) has one set.
  const int set_idx = layer->GetLayerDefn()->GetFieldIndex(sa::area_set);
  const int id_idx = required_field(*layer, sa::area_id, path);
  const int name_idx = required_field(*layer, sa::name, path);
  const int kind_idx = required_field(*layer, sa::kind, path);
  const int repaired_idx = required_field(*layer, sa::repaired, path);
  for (auto& f : *layer) {
    std::string set = set_idx >= 0 ? safe_set_name(f->GetFieldAsString(set_idx)) : std::string();
    if (set.empty()) set = "areas";
    const auto number =
        static_cast<std::size_t>(std::find(out.set_name.begin(), out.set_name.end(), set) - out.set_name.begin());
    if (number == out.set_name.size()) out.set_name.push_back(set);
    out.areas.set.push_back(static_cast<std::uint16_t>(number));
    engine::MultiPolygon mp;
    const OGRGeometry* g = f->GetGeometryRef();
    if (g && wkbFlatten(g->getGeometryType()) == wkbMultiPolygon) {
      for (const auto* poly : *g->toMultiPolygon()) {
        engine::Polygon p;
        for (const auto& pt : *poly->getExteriorRing()) p.outer().emplace_back(pt.getX(), pt.getY());
        for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
          p.inners().emplace_back();
          for (const auto& pt : *poly->getInteriorRing(i)) p.inners().back().emplace_back(pt.getX(), pt.getY());
        }
        mp.push_back(std::move(p));
      }
    }
    engine::bg::correct(mp);
    out.id.push_back(f->GetFieldAsString(id_idx));
    out.name.push_back(f->GetFieldAsString(name_idx));
    out.kind.push_back(f->GetFieldAsString(kind_idx));
    out.repaired.push_back(static_cast<std::uint8_t>(f->GetFieldAsInteger(repaired_idx)));
    out.areas.area_m2.push_back(engine::bg::area(mp));
    out.areas.geometry.push_back(std::move(mp));
  }
}

std::int64_t to_utc(OGRFeature& f, int idx) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
  float ss = 0;
  f.GetFieldAsDateTime(idx, &y, &m, &d, &hh, &mm, &ss, &tz);
  std::int64_t t =
      static_cast<std::int64_t>(engine::days_from_civil({y, static_cast<unsigned>(m), static_cast<unsigned>(d)})) *
          86400 +
      hh * 3600 + mm * 60 + static_cast<int>(std::lround(ss));
  if (tz > 1 && tz != 100) t -= (tz - 100) * 15 * 60;  // OGR: 100 = UTC, 15-minute steps
  return t;
}

std::optional<SourceKind> kind_from_name(const std::string& s) {
  for (auto k :
       {SourceKind::police, SourceKind::fire, SourceKind::survey, SourceKind::observation, SourceKind::area_counts})
    if (source_kind_name(k) == s) return k;
  return std::nullopt;
}

void read_baseline_incidents(GDALDataset& ds, const char* layer_name, const fs::path& path, Baseline& b) {
  OGRLayer* layer = ds.GetLayerByName(layer_name);
  if (!layer) return;
  const bool observations = std::string(layer_name) == schema::layer::observations;
  const int code_idx = required_field(*layer, observations ? si::category : si::code, path);
  const int remark_idx = observations ? required_field(*layer, si::remark, path) : -1;
  const int period_idx = required_field(*layer, si::period, path);
  const int theme_idx = required_field(*layer, si::theme, path);
  const int source_idx = required_field(*layer, si::source, path);
  const int kind_idx = required_field(*layer, si::kind, path);
  const int start_idx = required_field(*layer, si::start, path);
  const int end_idx = required_field(*layer, si::end, path);
  const int area_idx = required_field(*layer, si::area_id, path);
  const int weight_idx = required_field(*layer, si::weight, path);
  const int row_idx = required_field(*layer, si::row, path);
  const int source_id_idx = required_field(*layer, si::source_id, path);
  std::unordered_map<std::string, std::int32_t> area_index;
  for (std::size_t i = 0; i < b.areas.size(); ++i) area_index[b.areas.id[i]] = static_cast<std::int32_t>(i);
  std::unordered_map<std::string, std::uint16_t> origin_index;
  for (std::size_t i = 0; i < b.table.origins.size(); ++i)
    origin_index[b.table.origins[i].name] = static_cast<std::uint16_t>(i);
  for (auto& f : *layer) {
    if (std::string(f->GetFieldAsString(period_idx)) != "baseline") continue;
    const OGRGeometry* g = f->GetGeometryRef();
    const auto theme = engine::theme_from_name(f->GetFieldAsString(theme_idx));
    if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint || !theme)
      throw InputError("the baseline's incidents are not as kvo writes them",
                       at(path.string(), f->GetFID(), layer_name));
    const std::string source = f->GetFieldAsString(source_idx);
    auto [it, inserted] = origin_index.try_emplace(source, static_cast<std::uint16_t>(b.table.origins.size()));
    if (inserted)
      b.table.origins.push_back({source, kind_from_name(f->GetFieldAsString(kind_idx)).value_or(SourceKind::police)});
    const std::int64_t end = f->IsFieldSetAndNotNull(end_idx) ? to_utc(*f, end_idx) : engine::kNoTime;
    const auto area = area_index.find(f->GetFieldAsString(area_idx));
    b.table.incidents.push_back(g->toPoint()->getX(), g->toPoint()->getY(), to_utc(*f, start_idx), end, *theme,
                                static_cast<std::uint8_t>(engine::PeriodId::baseline),
                                area == area_index.end() ? engine::kNoArea : area->second,
                                static_cast<float>(f->GetFieldAsDouble(weight_idx)), it->second);
    b.table.row.push_back(static_cast<std::uint32_t>(f->GetFieldAsInteger(row_idx)));
    b.table.source_id.push_back(f->GetFieldAsString(source_id_idx));
    b.table.code.push_back(b.table.intern_code(f->GetFieldAsString(code_idx)));
    b.table.remark.push_back(remark_idx >= 0 ? f->GetFieldAsString(remark_idx) : "");
  }
}

std::string text_of(const nlohmann::json& j) {
  return j.is_null() ? "(unset)" : j.dump();
}

}  // namespace

Baseline read_baseline(const fs::path& path) {
  Baseline b;
  b.path = fs::absolute(path);
  const GpkgContents contents = read_gpkg_contents(path);
  if (!contents.manifest.count("spec"))
    throw InputError("not a kvo output: no run_manifest 'spec' row", at(path.string()));
  const auto version = contents.manifest.find(schema::kVersionKey);
  const nlohmann::json stored = version == contents.manifest.end() ? nlohmann::json(1) : version->second;
  if (!stored.is_number_integer() || stored.get<int>() < 1 || stored.get<int>() > schema::kVersion)
    throw InputError("the baseline's output schema is version " + stored.dump() + "; this kvo reads versions 1 to " +
                         std::to_string(schema::kVersion) + " (a newer kvo wrote it?)",
                     at(path.string()));
  auto ds = detail::open_vector(path);
  require_schema_fields(*ds, path);
  b.counts_checked = verify_baseline(path, contents).counts_checked;
  b.spec = contents.manifest.at("spec");
  if (contents.manifest.count(schema::manifest_row::taxonomies))
    b.taxonomies = contents.manifest.at(schema::manifest_row::taxonomies);
  if (contents.manifest.count(schema::manifest_row::method_constants))
    b.method_constants = contents.manifest.at(schema::manifest_row::method_constants);
  const auto& periods = b.spec["periods"];
  if (!periods.contains("baseline"))
    throw InputError("the baseline GeoPackage has no baseline period", at(path.string()));
  const auto from = parse_iso_date(periods["baseline"].value("from", ""));
  const auto to = parse_iso_date(periods["baseline"].value("to", ""));
  if (!from || !to) throw InputError("the baseline period in the manifest is unreadable", at(path.string()));
  b.range = {engine::days_from_civil(*from), engine::days_from_civil(*to)};
  read_baseline_areas(*ds, path, b.areas);
  read_baseline_incidents(*ds, schema::layer::incidents, path, b);
  read_baseline_incidents(*ds, schema::layer::observations, path, b);
  return b;
}

std::vector<Deviation> adopt_baseline_method(const Baseline& baseline, AnalysisSpec& followup,
                                             const nlohmann::json& taxonomies) {
  std::vector<Deviation> out;
  const nlohmann::json& bs = baseline.spec;
  const nlohmann::json mine = spec_to_json(followup);
  // A key the follow-up sets explicitly must equal the baseline's; "auto" adopts it.
  auto number = [&](const char* section, const char* key, double& value) {
    const nlohmann::json& b = bs[section][key];
    if (!b.is_number()) return;
    if (value > 0 && std::abs(value - b.get<double>()) > 1e-9 * std::max(1.0, std::abs(value)))
      out.push_back({std::string(section) + "." + key, text_of(b), text_of(mine[section][key])});
    else
      value = b.get<double>();
  };
  auto same = [&](const char* section, const char* key) {
    const nlohmann::json& b = bs[section][key];
    const nlohmann::json& f = mine[section][key];
    if (b != f) out.push_back({std::string(section) + "." + key, text_of(b), text_of(f)});
  };
  same("grid", "shape");
  // "auto" adopts the baseline's resolved extent (a baseline of an older kvo: "areas");
  // an extent the follow-up sets must equal it.
  const auto baseline_extent = grid_extent_from_name(bs["grid"].value("extent", "areas"));
  if (followup.grid.extent == GridExtent::automatic && baseline_extent)
    followup.grid.extent = *baseline_extent;
  else
    same("grid", "extent");
  number("grid", "cell_size", followup.grid.cell_size_m);
  if (bs["grid"].contains("origin_x")) {
    if (followup.grid.origin_x && (*followup.grid.origin_x != bs["grid"]["origin_x"].get<double>() ||
                                   *followup.grid.origin_y != bs["grid"]["origin_y"].get<double>()))
      out.push_back({"grid.origin", text_of({bs["grid"]["origin_x"], bs["grid"]["origin_y"]}),
                     text_of({*followup.grid.origin_x, *followup.grid.origin_y})});
    followup.grid.origin_x = bs["grid"]["origin_x"].get<double>();
    followup.grid.origin_y = bs["grid"]["origin_y"].get<double>();
  }
  number("hotspots", "distance", followup.hotspots.distance_m);
  for (const char* k : {"weights", "k", "permutations", "seed", "fdr", "min_incidents", "min_neighbourhood_count"})
    same("hotspots", k);
  same("density", "kernel");
  // The monitor's methods, when the baseline ran them too (an older baseline did not).
  for (const char* section : {"emerging", "near_repeat"})
    if (bs.contains(section) && bs[section].is_object() && mine.contains(section))
      for (const auto& [key, value] : bs[section].items())
        if (key != "enabled") same(section, key.c_str());
  number("density", "bandwidth", followup.density.bandwidth_m);
  number("density", "cell_size", followup.density.cell_size_m);
  if (bs.value("crs", "") != followup.crs) out.push_back({"crs", text_of(bs["crs"]), text_of(followup.crs)});
  // Period length: one day of slack for leap years.
  if (followup.periods[1].present) {
    const int b_days = baseline.range.days(), f_days = followup.periods[1].range.days();
    if (std::abs(b_days - f_days) > 1)
      out.push_back({"periods.length_days", std::to_string(b_days), std::to_string(f_days)});
  }
  if (baseline.taxonomies.is_object())
    for (const auto& [kind, hash] : taxonomies.items())
      if (baseline.taxonomies.contains(kind) && baseline.taxonomies[kind] != hash)
        out.push_back({"taxonomy." + kind, text_of(baseline.taxonomies[kind]), text_of(hash)});
  // Whether schouw findings count as incidents changes every incident statistic: an
  // observation source must decide as the baseline's did (same name, else the first one).
  if (bs.contains("sources") && bs["sources"].is_array()) {
    const nlohmann::json* first = nullptr;
    std::map<std::string, const nlohmann::json*> by_name;
    for (const auto& b : bs["sources"])
      if (b.is_object() && b.value("kind", "") == "observation" && b.contains("count_as_incidents")) {
        if (!first) first = &b;
        by_name.emplace(b.value("name", ""), &b);
      }
    for (const auto& src : followup.sources) {
      if (src.kind != SourceKind::observation || !first) continue;
      const auto named = by_name.find(src.name);
      const nlohmann::json& b = *(named != by_name.end() ? named->second : first);
      if (b["count_as_incidents"] != nlohmann::json(src.count_as_incidents))
        out.push_back({"sources." + src.name + ".count_as_incidents", text_of(b["count_as_incidents"]),
                       text_of(src.count_as_incidents)});
    }
  }
  return out;
}

std::string describe_deviations(const std::vector<Deviation>& deviations, const fs::path& baseline,
                                const fs::path& followup_spec) {
  std::string s = followup_spec.empty() ? std::string("the follow-up's method")
                                        : "the method of the follow-up " + followup_spec.string();
  s += " differs from the baseline " + baseline.string() + ":";
  for (const auto& d : deviations) s += "\n  " + d.key + ": baseline " + d.baseline + ", follow-up " + d.followup;
  return s;
}

}  // namespace kvo::io
