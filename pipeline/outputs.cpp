#include "pipeline/outputs.hpp"

#include <cstdio>
#include <utility>

#include "io/core/clock.hpp"
#include "io/core/machine_paths.hpp"
#include "io/core/output_folder.hpp"
#include "io/core/sha256.hpp"
#include "io/core/version.hpp"
#include "io/gpkg/baseline_lock.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_change_layers.hpp"
#include "io/gpkg/output_layers.hpp"
#include "io/gpkg/output_monitor_layers.hpp"
#include "io/postgis/postgis_publish.hpp"
#include "pipeline/compute_monitor.hpp"
#include "pipeline/run_paths.hpp"
#include "qgis/qgis_project.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

namespace {

void write_density_rasters(io::GpkgWriter& out, const engine::DensitySurfaces& density, const std::string& language) {
  const bool nl = language == "nl";
  for (const auto& layer : density.layers) {
    io::RasterDef def;
    def.name = layer.name;
    def.description =
        layer.kind == engine::DensityKind::period
            ? "Kernel density, incidents per hectare per year (" + std::string(engine::period_name(layer.period)) + ")"
            : std::string("Kernel density change: follow-up minus baseline, incidents per hectare per year");
    def.origin_x = layer.raster.grid.origin_x;
    def.origin_y = layer.raster.grid.origin_y;
    def.cell_size_m = layer.raster.grid.cell_size_m;
    def.columns = layer.raster.grid.cols;
    def.rows = layer.raster.grid.rows;
    def.nodata = layer.raster.nodata;
    def.units = "incidents per hectare per year";
    if (layer.kind == engine::DensityKind::period)
      def.band_name = nl ? "Dichtheid, incidenten per ha per jaar" : "Density, incidents per ha per year";
    else
      def.band_name =
          nl ? "Verandering dichtheid, incidenten per ha per jaar" : "Density change, incidents per ha per year";
    out.write_raster(def, layer.raster.data);
  }
}

nlohmann::json hotspot_distance_json(const engine::AutoDistanceResult& chosen) {
  return {
      {"distance_m", chosen.distance_m},
      {"rule", chosen.peak_found ? "first significant peak of global Moran's I z" : "every cell at least 8 neighbours"},
      {"chosen_m", chosen.chosen_m},
      {"next_pair_m", std::isfinite(chosen.next_pair_m) ? nlohmann::json(chosen.next_pair_m) : nlohmann::json(nullptr)},
      {"bands_m", chosen.band_m},
      {"moran_z", chosen.moran_z}};
}

// "2024-01": the first month of the first emerging time step.
std::string first_step_label(const EmergingRecord& e) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", e.first_year, e.first_month);
  return buf;
}

nlohmann::json near_repeat_window_json(const engine::NearRepeatWindow& w) {
  return {{"near_repeat", w.near_repeat},
          {"distance_m", w.distance_m},
          {"days", w.days},
          {"repeat", w.repeat},
          {"repeat_days", w.repeat_days}};
}

}  // namespace

fs::path output_path(const io::AnalysisSpec& spec, const RunOptions& options) {
  if (io::is_postgis_target(options.output.string())) return options.output;
  if (!options.output.empty()) return fs::absolute(options.output);
  if (!spec.output.empty()) return spec.output;
  fs::path p = spec.spec_path;
  return p.replace_extension(".gpkg");
}

std::vector<std::string> run_warnings(const Inputs& in, const MethodRecord* m, const Results* r) {
  std::vector<std::string> out = in.warnings;
  if (m) out.insert(out.end(), m->warnings.begin(), m->warnings.end());
  if (r) out.insert(out.end(), r->warnings.begin(), r->warnings.end());
  return out;
}

