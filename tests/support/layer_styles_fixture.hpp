#pragma once
// A small but complete kvo GeoPackage for the style, project and report tests: every
// layer of docs/contract/SPEC.md §3 with its key fields (areas, incidents, observations, rejects,
// area_stats, hotspot_cells, density rasters, area_change, cell_change,
// survey_indicators, temporal_profile, run_manifest), written with GpkgWriter and styled
// with write_qgis_styling. Values are made up but deterministic and plausible.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/themes.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_layers.hpp"
#include "qgis/qgis_project.hpp"
#include "support/temp_dir.hpp"

namespace kvo::test {

/// Which optional parts the fixture GeoPackage has.
struct FixtureOptions {
  std::string language = "en";  ///< spec.language
  bool followup = true;         ///< a follow-up period, change layers and density_change
  bool survey = true;           ///< survey_indicators
  bool temporal = true;         ///< temporal_profile
  bool styled = true;           ///< write layer_styles and qgis_projects
};

namespace fixture_detail {

inline std::vector<engine::Point> square(double x0, double y0, double size) {
  return {{x0, y0}, {x0, y0 + size}, {x0 + size, y0 + size}, {x0 + size, y0}, {x0, y0}};
}

inline engine::MultiPolygon multi_square(double x0, double y0, double w, double h) {
  engine::Polygon p;
  for (const auto& pt : std::vector<engine::Point>{{x0, y0}, {x0, y0 + h}, {x0 + w, y0 + h}, {x0 + w, y0}, {x0, y0}})
    p.outer().push_back(pt);
  return {p};
}

// A smooth bump: incidents per ha per year around (cx, cy).
inline double bump(double x, double y, double cx, double cy, double peak, double r) {
  const double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
  return d2 < 1 ? peak * (1 - d2) * (1 - d2) : 0.0;
}

}  // namespace fixture_detail

/// Writes the fixture GeoPackage to `path` (its folder must exist).
inline void write_fixture_gpkg(const std::filesystem::path& path, const FixtureOptions& o = {}) {
  using namespace fixture_detail;
  using io::FieldType;
  using io::GeometryKind;
  io::GpkgWriter out(path, "EPSG:28992");
  const std::vector<std::string> periods = o.followup ? std::vector<std::string>{"baseline", "followup"}
                                                      : std::vector<std::string>{"baseline"};
  struct Area {
    const char *id, *name, *kind;
    double x, y, w, h;
  };
  const Area areas[] = {{"A1", "Winkelcentrum 't Zand", "kvo_area", 150000, 410000, 600, 600},
                        {"A2", "Bedrijventerrein De Hoek", "kvo_area", 150600, 410200, 400, 600}};
  {
    auto l = out.create_layer("areas", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""}, {"name", FieldType::text, ""},
                               {"kind", FieldType::text, ""}, {"area_ha", FieldType::real, ""},
                               {"repaired", FieldType::integer, ""}});
    // The two KVO areas, then three neighbourhoods (context areas, as CBS buurten are)
    // that appear in no other layer.
    const Area buurten[] = {{"BU01", "Centrum", "buurt", 150000, 410000, 500, 800},
                            {"BU02", "Oost", "buurt", 150500, 410000, 500, 400},
                            {"BU03", "Noordoost", "buurt", 150500, 410400, 500, 400}};
    auto write = [&](const Area& a) {
      l.set(0, std::string_view(a.id));
      l.set(1, std::string_view(a.name));
      l.set(2, std::string_view(a.kind));
      l.set(3, a.w * a.h / 10000.0);
      l.set(4, std::int64_t{0});
      l.set_multipolygon(multi_square(a.x, a.y, a.w, a.h));
      l.write();
    };
    for (const auto& a : areas) write(a);
    for (const auto& a : buurten) write(a);
  }
  const std::vector<std::string> themes = {"shoplifting", "burglary", "vandalism", "bicycle_theft", "violence"};
  {
    auto l = out.create_layer("incidents", GeometryKind::point,
                              {{"source", FieldType::text, ""}, {"source_id", FieldType::text, ""},
                               {"kind", FieldType::text, ""}, {"theme", FieldType::text, ""},
                               {"code", FieldType::text, ""}, {"start", FieldType::datetime, ""},
                               {"end", FieldType::datetime, ""}, {"period", FieldType::text, ""},
                               {"area_id", FieldType::text, ""}, {"row", FieldType::integer, ""},
                               {"weight", FieldType::real, ""}});
    int n = 0;
    for (const auto& p : periods) {
      const std::int64_t t0 = p == "baseline" ? 1672531200 : 1735689600;  // 2023-01-01, 2025-01-01
      const int count = p == "baseline" ? 60 : 45;
      for (int i = 0; i < count; ++i, ++n) {
        const double x = 150050 + std::fmod(i * 137.0, 900.0), y = 410050 + std::fmod(i * 89.0, 700.0);
        l.set(0, std::string_view("politie"));
        l.set(1, "P" + std::to_string(n));
        l.set(2, std::string_view("police"));
        l.set(3, themes[static_cast<std::size_t>(i) % themes.size()]);
        l.set(4, std::string_view("2.5.2 Winkeldiefstal"));
        l.set_datetime(5, t0 + i * 86400 * 5 + (i % 24) * 3600);
        l.set_null(6);
        l.set(7, p);
        l.set(8, std::string_view(x < 150600 ? "A1" : "A2"));
        l.set(9, std::int64_t{i + 1});
        l.set(10, 1.0);
        l.set_point(x, y);
        l.write();
      }
    }
  }
  {
    auto l = out.create_layer("observations", GeometryKind::point,
                              {{"source", FieldType::text, ""}, {"theme", FieldType::text, ""},
                               {"category", FieldType::text, ""}, {"remark", FieldType::text, ""},
                               {"period", FieldType::text, ""}});
    l.set(0, std::string_view("schouw"));
    l.set(1, std::string_view("maintenance"));
    l.set(2, std::string_view("kapotte verlichting"));
    l.set(3, std::string_view("lamp bij de ingang <defect> & \"donker\""));
    l.set(4, std::string_view("baseline"));
    l.set_point(150210, 410330);
    l.write();
  }
  {
    auto l = out.create_layer("rejects", GeometryKind::none,
                              {{"source", FieldType::text, ""}, {"row", FieldType::integer64, ""},
                               {"reason", FieldType::text, ""}, {"field", FieldType::text, ""},
                               {"detail", FieldType::text, ""}, {"raw", FieldType::text, ""}});
    const char* reasons[] = {"missing_coordinates", "bad_date", "bad_date", "unknown_code"};
    for (int i = 0; i < 4; ++i) {
      l.set(0, std::string_view("politie"));
      l.set(1, std::int64_t{100 + i});
      l.set(2, std::string_view(reasons[i]));
      l.set(3, std::string_view("x_rd"));
      l.set(4, std::string_view("no coordinates"));
      l.set(5, std::string_view("{}"));
      l.write();
    }
  }
  {
    auto l = out.create_layer("area_stats", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""}, {"name", FieldType::text, ""},
                               {"period", FieldType::text, ""}, {"theme", FieldType::text, ""},
                               {"count", FieldType::integer64, ""}, {"per_ha_year", FieldType::real, ""}});
    for (const auto& p : periods)
      for (const auto& a : areas)
        for (const std::string theme : {"all", "shoplifting"}) {
          const std::int64_t count = (theme == "all" ? 30 : 12) + (p == "followup" ? -6 : 0) + (a.id[1] == '2' ? -8 : 0);
          l.set(0, std::string_view(a.id));
          l.set(1, std::string_view(a.name));
          l.set(2, p);
          l.set(3, theme);
          l.set(4, count);
          l.set(5, static_cast<double>(count) / (a.w * a.h / 10000.0));
          l.set_multipolygon(multi_square(a.x, a.y, a.w, a.h));
          l.write();
        }
  }
  {
    auto l = out.create_layer("hotspot_cells", GeometryKind::polygon,
                              {{"cell_id", FieldType::integer64, ""}, {"period", FieldType::text, ""},
                               {"theme", FieldType::text, ""}, {"count", FieldType::integer64, ""},
                               {"gi_z", FieldType::real, ""}, {"gi_p", FieldType::real, ""},
                               {"gi_bin", FieldType::integer, ""}, {"lm_i", FieldType::real, ""},
                               {"lm_p", FieldType::real, ""}, {"lm_cluster", FieldType::text, ""}});
    for (const auto& p : periods) {
      const double shift = p == "followup" ? 100 : 0;
      for (int r = 0; r < 20; ++r)
        for (int c = 0; c < 20; ++c) {
          const double x = 150000 + c * 50, y = 410000 + r * 50;
          const double hot = std::hypot(x + 25 - 150300 - shift, y + 25 - 410300);
          const double cold = std::hypot(x + 25 - 150850, y + 25 - 410850);
          int bin = 0;
          std::string cluster = "ns";
          if (hot < 60) bin = 3, cluster = "HH";
          else if (hot < 110) bin = 2, cluster = "HH";
          else if (hot < 150) bin = 1;
          else if (cold < 60) bin = -3, cluster = "LL";
          else if (cold < 100) bin = -2;
          else if (cold < 130) bin = -1;
          if (r == 3 && c == 15) cluster = "HL";
          if (r == 15 && c == 3) cluster = "LH";
          const double z = bin * 1.2;
          l.set(0, std::int64_t{r * 20 + c});
          l.set(1, p);
          l.set(2, std::string_view("all"));
          l.set(3, std::int64_t{bin > 0 ? 3 * bin : 0});
          l.set(4, z);
          l.set(5, bin == 0 ? 0.5 : 0.1 / std::abs(bin));
          l.set(6, std::int64_t{bin});
          l.set(7, z / 2);
          l.set(8, cluster == "ns" ? 0.4 : 0.01);
          l.set(9, cluster);
          l.set_polygon(square(x, y, 50));
          l.write();
        }
    }
  }
  if (o.followup) {
    auto l = out.create_layer("area_change", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""}, {"theme", FieldType::text, ""},
                               {"count_baseline", FieldType::integer64, ""}, {"count_followup", FieldType::integer64, ""},
                               {"rate_ratio", FieldType::real, ""}, {"rr_low", FieldType::real, ""},
                               {"rr_high", FieldType::real, ""}, {"p", FieldType::real, ""},
                               {"q", FieldType::real, ""}, {"poisson_z", FieldType::real, ""},
                               {"change", FieldType::text, ""}});
    struct Row {
      const char *area, *theme;
      int c0, c1;
      const char* change;
    };
    const Row rows[] = {{"A1", "all", 40, 18, "decrease"},           {"A2", "all", 22, 24, "no_significant_change"},
                        {"A1", "shoplifting", 12, 26, "increase"},   {"A2", "shoplifting", 3, 2, "too_few"}};
    for (const auto& row : rows) {
      const double rr = static_cast<double>(row.c1) / row.c0;
      l.set(0, std::string_view(row.area));
      l.set(1, std::string_view(row.theme));
      l.set(2, std::int64_t{row.c0});
      l.set(3, std::int64_t{row.c1});
      l.set(4, rr);
      l.set(5, rr * 0.6);
      l.set(6, rr * 1.6);
      l.set(7, std::string_view(row.change) == "no_significant_change" ? 0.77 : 0.004);
      l.set(8, std::string_view(row.change) == "no_significant_change" ? 0.77 : 0.008);
      l.set(9, 2 * (std::sqrt(row.c1) - std::sqrt(row.c0)));
      l.set(10, std::string_view(row.change));
      const auto& a = areas[row.area[1] == '1' ? 0 : 1];
      l.set_multipolygon(multi_square(a.x, a.y, a.w, a.h));
      l.write();
    }
  }
  if (o.followup) {
    auto l = out.create_layer("cell_change", GeometryKind::polygon,
                              {{"cell_id", FieldType::integer64, ""}, {"theme", FieldType::text, ""},
                               {"gi_bin_baseline", FieldType::integer, ""}, {"gi_bin_followup", FieldType::integer, ""},
                               {"change_class", FieldType::text, ""}});
    const char* classes[] = {"new_hotspot", "persistent_hotspot", "former_hotspot", "no_pattern", "new_coldspot"};
    for (int i = 0; i < 100; ++i) {
      const int r = i / 10, c = i % 10;
      l.set(0, std::int64_t{i});
      l.set(1, std::string_view("all"));
      l.set(2, std::int64_t{0});
      l.set(3, std::int64_t{0});
      l.set(4, std::string_view(classes[(r + c) % 5]));
      l.set_polygon(square(150000 + c * 100, 410000 + r * 100, 100));
      l.write();
    }
  }
  if (o.survey) {
    auto l = out.create_layer("survey_indicators", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""}, {"period", FieldType::text, ""},
                               {"indicator", FieldType::text, ""}, {"n", FieldType::integer64, ""},
                               {"n_eff", FieldType::real, ""}, {"estimate", FieldType::real, ""},
                               {"ci_low", FieldType::real, ""}, {"ci_high", FieldType::real, ""},
                               {"too_few", FieldType::integer, ""}});
    for (const auto& p : periods)
      for (const auto& a : areas)
        for (const std::string ind : {"feels_unsafe", "victim_shoplifting", "mark_lighting"}) {
          // Two proportions (0–1) and one mark (1–10, a weighted mean).
          const bool mark = ind == "mark_lighting";
          const double est = mark ? 6.4 + (p == "followup" ? 0.5 : 0.0)
                                  : (ind == "feels_unsafe" ? 0.32 : 0.45) - (p == "followup" ? 0.08 : 0.0);
          const double half = mark ? 0.6 : 0.15;
          const bool few = a.id[1] == '2' && ind == "victim_shoplifting";
          l.set(0, std::string_view(a.id));
          l.set(1, p);
          l.set(2, ind);
          l.set(3, std::int64_t{few ? 4 : 38});
          l.set(4, few ? 3.6 : 33.5);
          l.set(5, est);
          l.set(6, est - half);
          l.set(7, est + half);
          l.set(8, std::int64_t{few ? 1 : 0});
          l.set_multipolygon(multi_square(a.x, a.y, a.w, a.h));
          l.write();
        }
  }
  if (o.temporal) {
    auto l = out.create_layer("temporal_profile", GeometryKind::none,
                              {{"area_id", FieldType::text, ""}, {"period", FieldType::text, ""},
                               {"theme", FieldType::text, ""}, {"weekday", FieldType::integer, ""},
                               {"hour", FieldType::integer, ""}, {"weight", FieldType::real, ""}});
    for (const auto& p : periods)
      for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
          // Shop hours on weekdays, nights at the weekend.
          const double w = (d < 5 ? (h >= 9 && h < 18 ? 1.0 + 0.1 * d : 0.1) : (h >= 22 || h < 4 ? 1.5 : 0.2)) *
                           (p == "followup" ? 0.7 : 1.0);
          l.set(0, std::string_view("A1"));
          l.set(1, p);
          l.set(2, std::string_view("all"));
          l.set(3, std::int64_t{d});
          l.set(4, std::int64_t{h});
          l.set(5, w);
          l.write();
        }
  }
  for (const auto& p : periods) {
    io::RasterDef def;
    def.name = "density_" + p;
    def.description = "Kernel density " + p;
    def.origin_x = 150000;
    def.origin_y = 411000;
    def.cell_size_m = 10;
    def.columns = 100;
    def.rows = 100;
    def.units = "incidents per hectare per year";
    std::vector<float> data(100 * 100);
    for (int r = 0; r < 100; ++r)
      for (int c = 0; c < 100; ++c) {
        const double x = 150005 + c * 10, y = 410995 - r * 10;
        data[static_cast<std::size_t>(r * 100 + c)] = static_cast<float>(
            bump(x, y, 150300 + (p == "followup" ? 100 : 0), 410300, p == "followup" ? 3.0 : 4.0, 250) +
            bump(x, y, 150700, 410650, 1.5, 150));
      }
    if (p == "baseline" && !o.followup) data[0] = def.nodata;
    out.write_raster(def, data);
  }
  if (o.followup) {
    io::RasterDef def;
    def.name = "density_change";
    def.description = "Follow-up minus baseline";
    def.origin_x = 150000;
    def.origin_y = 411000;
    def.columns = 100;
    def.rows = 100;
    std::vector<float> data(100 * 100);
    for (int r = 0; r < 100; ++r)
      for (int c = 0; c < 100; ++c) {
        const double x = 150005 + c * 10, y = 410995 - r * 10;
        data[static_cast<std::size_t>(r * 100 + c)] =
            static_cast<float>(bump(x, y, 150400, 410300, 3.0, 250) - bump(x, y, 150300, 410300, 4.0, 250));
      }
    out.write_raster(def, data);
  }

  nlohmann::json spec = {
      {"title", "KVO Winkelcentrum 't Zand — test"},
      {"crs", "EPSG:28992"},
      {"language", o.language},
      {"periods", nlohmann::json::object()},
      {"sources", {{{"name", "politie"}, {"kind", "police"}, {"path", "/data/politie 2023.csv"}}}},
      {"grid", {{"shape", "square"}, {"cell_size", 50}, {"extent", "areas"}}},
      {"hotspots", {{"distance", 120}, {"weights", "distance_band"}, {"k", 8}, {"permutations", 999},
                    {"seed", 20240101}, {"fdr", true}}},
      {"density", {{"kernel", "quartic"}, {"bandwidth", 250}, {"cell_size", 10}, {"per_theme", false}}},
      {"compare", {{"alpha", 0.05}, {"min_total", 10}}}};
  spec["periods"]["baseline"] = {{"from", "2023-01-01"}, {"to", "2023-12-31"}, {"days", 365}};
  if (o.followup) spec["periods"]["followup"] = {{"from", "2025-01-01"}, {"to", "2025-12-31"}, {"days", 365}};
  std::map<std::string, nlohmann::json> manifest;
  manifest["spec"] = spec;
  manifest["spec_sha256"] = std::string(64, 'a');
  manifest["kvo_version"] = "0.1.0";
  manifest["created"] = "2026-01-01T00:00:00Z";
  manifest["libraries"] = {{"gdal", "3.6.2"}, {"proj", "9.1.1"}, {"geos", "3.11.1"}};
  manifest["sources"] = {{{"name", "politie"}, {"kind", "police"}, {"path", "/data/politie 2023.csv"},
                          {"sha256", std::string(64, 'b')}, {"read", 109}, {"accepted", 105}, {"rejected", 4},
                          {"rejects_by_reason", {{"missing_coordinates", 1}, {"bad_date", 2}, {"unknown_code", 1}}}}};
  manifest["area_inputs"] = {{{"path", "/data/gebieden.geojson"}, {"sha256", std::string(64, 'c')}}};
  manifest["areas"] = {{"count", 2}, {"repaired", 0}};
  manifest["warnings"] = nlohmann::json::array({"1 area had an invalid ring and was repaired"});
  io::write_manifest_layer(out, manifest);
  if (o.styled) io::write_qgis_styling(out, path, {o.language, "", "kvo"});
  out.commit();
}

