#include "report/report_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "engine/civil_time.hpp"
#include "io/core/errors.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/output_schema.hpp"
#include "io/gpkg/sql_text.hpp"
#include "qgis/layer_styles.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_data_months.hpp"
#include "report/report_raster.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

bool ReportData::has(const std::string& table) const {
  return std::any_of(layers.begin(), layers.end(), [&](const auto& l) { return l.first == table; });
}

std::string ReportData::area_name(const std::string& area_id) const {
  if (const auto it = area_index_.find(area_id); it != area_index_.end()) return areas[it->second].name;
  return area_id;
}

namespace {

void add_rings(const OGRGeometry* g, ReportShape& shape) {
  if (!g) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    const auto* poly = g->toPolygon();
    auto ring = [&](const OGRLinearRing* r) {
      if (!r) return;
      ReportRing out;
      out.reserve(static_cast<std::size_t>(r->getNumPoints()));
      for (int i = 0; i < r->getNumPoints(); ++i) out.push_back({r->getX(i), r->getY(i)});
      shape.rings.push_back(std::move(out));
    };
    ring(poly->getExteriorRing());
    for (int i = 0; i < poly->getNumInteriorRings(); ++i) ring(poly->getInteriorRing(i));
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    const auto* coll = g->toGeometryCollection();
    for (int i = 0; i < coll->getNumGeometries(); ++i) add_rings(coll->getGeometryRef(i), shape);
  }
}

// Field value by name, "" when the field is absent or NULL.
std::string text(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}
double number(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsDouble(i) : std::nan("");
}
std::int64_t integer(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsInteger64(i) : 0;
}

// Sets a "theme = 'all'" filter when the layer has a theme field.
void only_totals(OGRLayer& layer) {
  if (layer.GetLayerDefn()->GetFieldIndex("theme") >= 0) layer.SetAttributeFilter("theme = 'all'");
}

void read_areas(GDALDataset& ds, ReportData& d) {
  OGRLayer* layer = ds.GetLayerByName(schema::layer::areas);
  if (!layer) return;
  layer->ResetReading();
  for (auto& f : *layer) {
    ReportArea a;
    a.id = text(*f, "area_id");
    a.name = text(*f, "name");
    if (a.name.empty()) a.name = a.id;
    a.kind = text(*f, "kind");
    a.area_ha = number(*f, "area_ha");
    const OGRGeometry* g = f->GetGeometryRef();
    add_rings(g, a.shape);
    if (g) {
      OGREnvelope env;
      g->getEnvelope(&env);
      a.label_x = (env.MinX + env.MaxX) / 2, a.label_y = (env.MinY + env.MaxY) / 2;
      // A point surely inside (GEOS), so the label of an L-shaped area sits on it.
      detail::GdalErrorCollector quiet;
      if (OGRGeometryH inside = OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)))) {
        if (!OGR_G_IsEmpty(inside)) a.label_x = OGR_G_GetX(inside, 0), a.label_y = OGR_G_GetY(inside, 0);
        OGR_G_DestroyGeometry(inside);
      }
    }
    d.add_area(std::move(a));
  }
  std::vector<std::pair<std::string, std::size_t>> kinds;
  for (const auto& a : d.areas) {
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == a.kind; });
    if (it == kinds.end())
      kinds.emplace_back(a.kind, 1);
    else
      ++it->second;
  }
  d.context_kind = context_area_kind(kinds);
  // The KVO areas: by the checklist's kind names (kvo_winkelgebied, kvo_bedrijventerrein, …),
  // else the first [[areas]] table's kind, which is where a spec lists its subject areas.
  d.kvo_by_prefix =
      std::any_of(d.areas.begin(), d.areas.end(), [](const ReportArea& a) { return a.kind.rfind("kvo_", 0) == 0; });
  for (const auto& a : d.areas)
    if (d.kvo_by_prefix ? a.kind.rfind("kvo_", 0) == 0 : a.kind == d.areas.front().kind) d.add_kvo(a.id);
}

