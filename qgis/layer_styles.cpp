#include "qgis/layer_styles.hpp"

#include "io/core/clock.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/civil_time.hpp"
#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "io/gpkg/output_schema.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "qgis/layer_styles_qml.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

bool StyledLayer::has(const std::string& field) const {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

const StyledLayer* StyleContext::find(const std::string& name) const {
  for (const auto& l : layers)
    if (l.name == name) return &l;
  return nullptr;
}

std::string StyleContext::latest_period() const {
  return periods.empty() ? std::string() : periods.back();
}

namespace {

std::string geometry_name(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbNone:
      return "None";
    case wkbPoint:
      return "Point";
    case wkbMultiPoint:
      return "MultiPoint";
    case wkbPolygon:
      return "Polygon";
    case wkbMultiPolygon:
      return "MultiPolygon";
    case wkbLineString:
      return "LineString";
    case wkbMultiLineString:
      return "MultiLineString";
    default:
      return "Unknown";
  }
}

double query_max(GDALDataset& ds, const std::string& sql) {
  const auto rows = detail::rows_or_none(ds, sql);
  if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return 0.0;
  return std::strtod(rows[0][0].c_str(), nullptr);
}

// Value range of band 1 of a raster table, nodata excluded, read block row by block row.
void raster_range(const fs::path& gpkg, StyledLayer& layer) {
  detail::GdalErrorCollector errors;
  const std::string table = "TABLE=" + layer.name;  // an open option: safe for paths with ':'
  const char* drivers[] = {"GPKG", nullptr};
  const char* options[] = {table.c_str(), nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, options, nullptr));
  if (!ds || ds->GetRasterCount() < 1) return;
  GDALRasterBand* band = ds->GetRasterBand(1);
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  const int w = band->GetXSize(), h = band->GetYSize();
  std::vector<float> row(static_cast<std::size_t>(w));
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int y = 0; y < h; ++y) {
    if (band->RasterIO(GF_Read, 0, y, w, 1, row.data(), w, 1, GDT_Float32, 0, 0) != CE_None) return;
    for (float v : row) {
      if (!std::isfinite(v) || (has_nodata && v == static_cast<float>(nodata))) continue;
      lo = std::min(lo, static_cast<double>(v));
      hi = std::max(hi, static_cast<double>(v));
    }
  }
  if (lo <= hi) layer.value_min = lo, layer.value_max = hi;
}

// Rasters of the same kind in different periods share one colour scale, so that the
// baseline and follow-up maps can be compared by eye.
void share_raster_scales(StyleContext& ctx) {
  auto key = [](std::string name) {
    for (const char* p : {"baseline", "followup"})
      if (const auto at = name.find(p); at != std::string::npos) name.replace(at, std::string(p).size(), "*");
    return name;
  };
  std::map<std::string, double> max;
  for (const auto& l : ctx.layers)
    if (l.is_raster()) max[key(l.name)] = std::max(max[key(l.name)], l.value_max);
  for (auto& l : ctx.layers)
    if (l.is_raster() && l.name.find("change") == std::string::npos) l.value_max = max[key(l.name)];
}

}  // namespace