std::map<std::string, nlohmann::json> manifest_rows(const Inputs& in, const MethodRecord& m, const Results& r,
                                                    const nlohmann::json& incident_counts, const fs::path& output) {
  std::map<std::string, nlohmann::json> rows;
  // What was read.
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : in.sources) sources.push_back(io::source_counts_json(s.counts));
  rows["sources"] = sources;
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& src : in.spec.areas)
    areas.push_back({{"path", src.path.string()},
                     {"sha256", fs::is_regular_file(src.path) ? io::sha256_file(src.path) : std::string()}});
  rows["area_inputs"] = areas;
  std::int64_t repaired = 0;
  for (auto flag : in.areas.repaired) repaired += flag;
  rows["areas"] = {{"count", in.areas.size()}, {"repaired", repaired}};
  rows["taxonomies"] = in.taxonomies;
  rows["incident_counts"] = incident_counts;
  if (!r.monthly_counts.empty()) rows["monthly_counts"] = r.monthly_counts;
  if (in.scoped && in.scoped->applied)
    rows["study_region"] = {{"rule", "records within the areas' envelope grown by margin_m are kept"},
                            {"region", in.scoped->region},
                            {"margin_m", in.scoped->margin_m},
                            {"outside_study_region", in.scoped->outside},
                            {"baseline_outside_study_region", in.scoped->baseline_outside}};
  if (in.observation_split.any_source)
    rows["observations"] = {{"counted_as_incidents", in.observation_split.counted},
                            {"kept_apart", in.observation_split.kept_apart}};
  if (in.baseline) {
    const BaselineRecord& b = *in.baseline;
    rows["baseline"] = {{"path", b.path.string()},
                        {"sha256", b.sha256},
                        {"incidents", b.incidents},
                        {"incident_counts_checked", b.counts_checked}};
    if (!b.deviations.empty()) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& d : b.deviations)
        list.push_back({{"key", d.key}, {"baseline", d.baseline}, {"followup", d.followup}});
      rows["method_deviations"] = list;
    }
  }
  // The method.
  const io::MachinePaths machine = run_machine_paths(in, output);
  const nlohmann::json spec_json = machine.strip_json(io::spec_to_json(resolved_spec(in.spec, m)));
  rows["spec"] = spec_json;
  rows["spec_sha256"] = io::sha256_hex(spec_json.dump());
  rows["spec_file"] = {{"path", in.spec.spec_path.string()}, {"sha256", io::sha256_file(in.spec.spec_path)}};
  rows["method_constants"] = method_constants_json(m.constants);
  if (m.hotspots.auto_distance) rows["hotspot_distance"] = hotspot_distance_json(*m.hotspots.auto_distance);
  // What was computed.
  if (r.hotspot_record.ran) {
    const HotspotRecord& h = r.hotspot_record;
    rows["grid"] = {{"shape", io::cell_shape_name(m.hotspots.lattice.shape)},
                    {"cell_size_m", m.hotspots.lattice.cell_size_m},
                    {"origin_x", m.hotspots.lattice.origin_x},
                    {"origin_y", m.hotspots.lattice.origin_y},
                    {"extent", io::grid_extent_name(m.hotspots.extent)},
                    {"cells", h.cells},
                    {"cells_over_all_areas", h.cells_over_all_areas},
                    {"islands", h.islands}};
    rows["hotspot_themes"] = h.themes;
    rows["hotspot_themes"]["held_back_cells"] = h.held_back_cells;
  }
  if (r.density_ran)
    rows["density"] = {{"kernel", engine::kernel_name(m.density.kernel)},
                       {"bandwidth_m", r.density.bandwidth_m},
                       {"bandwidth_rule",
                        m.density.bandwidth_auto ? "ArcGIS Kernel Density default radius (docs/density.md)" : "spec"},
                       {"cell_size_m", m.density.cell_size_m},
                       {"units", "incidents per hectare per year"},
                       {"rasters", r.density.layers.size()}};
  rows["temporal_profile"] = {{"time_zone", m.constants.time_zone},
                              {"max_window_hours", m.constants.max_window_hours},
                              {"windows_spread_evenly", r.temporal_record.windows_spread_evenly},
                              {"whole_day_windows", r.temporal_record.whole_day_windows}};
  if (!in.survey.indicators.empty())
    rows["survey"] = {{"respondents", in.survey.size()},
                      {"min_respondents", m.survey.min_respondents},
                      {"confidence", m.survey.confidence},
                      {"interval", "Wilson score on the Kish effective size"}};
  if (r.emerging_record.ran) {
    const EmergingRecord& e = r.emerging_record;
    rows["emerging"] = {{"period", engine::period_name(e.period)},
                        {"time_step", e.step_months == 1 ? "month" : "quarter"},
                        {"steps", e.steps},
                        {"first_step", first_step_label(e)},
                        {"time_window", m.emerging.time_window},
                        {"alpha", 0.05},
                        {"fdr", true},
                        {"trend", "Mann-Kendall of each cell's Gi* z series, alpha 0.05"},
                        {"cells", r.grid.size()}};
  }
  if (!r.near_repeat.empty()) {
    nlohmann::json themes = nlohmann::json::object();
    for (const auto& l : r.near_repeat)
      themes[std::string(engine::theme_name(l.theme))] = {{"events", l.table.events},
                                                          {"pairs", l.table.pairs},
                                                          {"close_pairs", l.table.close_pairs},
                                                          {"window", near_repeat_window_json(l.window)}};
    rows["near_repeat"] = {{"period", engine::period_name(latest_period(m))},
                           {"distance_band_m", m.near_repeat.distance_band_m},
                           {"distance_bands", m.near_repeat.distance_bands},
                           {"time_band_days", m.near_repeat.time_band_days},
                           {"time_bands", m.near_repeat.time_bands},
                           {"iterations", m.near_repeat.iterations},
                           {"seed", m.near_repeat.seed},
                           {"alpha", 0.05},
                           {"themes", themes}};
  }
  // How it was run.
  rows["kvo_version"] = KVO_VERSION;
  rows["libraries"] = io::library_versions();
  rows["created"] = io::iso_utc(io::run_time_utc());
  rows["warnings"] = run_warnings(in, &m, &r);
  for (auto& [key, value] : rows) value = machine.strip_json(value);
  return rows;
}