void read_extent(GDALDataset& ds, ReportData& d) {
  for (const auto& a : d.areas)
    for (const auto& r : a.shape.rings)
      for (const auto& p : r) d.extent.expand(p[0], p[1]);
  if (!d.extent.empty()) return;
  for (int i = 0; i < ds.GetLayerCount(); ++i) {
    OGRLayer* l = ds.GetLayer(i);
    OGREnvelope env;
    if (l->GetGeomType() != wkbNone && l->GetExtent(&env, TRUE) == OGRERR_NONE) {
      d.extent.expand(env.MinX, env.MinY);
      d.extent.expand(env.MaxX, env.MaxY);
    }
  }
}

void read_cells(GDALDataset& ds, ReportData& d) {
  if (OGRLayer* layer = ds.GetLayerByName(schema::layer::hotspot_cells)) {
    only_totals(*layer);
    for (auto& f : *layer) {
      ReportCell c;
      c.period = text(*f, "period");
      c.gi_bin = static_cast<int>(integer(*f, "gi_bin"));
      c.lm_cluster = text(*f, "lm_cluster");
      add_rings(f->GetGeometryRef(), c.shape);
      d.cells.push_back(std::move(c));
    }
  }
  if (OGRLayer* layer = ds.GetLayerByName(schema::layer::cell_change)) {
    // The per-theme change maps draw only cells with a pattern; the rest of a theme is not read.
    const bool themed = layer->GetLayerDefn()->GetFieldIndex("theme") >= 0;
    if (themed) layer->SetAttributeFilter("theme = 'all' OR change_class <> 'no_pattern'");
    for (auto& f : *layer) {
      ReportChangeCell c;
      c.theme = themed ? text(*f, "theme") : "all";
      c.change_class = text(*f, "change_class");
      add_rings(f->GetGeometryRef(), c.shape);
      d.change_cells.push_back(std::move(c));
    }
  }
}