StyleContext describe_for_styles(const fs::path& gpkg, const std::string& language, const std::string& title) {
  detail::ensure_gdal_registered();
  if (!fs::exists(gpkg)) throw InputError("file not found", at(gpkg.string()));
  StyleContext ctx;
  ctx.language = language == "nl" ? "nl" : "en";
  ctx.title = title;
  detail::GdalErrorCollector errors;
  const char* drivers[] = {"GPKG", nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds)
    throw InputError("not a GeoPackage" + (errors.messages().empty() ? std::string() : ": " + errors.messages()),
                     at(gpkg.string()));

  OGRSpatialReference srs;
  bool have_srs = false;
  OGREnvelope extent;  // the areas' extent, else the union of every spatial layer's
  bool have_extent = false;
  for (const auto& row : detail::rows_or_none(*ds, "SELECT table_name, data_type FROM gpkg_contents ORDER BY rowid")) {
    if (row[0] == "layer_styles") continue;
    StyledLayer l;
    l.name = row[0];
    if (row[1] == "2d-gridded-coverage" || row[1] == "tiles") {
      l.geometry = "Raster";
      raster_range(gpkg, l);
      ctx.layers.push_back(std::move(l));
      continue;
    }
    OGRLayer* layer = ds->GetLayerByName(row[0].c_str());
    if (!layer) continue;
    l.geometry = geometry_name(layer->GetGeomType());
    if (l.geometry != "None") l.geometry_column = layer->GetGeometryColumn();
    l.fields.push_back(layer->GetFIDColumn()[0] ? layer->GetFIDColumn() : "fid");
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) l.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    if (l.geometry != "None") {
      if (!have_srs && layer->GetSpatialRef()) {
        srs = *layer->GetSpatialRef();
        have_srs = true;
      }
      OGREnvelope env;
      if (layer->GetFeatureCount(FALSE) != 0 && layer->GetExtent(&env, TRUE) == OGRERR_NONE) {
        extent.Merge(env);
        have_extent = true;
      }
    }
    ctx.layers.push_back(std::move(l));
  }
  if (OGRLayer* layer = ctx.find(schema::layer::areas) ? ds->GetLayerByName(schema::layer::areas) : nullptr) {
    OGREnvelope env;
    if (layer->GetExtent(&env, TRUE) == OGRERR_NONE) extent = env, have_extent = true;
    if (layer->GetSpatialRef()) srs = *layer->GetSpatialRef(), have_srs = true;
  }
  if (have_extent) {
    ctx.min_x = extent.MinX, ctx.min_y = extent.MinY, ctx.max_x = extent.MaxX, ctx.max_y = extent.MaxY;
  }
  if (have_srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs.exportToWkt(&wkt, options) == OGRERR_NONE && wkt) ctx.crs_wkt = wkt;
    CPLFree(wkt);
    char* proj4 = nullptr;
    if (srs.exportToProj4(&proj4) == OGRERR_NONE && proj4) ctx.crs_proj4 = proj4;
    CPLFree(proj4);
    if (const char* name = srs.GetAuthorityName(nullptr); name && srs.GetAuthorityCode(nullptr))
      ctx.crs_authid = std::string(name) + ":" + srs.GetAuthorityCode(nullptr);
  }

  // Periods: the manifest's resolved spec says which exist; else the data does.
  std::set<std::string> periods;
  nlohmann::json spec;
  if (ctx.find(schema::layer::run_manifest)) {
    const auto rows = detail::rows_or_none(*ds, "SELECT value FROM run_manifest WHERE key = 'spec'");
    if (!rows.empty()) spec = nlohmann::json::parse(rows[0][0], nullptr, false);
  }
  if (spec.is_object() && spec.contains("periods") && spec["periods"].is_object()) {
    for (const auto& [name, value] : spec["periods"].items()) periods.insert(name);
    if (ctx.title.empty() && spec.contains("title") && spec["title"].is_string()) ctx.title = spec["title"];
  } else {
    for (const char* t : {schema::layer::area_stats, schema::layer::hotspot_cells, schema::layer::incidents})
      if (const auto* l = ctx.find(t); l && l->has("period"))
        for (const auto& r : detail::rows_or_none(*ds, std::string("SELECT DISTINCT period FROM \"") + t + "\""))
          if (!r[0].empty()) periods.insert(r[0]);
  }
  for (const char* p : {"baseline", "followup"})
    if (periods.count(p)) ctx.periods.emplace_back(p);

  if (const auto* l = ctx.find(schema::layer::areas); l && l->has("kind")) {
    std::vector<std::pair<std::string, std::size_t>> kinds;
    for (const auto& r :
         detail::rows_or_none(*ds,
                              "SELECT kind, MIN(rowid) AS first, COUNT(*) FROM areas WHERE kind IS NOT NULL "
                              "GROUP BY kind ORDER BY first")) {
      ctx.area_kinds.push_back(r[0]);
      kinds.emplace_back(r[0], std::strtoull(r[2].c_str(), nullptr, 10));
    }
    ctx.context_kind = context_area_kind(kinds);
  }
  if (const auto* l = ctx.find(schema::layer::survey_indicators); l && l->has("indicator"))
    for (const auto& r :
         detail::rows_or_none(*ds,
                              "SELECT DISTINCT indicator FROM survey_indicators WHERE indicator IS NOT NULL "
                              "ORDER BY indicator"))
      ctx.indicators.push_back(r[0]);
  for (const std::string t : {schema::layer::area_stats, schema::layer::observation_stats})
    if (const auto* l = ctx.find(t); l && l->has("per_ha_year"))
      ctx.maxima[t + ".per_ha_year"] =
          query_max(*ds, "SELECT MAX(per_ha_year) FROM " + t + (l->has("theme") ? " WHERE theme = 'all'" : ""));
  if (const auto* l = ctx.find(schema::layer::survey_indicators); l && l->has("estimate")) {
    ctx.maxima["survey_indicators.estimate"] = query_max(*ds, "SELECT MAX(estimate) FROM survey_indicators");
    // Proportions (0–1) and marks (1–10) need their own scales.
    for (const auto& ind : ctx.indicators)
      ctx.maxima["survey_indicators.estimate." + ind] =
          query_max(*ds, "SELECT MAX(estimate) FROM survey_indicators WHERE indicator = " + sql_literal(ind));
  }
  share_raster_scales(ctx);
  return ctx;
}