std::string output_schema(const io::AnalysisSpec& spec) {
  return io::schema_name_from(spec.spec_path.stem().string());
}

void check_output_target(const io::AnalysisSpec& spec, const RunOptions& options) {
  const fs::path target = output_path(spec, options);
  if (io::is_postgis_target(target.string())) {
    io::check_postgis_target(io::parse_postgis_target(target.string()), output_schema(spec));
    return;
  }
  io::make_output_folder(target);  // before anything is computed
}

namespace {

void write_geopackage(Inputs& in, const MethodRecord& m, const Results& r, const fs::path& out_path,
                      ProgressPrinter& progress) {
  io::GpkgWriter out(out_path, in.spec.crs);
  io::write_areas_layer(out, in.areas);
  // The separated schouw findings go back for writing: they are in the observations layer.
  if (in.observations.size() > 0) in.table.append(std::exchange(in.observations, {}));
  // Over the records as written (incidents + observations); checked when this file is a baseline.
  const nlohmann::json incident_counts = io::incident_counts_json(in.table);
  io::write_incident_layers(out, in.areas, in.table);
  if (!r.near_repeat.empty()) {  // its risk layer names incidents: before the columns go
    std::vector<io::NearRepeatView> views;
    for (const auto& l : r.near_repeat) views.push_back({l.theme, &l.table, &l.zones, &l.incidents});
    io::write_near_repeat_layers(out, in.table, views);
  }
  // Nothing after this needs the per-incident columns: free them before the spatial
  // indexes are built at commit, which is when peak memory would otherwise be reached.
  in.table = {};
  progress.done(Stage::write_incidents);
  io::write_rejects_layer(out, in.spec, in.sources);
  io::write_area_stats_layer(out, in.areas, r.area_stats, r.area_hotspots);
  io::write_temporal_profile_layer(out, in.areas, r.temporal);
  if (!r.hotspots.empty()) io::write_hotspot_cells_layer(out, r.grid, r.hotspots);
  if (!r.cell_changes.empty()) io::write_cell_change_layer(out, r.grid, r.cell_changes);
  if (!r.emerging.empty()) {
    std::vector<io::EmergingView> views;
    for (const auto& l : r.emerging) views.push_back({l.theme, &l.result, &l.counts});
    io::write_emerging_layer(out, r.grid, views, first_step_label(r.emerging_record));
  }
  if (r.has_area_change) io::write_area_change_layer(out, in.areas, r.area_change);
  if (r.observation_stats.size() > 0)
    io::write_area_stats_layer(
        out, in.areas, r.observation_stats, {}, io::schema::layer::observation_stats,
        "Walk-through (schouw) findings per area, period and theme; not in the incident statistics");
  if (r.observation_change.size() > 0)
    io::write_area_change_layer(out, in.areas, r.observation_change, io::schema::layer::observation_change,
                                "Walk-through (schouw) findings: baseline versus follow-up per area and theme");
  if (!r.survey_rows.empty())
    io::write_survey_indicators_layer(out, in.areas, in.survey.indicators, r.survey_rows, r.survey_police_counts);
  io::write_manifest_layer(out, manifest_rows(in, m, r, incident_counts, out_path));
  progress.done(Stage::write_layers);
  write_density_rasters(out, r.density, in.spec.language);
  io::QgisStylingOptions styling;
  styling.language = in.spec.language;
  styling.title = in.spec.title;
  io::write_qgis_styling(out, out_path, styling);
  out.commit();
}

}  // namespace

fs::path write_output(Inputs& in, const MethodRecord& m, const Results& r, const RunOptions& options,
                      ProgressPrinter& progress) {
  const fs::path target = output_path(in.spec, options);
  if (!io::is_postgis_target(target.string())) {
    write_geopackage(in, m, r, target, progress);
    progress.done(Stage::write_finish);
    return target;
  }
  // PostGIS: the same GeoPackage, written privately, then published into one schema.
  const io::PostgisTarget pg = io::parse_postgis_target(target.string());
  const io::PublishStaging staging;
  write_geopackage(in, m, r, staging.gpkg(), progress);
  const io::PublishResult published = io::publish_to_postgis(staging.gpkg(), pg, output_schema(in.spec));
  progress.done(Stage::write_finish);
  return pg.shown + " (schema " + published.schema + ")";
}

}  // namespace kvo::cli