// The Amsterdam calendar date of a stored UTC instant: a walk-through dated 18 March is
// stored as 17 March 23:00 UTC and must read as 18 March. The stored text when unreadable.
std::string amsterdam_date(const std::string& stored) {
  const ParsedInstant t = parse_instant(stored, "", "auto", "auto");
  if (t.status != ParseStatus::ok) return stored.substr(0, 10);
  const engine::CivilDate c = engine::utc_to_amsterdam(t.utc).date;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

void read_tables(GDALDataset& ds, ReportData& d) {
  if (ds.GetLayerByName(schema::layer::observations)) {
    // The latest period's findings, the working group's list for the next walk-through.
    const auto latest = detail::rows_or_none(ds, "SELECT MAX(period) FROM observations");  // followup > baseline
    if (!latest.empty() && !latest[0][0].empty()) {
      const std::string period = latest[0][0] == "followup" ? "'followup'" : "'baseline'";
      const auto total = detail::rows_or_none(ds, "SELECT COUNT(*) FROM observations WHERE period = " + period);
      d.findings_total = total.empty() ? 0 : std::strtoll(total[0][0].c_str(), nullptr, 10);
      for (const auto& r : detail::rows_or_none(ds,
                                                "SELECT start, area_id, category, theme, remark "
                                                "FROM observations WHERE period = " +
                                                    period + " ORDER BY area_id, category, start LIMIT 200"))
        d.findings.push_back({amsterdam_date(r[0]), d.area_name(r[1]), r[2], r[3], r[4]});
    }
  }
  if (ds.GetLayerByName(schema::layer::emerging_hotspots))
    for (const auto& r : detail::rows_or_none(ds,
                                              "SELECT theme, category, COUNT(*) FROM emerging_hotspots WHERE category "
                                              "<> 'no_pattern' GROUP BY theme, category"))
      d.emerging_counts[r[0]][r[1]] = std::strtoll(r[2].c_str(), nullptr, 10);
  if (ds.GetLayerByName(schema::layer::incidents))
    for (const auto& r :
         detail::rows_or_none(ds, "SELECT theme, period, COUNT(*) FROM incidents GROUP BY theme, period"))
      if (!r[0].empty() && !r[1].empty()) d.theme_counts[r[0]][r[1]] = std::strtoll(r[2].c_str(), nullptr, 10);
  if (OGRLayer* layer = ds.GetLayerByName(schema::layer::area_change)) {
    for (auto& f : *layer) {
      ReportAreaChange c;
      c.area_id = text(*f, "area_id");
      c.area_name = d.area_name(c.area_id);
      c.theme = text(*f, "theme");
      c.change = text(*f, "change");
      c.count_baseline = integer(*f, "count_baseline");
      c.count_followup = integer(*f, "count_followup");
      c.rate_ratio = number(*f, "rate_ratio");
      c.rr_low = number(*f, "rr_low");
      c.rr_high = number(*f, "rr_high");
      c.p = number(*f, "p");
      c.q = number(*f, "q");
      c.poisson_z = number(*f, "poisson_z");
      c.trend = text(*f, "trend");
      c.trend_p = number(*f, "trend_p");
      if (c.count_baseline + c.count_followup > 0) ++d.comparisons;
      d.area_changes.push_back(std::move(c));
    }
  }
  if (ds.GetLayerByName(schema::layer::area_stats))
    for (const auto& r : detail::rows_or_none(
             ds, "SELECT area_id, theme, period, SUM(count) FROM area_stats GROUP BY area_id, theme, period"))
      if (!r[0].empty() && !r[1].empty() && !r[2].empty())
        d.area_theme_counts[r[0]][r[1]][r[2]] = std::strtoll(r[3].c_str(), nullptr, 10);
  // Without an areas layer every area the tables name is a subject area.
  if (d.areas.empty()) {
    for (const auto& c : d.area_changes) d.add_kvo(c.area_id);
    for (const auto& [id, themes] : d.area_theme_counts) d.add_kvo(id);
  }
  if (OGRLayer* layer = ds.GetLayerByName(schema::layer::survey_indicators)) {
    for (auto& f : *layer) {
      ReportSurvey s;
      s.area_id = text(*f, "area_id");
      s.area_name = d.area_name(s.area_id);
      s.period = text(*f, "period");
      s.indicator = text(*f, "indicator");
      s.n = integer(*f, "n");
      s.n_eff = number(*f, "n_eff");
      s.estimate = number(*f, "estimate");
      s.ci_low = number(*f, "ci_low");
      s.ci_high = number(*f, "ci_high");
      s.too_few = integer(*f, "too_few") != 0;
      if (f->GetFieldIndex("diff") >= 0 && f->IsFieldSetAndNotNull(f->GetFieldIndex("diff"))) {
        s.diff = number(*f, "diff");
        s.diff_low = number(*f, "diff_low");
        s.diff_high = number(*f, "diff_high");
        s.diff_p = number(*f, "diff_p");
      }
      d.survey.push_back(std::move(s));
    }
  }
  if (ds.GetLayerByName(schema::layer::rejects))
    for (const auto& r :
         detail::rows_or_none(ds,
                              "SELECT source, reason, COUNT(*) AS n FROM rejects GROUP BY source, reason "
                              "ORDER BY source, n DESC, reason"))
      d.rejects.push_back({r[0], r[1], std::strtoll(r[2].c_str(), nullptr, 10)});
}

// The hour × weekday profile. Areas may overlap (a KVO area and the neighbourhoods in it),
// so rows are not summed over every area: a study-wide row wins, else the KVO areas (every
// kind but the context kind) are summed.
void read_profile(GDALDataset& ds, ReportData& d) {
  OGRLayer* layer = ds.GetLayerByName(schema::layer::temporal_profile);
  if (!layer) return;
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (const char* field : {"period", "weekday", "hour", "weight"})
    if (defn->GetFieldIndex(field) < 0) return;
  const std::string theme = defn->GetFieldIndex("theme") >= 0 ? " AND theme = 'all'" : "";
  std::string scope_sql;
  d.profile_scope = "all";
  if (defn->GetFieldIndex("area_id") >= 0) scope_sql = " AND (area_id IS NULL OR area_id IN ('', 'all'))";
  const auto totals = detail::rows_or_none(ds, "SELECT COUNT(*) FROM temporal_profile WHERE 1" + scope_sql + theme);
  if (!scope_sql.empty() && !totals.empty() && totals[0][0] == "0") {
    std::set<std::string> ids;
    std::string list;
    d.profile_scope.clear();
    for (const auto& a : d.areas)
      if (!d.is_context(a) && ids.insert(a.id).second) {
        std::string lit = "'";
        for (char c : a.id) lit += c == '\'' ? std::string("''") : std::string(1, c);
        list += (list.empty() ? "" : ", ") + lit + "'";
        d.profile_scope += (d.profile_scope.empty() ? "" : ", ") + a.name;
      }
    scope_sql = list.empty() ? "" : " AND area_id IN (" + list + ")";
  }
  for (const auto& r :
       detail::rows_or_none(ds, "SELECT period, weekday, hour, SUM(weight) FROM temporal_profile WHERE 1" + scope_sql +
                                    theme + " GROUP BY period, weekday, hour")) {
    const long wd = std::strtol(r[1].c_str(), nullptr, 10), h = std::strtol(r[2].c_str(), nullptr, 10);
    if (r[0].empty() || wd < 0 || wd > 6 || h < 0 || h > 23) continue;
    auto [it, fresh] = d.profiles.try_emplace(r[0]);
    if (fresh) it->second.fill(0.0);
    it->second[static_cast<std::size_t>(wd * 24 + h)] = std::strtod(r[3].c_str(), nullptr);
  }
}

// Reads a raster at most 800 pixels across, colours it with the QGIS style's ramp and
// scale, and encodes it as PNG through GDAL's in-memory files.
ReportRaster read_raster(const fs::path& gpkg, const StyledLayer& layer) {
  ReportRaster out;
  out.name = layer.name;
  out.value_min = layer.value_min;
  out.value_max = layer.value_max;
  const bool change = layer.name.find("change") != std::string::npos;
  const double m = change ? std::max(std::abs(layer.value_min), std::abs(layer.value_max)) : layer.value_max;
  out.scale_max = m > 0 ? m : 1;
  out.scale_min = change ? -out.scale_max : 0;
  detail::GdalErrorCollector quiet;
  const std::string table = "TABLE=" + layer.name;
  const char* drivers[] = {"GPKG", nullptr};
  const char* options[] = {table.c_str(), nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, options, nullptr));
  if (!ds || ds->GetRasterCount() < 1) return out;
  double gt[6];
  if (ds->GetGeoTransform(gt) != CE_None) return out;
  const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
  out.extent.expand(gt[0], gt[3]);
  out.extent.expand(gt[0] + cols * gt[1], gt[3] + rows * gt[5]);
  const double shrink = std::min(1.0, 800.0 / std::max(cols, rows));
  const int w = std::max(1, static_cast<int>(std::lround(cols * shrink)));
  const int h = std::max(1, static_cast<int>(std::lround(rows * shrink)));
  GDALRasterBand* band = ds->GetRasterBand(1);
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  std::vector<float> values(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  if (band->RasterIO(GF_Read, 0, 0, cols, rows, values.data(), w, h, GDT_Float32, 0, 0) != CE_None) return out;

  auto ramp = change ? change_ramp() : density_ramp();
  if (change)
    ramp[ramp.size() / 2].color.a = 0;  // no change: transparent, as in QGIS
  else
    ramp.front().color.a = 0;  // no incidents: transparent
  out.width = w;
  out.height = h;
  out.rgba.resize(values.size() * 4);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const float v = values[i];
    Rgba c{0, 0, 0, 0};
    if (std::isfinite(v) && !(has_nodata && v == static_cast<float>(nodata)))
      c = ramp_color(ramp, (v - out.scale_min) / (out.scale_max - out.scale_min));
    std::uint8_t* px = &out.rgba[i * 4];
    px[0] = static_cast<std::uint8_t>(c.r);
    px[1] = static_cast<std::uint8_t>(c.g);
    px[2] = static_cast<std::uint8_t>(c.b);
    px[3] = static_cast<std::uint8_t>(c.a);
  }
  out.png = encode_png(out.rgba, w, h);
  return out;
}

}  // namespace