std::vector<LayerView> layer_views(const StyleContext& ctx) {
  const std::string& lang = ctx.language;
  auto tr = [&](std::string_view en, std::string_view nl) { return std::string(pick(lang, en, nl)); };
  std::vector<LayerView> views;
  std::set<std::string> covered;
  // Adds a view of `table` when the file has that table.
  auto add = [&](const std::string& table, std::string title, std::string group, bool visible, std::string period = {},
                 std::string view = {}, std::string indicator = {}) {
    if (!ctx.find(table)) return;
    LayerView v;
    v.table = table;
    v.title = std::move(title);
    v.group = std::move(group);
    v.visible = visible;
    v.period = std::move(period);
    v.view = std::move(view);
    v.indicator = std::move(indicator);
    covered.insert(table);
    views.push_back(std::move(v));
  };

  add(schema::layer::areas, tr("Areas", "Gebieden"), "", true);
  add(schema::layer::observations, tr("Walk-through findings (schouw)", "Schouwbevindingen"), "", true);
  add(schema::layer::incidents, tr("Incidents by theme", "Incidenten per thema"), "", false);

  // One group per period, the latest first. Inside a group the main maps are checked;
  // the group of an earlier period is unchecked in the project, one click shows it.
  std::vector<std::string> periods(ctx.periods.rbegin(), ctx.periods.rend());
  if (periods.empty()) periods.emplace_back();
  for (const auto& p : periods) {
    const std::string suffix = p.empty() ? "" : " – " + period_label(p, lang);
    add(schema::layer::hotspot_cells, tr("Hot spots (Gi*)", "Hotspots (Gi*)") + suffix, p, true, p);
    add(schema::layer::hotspot_cells,
        tr("Clusters and outliers (local Moran's I)", "Clusters en uitschieters (lokale Moran's I)") + suffix, p, false,
        p, "local_moran");
    add(schema::layer::area_stats,
        tr("Incidents per ha per year, per area", "Incidenten per ha per jaar, per gebied") + suffix, p, false, p);
    add(schema::layer::observation_stats,
        tr("Walk-through findings per ha per year, per area", "Schouwbevindingen per ha per jaar, per gebied") + suffix,
        p, false, p);
    if (p.empty()) continue;
    add("density_" + p, tr("Density (incidents per ha per year)", "Dichtheid (incidenten per ha per jaar)") + suffix, p,
        true);
    const std::string prefix = "density_" + p + "_";
    for (const auto& l : ctx.layers)
      if (l.is_raster() && l.name.rfind(prefix, 0) == 0)
        add(l.name, tr("Density: ", "Dichtheid: ") + theme_label(l.name.substr(prefix.size()), lang) + suffix, p,
            false);
  }
  // The survey has a group of its own (its indicators are no incident themes): one layer
  // per indicator and period, the latest period first, named by the indicator.
  for (const auto& p : periods) {
    const std::string suffix = p.empty() ? "" : " – " + period_label(p, lang);
    if (ctx.indicators.empty()) {
      add(schema::layer::survey_indicators, tr("Survey indicators", "Enquête-indicatoren") + suffix, "survey", false,
          p);
    } else {
      for (const auto& ind : ctx.indicators)
        add(schema::layer::survey_indicators, tr("Survey: ", "Enquête: ") + survey_indicator_label(ind) + suffix,
            "survey", false, p, "indicator", ind);
    }
  }
  add(schema::layer::area_change, tr("Change per area, all themes", "Verandering per gebied, alle thema's"), "change",
      false);
  add(schema::layer::observation_change,
      tr("Change of walk-through findings per area", "Verandering schouwbevindingen per gebied"), "change", false);
  add(schema::layer::emerging_hotspots,
      tr("Emerging hot spots, month by month", "Opkomende hotspots, maand voor maand"), "change", false);
  add(schema::layer::near_repeat_risk, tr("Near-repeat risk (open windows)", "Near-repeat-risico (open vensters)"),
      "change", false);
  add(schema::layer::cell_change, tr("Change of hot spots per cell", "Verandering van hotspots per cel"), "change",
      false);
  add("density_change",
      tr("Density change (follow-up − baseline)", "Verandering dichtheid (vervolgmeting − nulmeting)"), "change",
      false);
  for (const auto& l : ctx.layers)
    if (l.is_raster() && l.name.rfind("density_change_", 0) == 0)
      add(l.name,
          tr("Density change: ", "Verandering dichtheid: ") +
              theme_label(l.name.substr(std::string("density_change_").size()), lang),
          "change", false);
  add(schema::layer::temporal_profile, tr("Hour × weekday profile", "Profiel uur × weekdag"), "tables", false);
  add(schema::layer::near_repeat,
      tr("Near-repeat pattern (Knox table, distance × time)", "Near-repeatpatroon (Knox-tabel, afstand × tijd)"),
      "tables", false);
  add(schema::layer::rejects, tr("Rejected records", "Afgewezen records"), "tables", false);
  add(schema::layer::run_manifest,
      tr("Run manifest: method, sources, versions", "Verantwoording: methode, bronnen, versies"), "tables", false);
  // Whatever else the file holds (written by a later kvo version) is still listed.
  for (const auto& l : ctx.layers)
    if (!covered.count(l.name)) add(l.name, l.name, l.geometry == "None" ? "tables" : "", false);

  std::set<std::string> has_default;
  for (auto& v : views) {
    v.style_name = "kvo: " + v.title;
    if (has_default.insert(v.table).second) v.is_default = true;
  }
  return views;
}