/// Writes the inputs of a small real `kvo run` into `dir` (two areas, a police export in
/// the Dutch format with one bad row, a taxonomy) and returns the spec's path.
inline std::filesystem::path write_run_inputs(const TempDir& dir, const std::string& language = "nl",
                                              bool followup = true) {
  dir.write("areas.geojson",
            R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"A1","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[150600,410000],[150600,410600],[150000,410600],[150000,410000]]]}},
{"type":"Feature","properties":{"code":"A2","naam":"De Hoek"},"geometry":{"type":"Polygon","coordinates":[[[150600,410200],[151000,410200],[151000,410800],[150600,410800],[150600,410200]]]}}]})");
  dir.write("tax.csv", "code,label,theme\n2.5.2,Winkeldiefstal,shoplifting\n1.1.1,Diefstal/inbraak woning,burglary\n"
                       "2.2.1,Vernieling,vandalism\n");
  std::string csv = "nr;van;tijd_van;tot;tijd_tot;klasse;x_rd;y_rd\r\n";
  const char* codes[] = {"2.5.2 Winkeldiefstal", "1.1.1 Diefstal/inbraak woning", "2.2.1 Vernieling"};
  for (int i = 0; i < 40; ++i) {
    const int year = followup && i % 2 ? 2024 : 2023;
    char row[160];
    std::snprintf(row, sizeof row, "P%d;%02d-%02d-%d;%02d:15;;;%s;%d,5;%d\r\n", i, 1 + i % 28, 1 + i % 12, year, i % 24,
                  codes[i % 3], 150050 + (i * 97) % 900, 410050 + (i * 61) % 700);
    csv += row;
  }
  csv += "P99;01-02-2023;12:00;;;2.5.2 Winkeldiefstal;;410500\r\n";  // no x: rejected
  dir.write("politie.csv", csv);
  std::string spec = "title = \"KVO 't Zand\"\nlanguage = \"" + language +
                     "\"\nas_of = 2025-06-01\n[areas]\npath = \"areas.geojson\"\nid = \"code\"\nname = \"naam\"\n"
                     "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n";
  if (followup) spec += "[periods.followup]\nfrom = 2024-01-01\nto = 2024-12-31\n";
  spec += "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"politie.csv\"\nx = \"x_rd\"\ny = \"y_rd\"\n"
          "id = \"nr\"\nstart = [\"van\", \"tijd_van\"]\nend = [\"tot\", \"tijd_tot\"]\ncode = \"klasse\"\n"
          "date_format = \"%d-%m-%Y\"\ntaxonomy = \"tax.csv\"\n";
  return dir.write("spec.toml", spec);
}

}  // namespace kvo::test