ReportData read_report_data(const fs::path& gpkg) {
  detail::ensure_gdal_registered();
  if (!fs::exists(gpkg)) throw InputError("file not found", at(gpkg.string()));
  ReportData d;
  d.path = gpkg;
  detail::GdalErrorCollector errors;
  const char* drivers[] = {"GPKG", nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds)
    throw InputError("not a GeoPackage" + (errors.messages().empty() ? std::string() : ": " + errors.messages()),
                     at(gpkg.string()));

  if (OGRLayer* m = ds->GetLayerByName(schema::layer::run_manifest)) {
    for (auto& f : *m) {
      const std::string key = text(*f, "key"), value = text(*f, "value");
      auto parsed = nlohmann::json::parse(value, nullptr, false);
      d.manifest[key] = parsed.is_discarded() ? nlohmann::json(value) : parsed;
    }
  }
  if (d.manifest.count("spec") && d.manifest["spec"].is_object()) d.spec = d.manifest["spec"];
  d.language = d.spec.value("language", std::string("en")) == "nl" ? "nl" : "en";
  d.title = d.spec.value("title", std::string());
  if (const auto& cmp = d.spec.value("compare", nlohmann::json::object()); cmp.is_object()) {
    if (cmp.contains("alpha") && cmp["alpha"].is_number()) d.alpha = cmp["alpha"].get<double>();
    if (cmp.contains("min_total") && cmp["min_total"].is_number()) d.min_total = cmp["min_total"].get<std::int64_t>();
  }

  // The styles' view of the file gives the raster value ranges and their shared scales.
  const StyleContext ctx = describe_for_styles(gpkg, d.language, d.title);
  for (const auto& l : ctx.layers) {
    std::int64_t rows = 0;
    if (l.is_raster()) {
      // The raster's own size: the data extent over the finest pixel size (the tile matrix
      // is padded to whole tiles).
      const auto size = detail::rows_or_none(
          *ds,
          "SELECT CAST(round((c.max_x - c.min_x) / m.pixel_x_size) AS INTEGER), "
          "CAST(round((c.max_y - c.min_y) / m.pixel_y_size) AS INTEGER) FROM gpkg_contents c JOIN gpkg_tile_matrix m "
          "ON m.table_name = c.table_name WHERE c.table_name = " +
              sql_literal(l.name) + " ORDER BY m.zoom_level DESC LIMIT 1");
      if (!size.empty())
        rows = std::strtoll(size[0][0].c_str(), nullptr, 10) * std::strtoll(size[0][1].c_str(), nullptr, 10);
    } else if (OGRLayer* layer = ds->GetLayerByName(l.name.c_str())) {
      rows = layer->GetFeatureCount(TRUE);
    }
    d.layers.emplace_back(l.name, rows);
  }
  d.periods = ctx.periods;
  read_areas(*ds, d);
  read_extent(*ds, d);
  read_cells(*ds, d);
  read_tables(*ds, d);
  detail::read_area_months(*ds, d);
  read_profile(*ds, d);
  for (const auto& l : ctx.layers)
    if (l.is_raster() && l.name.rfind("density_", 0) == 0) d.rasters[l.name] = read_raster(gpkg, l);
  return d;
}

}  // namespace kvo::io