std::string style_qml(const StyleContext& ctx, const LayerView& view) {
  const StyledLayer* layer = ctx.find(view.table);
  if (!layer) return {};
  detail::Xml x;
  x.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>");
  detail::XmlAttrs root = {{"version", detail::kQgisVersion}};
  const auto extra = detail::style_root_attributes(*layer, view);
  root.insert(root.end(), extra.begin(), extra.end());
  x.open("qgis", root);
  detail::write_style_body(x, ctx, *layer, view);
  x.close();
  return x.str();
}

std::string context_area_kind(const std::vector<std::pair<std::string, std::size_t>>& kinds) {
  if (kinds.size() < 2) return {};
  // A kind named as a KVO area is the subject whatever its count.
  const auto is_kvo = [](const std::string& kind) { return kind.rfind("kvo", 0) == 0; };
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (!is_kvo(kinds[i].first) && (!best || kinds[i].second >= kinds[*best].second)) best = i;
  return best ? kinds[*best].first : std::string();
}

std::string styling_timestamp() {
  const std::string iso = iso_utc(run_time_utc());  // "YYYY-MM-DDTHH:MM:SS.000Z"
  return iso.substr(0, 19);
}

void write_layer_styles(GpkgWriter& out, const StyleContext& ctx) {
  const std::string ts = styling_timestamp();
  // QGIS's own schema for this table (QgsOgrProviderUtils::saveStyle), so that QGIS can
  // add and update styles in it later; except that styleName is unbounded TEXT (QGIS
  // declares TEXT(30)): our names are readable titles of up to ~60 characters, and a
  // declared length they exceed fails `validate_gpkg.py --extra`.
  out.execute_sql(
      "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
      "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), "
      "styleName TEXT, styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), "
      "ui TEXT(30), update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  out.execute_sql("DELETE FROM gpkg_contents WHERE table_name = 'layer_styles'");
  out.execute_sql(
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES "
      "('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles (written by kvo)', " +
      sql_literal(ts + ".000Z") + ")");
  for (const auto& v : layer_views(ctx)) {
    const StyledLayer* layer = ctx.find(v.table);
    const std::string qml = style_qml(ctx, v);
    out.execute_sql(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
        "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', " +
        sql_literal(v.table) + ", " + sql_literal(layer->geometry_column) + ", " + sql_literal(v.style_name) + ", " +
        sql_literal(qml) + ", '', " + (v.is_default ? "1" : "0") + ", " + sql_literal(v.title) + ", 'kvo', '', " +
        sql_literal(ts + ".000Z") + ")");
  }
}

}  // namespace kvo::io
