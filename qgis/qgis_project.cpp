#include "qgis/qgis_project.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>

#include <cpl_conv.h>

#include "engine/civil_time.hpp"
#include "io/core/clock.hpp"
#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "qgis/layer_styles_qml.hpp"

namespace kvo::io {

namespace {

using detail::Xml;
using detail::xml_number;

std::int64_t styling_epoch() {
  return run_time_utc();
}

std::string group_title(const std::string& group, const std::string& language) {
  if (group == "baseline" || group == "followup") return period_label(group, language);
  if (group == "change")
    return std::string(
        pick(language, "Change (follow-up against baseline)", "Verandering (vervolgmeting t.o.v. nulmeting)"));
  if (group == "tables") return std::string(pick(language, "Tables", "Tabellen"));
  if (group == "survey") return std::string(pick(language, "Survey", "Enquête"));
  return group;
}

std::string wkb_type_name(const std::string& geometry) {
  if (geometry == "None") return "NoGeometry";
  return geometry;
}

std::string geometry_display(const std::string& geometry) {
  if (geometry == "None") return "No geometry";
  if (geometry.find("Point") != std::string::npos) return "Point";
  if (geometry.find("Line") != std::string::npos) return "Line";
  if (geometry.find("Polygon") != std::string::npos) return "Polygon";
  return "Unknown geometry";
}

struct ProjectLayer {
  const LayerView* view;
  const StyledLayer* layer;
  std::string id;
  std::string source;
  std::string provider;
};

void write_extent(Xml& x, const char* tag, const StyleContext& ctx, double margin) {
  const double mx = (ctx.max_x - ctx.min_x) * margin, my = (ctx.max_y - ctx.min_y) * margin;
  x.open(tag);
  x.text("xmin", xml_number(ctx.min_x - mx));
  x.text("ymin", xml_number(ctx.min_y - my));
  x.text("xmax", xml_number(ctx.max_x + mx));
  x.text("ymax", xml_number(ctx.max_y + my));
  x.close();
}

void write_map_layer(Xml& x, const StyleContext& ctx, const ProjectLayer& p) {
  const StyledLayer& l = *p.layer;
  detail::XmlAttrs attrs;
  if (l.is_raster()) {
    attrs = {{"type", "raster"}};
  } else {
    attrs = {{"type", "vector"}, {"geometry", geometry_display(l.geometry)}, {"wkbType", wkb_type_name(l.geometry)}};
  }
  const auto style = detail::style_root_attributes(l, *p.view);
  attrs.insert(attrs.end(), style.begin(), style.end());
  attrs.insert(attrs.end(), {{"autoRefreshEnabled", "0"},
                             {"autoRefreshTime", "0"},
                             {"refreshOnNotifyEnabled", "0"},
                             {"refreshOnNotifyMessage", ""}});
  x.open("maplayer", attrs);
  if (l.geometry != "None") write_extent(x, "extent", ctx, 0.0);
  x.text("id", p.id);
  x.text("datasource", p.source);
  x.open("keywordList");
  x.text("value", "");
  x.close();
  x.text("layername", p.view->title);
  if (l.geometry != "None") {
    x.open("srs");
    detail::write_spatialrefsys(x, ctx);
    x.close();
  }
  if (l.is_raster()) {
    x.text("provider", "gdal");
    x.open("noData");
    x.empty("noDataList", {{"bandNo", "1"}, {"useSrcNoData", "1"}});
    x.close();
  } else {
    x.text("provider", "ogr", {{"encoding", "UTF-8"}});
  }
  detail::write_style_body(x, ctx, l, *p.view);
  x.close();
}

void write_tree_layer(Xml& x, const ProjectLayer& p) {
  x.open("layer-tree-layer", {{"id", p.id},
                              {"name", p.view->title},
                              {"source", p.source},
                              {"providerKey", p.provider},
                              {"checked", p.view->visible ? "Qt::Checked" : "Qt::Unchecked"},
                              {"expanded", p.view->visible ? "1" : "0"},
                              {"legend_exp", ""}});
  x.empty("customproperties");
  x.close();
}

std::uint32_t crc32(const std::string& data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// Raw deflate of `data` (zip method 8) from GDAL's zlib wrapper: its zlib stream minus the
// 2-byte header and the 4-byte Adler-32 trailer. Empty when compression is unavailable.
std::string raw_deflate(const std::string& data) {
  std::size_t n = 0;
  void* z = CPLZLibDeflate(data.data(), data.size(), 6, nullptr, 0, &n);
  if (!z) return {};
  std::string out;
  const auto* bytes = static_cast<const char*>(z);
  if (n > 6 && (static_cast<unsigned char>(bytes[0]) & 0x0F) == 8 && !(static_cast<unsigned char>(bytes[1]) & 0x20))
    out.assign(bytes + 2, n - 6);
  VSIFree(z);
  return out;
}

}  // namespace

std::string make_qgz(const std::string& qgs, const std::string& entry_name) {
  std::string body = raw_deflate(qgs);
  const unsigned method = body.empty() && !qgs.empty() ? 0 : 8;
  if (method == 0) body = qgs;
  // DOS date and time of SOURCE_DATE_EPOCH (or now), never before 1980 (the format's epoch).
  const std::int64_t t = std::max<std::int64_t>(styling_epoch(), 315532800);
  const auto day = static_cast<std::int32_t>(engine::floor_div(t, 86400));
  const auto d = engine::civil_from_days(day);
  const auto sod = static_cast<unsigned>(t - static_cast<std::int64_t>(day) * 86400);
  const unsigned dos_time = ((sod / 3600) << 11) | (((sod / 60) % 60) << 5) | ((sod % 60) / 2);
  const unsigned dos_date = (static_cast<unsigned>(d.year - 1980) << 9) | (d.month << 5) | d.day;
  const std::uint32_t crc = crc32(qgs);

  std::string zip;
  auto common = [&](std::string& out) {
    put16(out, 20);  // version needed: 2.0 (deflate)
    put16(out, 0);   // flags
    put16(out, method);
    put16(out, dos_time);
    put16(out, dos_date);
    put32(out, crc);
    put32(out, static_cast<std::uint32_t>(body.size()));
    put32(out, static_cast<std::uint32_t>(qgs.size()));
    put16(out, static_cast<unsigned>(entry_name.size()));
    put16(out, 0);  // extra field length
  };
  put32(zip, 0x04034b50);
  common(zip);
  zip += entry_name;
  zip += body;
  const auto central_offset = static_cast<std::uint32_t>(zip.size());
  std::string central;
  put32(central, 0x02014b50);
  put16(central, 20);  // made by: MS-DOS, 2.0
  common(central);
  put16(central, 0);  // comment length
  put16(central, 0);  // disk number
  put16(central, 0);  // internal attributes
  put32(central, 0);  // external attributes
  put32(central, 0);  // offset of the local header
  central += entry_name;
  zip += central;
  put32(zip, 0x06054b50);
  put16(zip, 0);
  put16(zip, 0);
  put16(zip, 1);
  put16(zip, 1);
  put32(zip, static_cast<std::uint32_t>(central.size()));
  put32(zip, central_offset);
  put16(zip, 0);
  return zip;
}

std::string build_qgis_project(const StyleContext& ctx, const std::string& gpkg_file_name) {
  const auto views = layer_views(ctx);
  std::vector<ProjectLayer> layers;
  for (std::size_t i = 0; i < views.size(); ++i) {
    ProjectLayer p{&views[i], ctx.find(views[i].table), {}, {}, {}};
    char id[32];
    std::snprintf(id, sizeof id, "kvo_%02zu_", i);
    p.id = id + views[i].table + (views[i].view.empty() ? "" : "_" + views[i].view) +
           (views[i].period.empty() ? "" : "_" + views[i].period);
    if (p.layer->is_raster()) {
      p.source = "GPKG:./" + gpkg_file_name + ":" + p.layer->name;
      p.provider = "gdal";
    } else {
      p.source = "./" + gpkg_file_name + "|layername=" + p.layer->name;
      p.provider = "ogr";
    }
    layers.push_back(std::move(p));
  }
  const std::string title = ctx.title.empty() ? gpkg_file_name : ctx.title;
  const std::string latest = ctx.latest_period();

  Xml x;
  x.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>");
  x.open("qgis",
         {{"projectname", title}, {"version", detail::kQgisVersion}, {"saveUser", "kvo"}, {"saveUserFull", "kvo"}});
  x.empty("homePath", {{"path", ""}});
  x.text("title", title);
  x.empty("autotransaction", {{"active", "0"}});
  x.empty("evaluateDefaultValues", {{"active", "0"}});
  x.empty("trust", {{"active", "0"}});
  x.open("projectCrs");
  detail::write_spatialrefsys(x, ctx);
  x.close();

  // Layer tree: top-level layers, then one group per period (latest first), change, tables.
  x.open("layer-tree-group");
  x.empty("customproperties");
  std::vector<std::string> groups;
  for (const auto& p : layers)
    if (std::find(groups.begin(), groups.end(), p.view->group) == groups.end()) groups.push_back(p.view->group);
  for (const auto& g : groups) {
    if (!g.empty()) {
      const bool period = g == "baseline" || g == "followup";
      const bool on = !period || g == latest;
      x.open("layer-tree-group", {{"name", group_title(g, ctx.language)},
                                  {"checked", on ? "Qt::Checked" : "Qt::Unchecked"},
                                  {"expanded", period && g == latest ? "1" : "0"}});
      x.empty("customproperties");
    }
    for (const auto& p : layers)
      if (p.view->group == g) write_tree_layer(x, p);
    if (!g.empty()) x.close();
  }
  x.open("custom-order", {{"enabled", "0"}});
  for (const auto& p : layers) x.text("item", p.id);
  x.close();
  x.close();

  x.open("projectlayers");
  for (const auto& p : layers) write_map_layer(x, ctx, p);
  x.close();
  x.open("layerorder");
  for (const auto& p : layers) x.empty("layer", {{"id", p.id}});
  x.close();

  // The desktop reads the canvas extent from <mapcanvas>; QField and QGIS Server from
  // the default view extent.
  x.open("mapcanvas", {{"name", "theMapCanvas"}, {"annotationsVisible", "1"}});
  x.text("units", "meters");
  write_extent(x, "extent", ctx, 0.05);
  x.text("rotation", "0");
  x.open("destinationsrs");
  detail::write_spatialrefsys(x, ctx);
  x.close();
  x.text("rendermaptile", "0");
  x.empty("expressionContextScope");
  x.close();

  x.open("properties");
  // QGIS 3.22 reads <projectCrs> only when projections are marked enabled here.
  x.open("SpatialRefSys");
  x.text("ProjectionsEnabled", "1", {{"type", "int"}});
  x.text("ProjectCrs", ctx.crs_authid, {{"type", "QString"}});
  x.text("ProjectCRSProj4String", ctx.crs_proj4, {{"type", "QString"}});
  x.close();
  x.open("Paths");
  x.text("Absolute", "false", {{"type", "bool"}});
  x.close();
  x.open("Measurement");
  x.text("DistanceUnits", "meters", {{"type", "QString"}});
  x.text("AreaUnits", "ha", {{"type", "QString"}});
  x.close();
  x.close();

  x.open("projectMetadata");
  x.text("identifier", "");
  x.text("parentidentifier", "");
  x.text("language", ctx.language);
  x.text("type", "");
  x.text("title", title);
  x.text("abstract", std::string(pick(ctx.language, "Written by kvo: areas, incidents, hot spots, density and change.",
                                      "Gemaakt door kvo: gebieden, incidenten, hotspots, dichtheid en verandering.")));
  x.empty("links");
  x.text("author", "kvo");
  x.text("creation", styling_timestamp());
  x.close();

  const double mx = (ctx.max_x - ctx.min_x) * 0.05, my = (ctx.max_y - ctx.min_y) * 0.05;
  x.open("ProjectViewSettings", {{"UseProjectScales", "0"}, {"rotation", "0"}});
  x.empty("Scales");
  x.open("DefaultViewExtent", {{"xmin", xml_number(ctx.min_x - mx)},
                               {"ymin", xml_number(ctx.min_y - my)},
                               {"xmax", xml_number(ctx.max_x + mx)},
                               {"ymax", xml_number(ctx.max_y + my)}});
  detail::write_spatialrefsys(x, ctx);
  x.close();
  x.close();
  x.close();
  return x.str();
}

void write_qgis_project(GpkgWriter& out, const StyleContext& ctx, const std::string& gpkg_file_name,
                        const std::string& project_name) {
  const std::string qgz = make_qgz(build_qgis_project(ctx, gpkg_file_name), project_name + ".qgs");
  static const char* digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * qgz.size());
  for (unsigned char c : qgz) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  const std::string metadata =
      "{\"last_modified_time\": \"" + styling_timestamp() + "\", \"last_modified_user\": \"kvo\" }";
  // QGIS's own schema (QgsGeoPackageProjectStorage); the table is not in gpkg_contents.
  out.execute_sql("CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)");
  out.execute_sql("DELETE FROM qgis_projects WHERE name = " + sql_literal(project_name));
  out.execute_sql("INSERT INTO qgis_projects VALUES (" + sql_literal(project_name) + ", " + sql_literal(metadata) +
                  ", " + sql_literal(hex) + ")");
}

void write_qgis_styling(GpkgWriter& out, const std::filesystem::path& target, const QgisStylingOptions& options) {
  // A statement through the writer commits the layer it has open, so the layers written
  // so far can be read back from the temporary file.
  out.execute_sql("SELECT 1");
  const StyleContext ctx = describe_for_styles(out.temp_path(), options.language, options.title);
  write_layer_styles(out, ctx);
  write_qgis_project(out, ctx, target.filename().string(), options.project_name);
}

}  // namespace kvo::io
