#include "pipeline/analysis.hpp"
#include "pipeline/cell_budget.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <tuple>
#include <utility>

#include "engine/area_index.hpp"
#include "io/core/clock.hpp"
#include "io/core/errors.hpp"
#include "io/core/machine_paths.hpp"
#include "io/core/sha256.hpp"
#include "io/gpkg/baseline.hpp"
#include "io/gpkg/baseline_lock.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_change_layers.hpp"
#include "io/read/area_counts_reader.hpp"
#include "io/read/source_reader.hpp"
#include "qgis/qgis_project.hpp"

namespace kvo::cli {

static io::MachinePaths machine_paths(const Analysis& a, const std::filesystem::path& output);
static nlohmann::json summary_json_with_paths(const Analysis& a, const std::filesystem::path& output);

namespace fs = std::filesystem;

namespace {

bool needs_newest_record(const io::AnalysisSpec& spec) {
  for (const auto& p : spec.periods)
    if (p.present && !p.last.empty() && p.end == io::PeriodEnd::newest_record) return true;
  return false;
}

// With `incidents_only` (the newest-record probe) survey and area-count sources are not
// read: they hold no incident dates, and reading them would append their rows twice.
std::vector<io::SourceResult> read_sources(Analysis& a, const io::ReadOptions& options, io::IncidentTable& table,
                                           ProgressPrinter& progress, double from, double to,
                                           bool incidents_only = false) {
  const io::AnalysisSpec& spec = a.spec;
  std::vector<io::SourceResult> out;
  const double step = (to - from) / static_cast<double>(std::max<std::size_t>(1, spec.sources.size()));
  for (std::size_t s = 0; s < spec.sources.size(); ++s) {
    const auto& src = spec.sources[s];
    if (incidents_only && (src.kind == io::SourceKind::survey || src.kind == io::SourceKind::area_counts)) continue;
    if (src.kind == io::SourceKind::survey) {
      out.push_back(io::read_survey_source(spec, s, a.areas, a.survey));
      continue;
    }
    const io::Taxonomy taxonomy = io::load_taxonomy(spec, src);
    if (src.kind == io::SourceKind::area_counts) {
      out.push_back(io::read_area_counts_source(spec, s, a.areas, taxonomy, a.area_counts));
      continue;
    }
    const std::string kind(io::source_kind_name(src.kind));
    if (!a.taxonomies.contains(kind)) a.taxonomies[kind] = taxonomy.fingerprint();
    out.push_back(io::read_source(
        spec, s, taxonomy, table, options,
        progress.stage(from + step * static_cast<double>(s), from + step * static_cast<double>(s + 1))));
  }
  return out;
}

// Takes the baseline's period, areas, incidents and method into a follow-up analysis.
void adopt_baseline(Analysis& a, const RunOptions& options) {
  io::Baseline baseline = io::read_baseline(options.baseline);
  if (a.spec.periods[0].present)
    throw io::ConfigError("a follow-up run with --baseline takes its baseline period from " +
                              options.baseline.string() + "; remove [periods.baseline] from the spec",
                          io::at(a.spec.spec_path.string(), 0, "periods.baseline"));
  if (!a.spec.periods[1].present)
    throw io::ConfigError("a follow-up run needs [periods.followup]", io::at(a.spec.spec_path.string(), 0, "periods"));
  a.spec.periods[0].present = true;
  a.spec.periods[0].range = baseline.range;
  a.spec.periods[0].from = engine::civil_from_days(baseline.range.from_day);
  a.spec.periods[0].to = engine::civil_from_days(baseline.range.to_day);
  auto deviations = io::adopt_baseline_method(baseline, a.spec, a.taxonomies);
  const auto area_change = io::compare_areas(baseline.areas, a.areas);
  if (area_change) deviations.push_back(*area_change);
  if (!deviations.empty()) {
    const std::string text = io::describe_deviations(deviations, baseline.path, a.spec.spec_path);
    if (!options.allow_method_change)
      throw io::ComparabilityError(text + "\n(use --allow-method-change to run anyway)");
    a.warnings.push_back(text);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : deviations)
      list.push_back({{"key", d.key}, {"baseline", d.baseline}, {"followup", d.followup}});
    a.manifest["method_deviations"] = list;
  }
  a.baseline_path = baseline.path;
  a.manifest["baseline"] = {{"path", baseline.path.string()},
                            {"sha256", io::sha256_file(baseline.path)},
                            {"incidents", baseline.table.size()},
                            {"incident_counts_checked", baseline.counts_checked}};
  if (!baseline.counts_checked)
    a.warnings.push_back("the baseline " + baseline.path.string() +
                         " records no incident_counts (written by an older kvo): its incidents cannot be checked for "
                         "changes; re-run the baseline with this version to lock them");
  // Allowed changed areas: the follow-up's own areas are used (the baseline incidents are
  // assigned to them below); otherwise the baseline's, which have the same ids and geometry.
  if (!area_change) a.areas = std::move(baseline.areas);
  a.table = std::move(baseline.table);
  mark_baseline_observations(a, baseline.spec);
}

// A respondent located by coordinates gets an area in every set; one given by an area
// code has that area in the code's set only (nothing tells where it is in the others).
void locate_respondents(Analysis& a, const engine::AreaIndex& index) {
  const std::size_t sets = index.set_count();
  a.survey_set_area.assign(sets > 1 ? sets : 0, std::vector<std::int32_t>(a.survey.size(), engine::kNoArea));
  std::vector<std::int32_t> per_set(sets);
  for (std::size_t i = 0; i < a.survey.size(); ++i) {
    if (a.survey.area[i] != engine::kNoArea) {
      if (sets > 1)
        a.survey_set_area[a.areas.areas.set_of(static_cast<std::size_t>(a.survey.area[i]))][i] = a.survey.area[i];
    } else if (std::isfinite(a.survey.x[i])) {
      a.survey.area[i] = index.locate_sets(a.survey.x[i], a.survey.y[i], per_set);
      for (std::size_t s = 0; s < a.survey_set_area.size(); ++s) a.survey_set_area[s][i] = per_set[s];
    }
  }
}

}  // namespace

Analysis read_inputs(const fs::path& spec_path, const RunOptions& options, ProgressPrinter& progress) {
  Analysis a;
  a.spec = io::read_spec(spec_path);
  // A follow-up reads its own areas too, to compare them with the baseline's.
  a.areas = io::read_areas(a.spec);
  for (const auto& w : a.areas.warnings) a.warnings.push_back(w);
  progress.stage(0, 0.05)(1.0);

  if (needs_newest_record(a.spec)) {
    // Relative periods ending at the newest record: find it first, then read for real.
    io::IncidentTable scratch;
    const auto probe = read_sources(a, {.assign_periods = false}, scratch, progress, 0.05, 0.15, true);
    std::int32_t newest = INT32_MIN;
    for (const auto& s : probe) newest = std::max(newest, s.newest_day);
    if (newest == INT32_MIN)
      throw io::InputError("no valid records to anchor 'newest_record' on", io::at(spec_path.string()));
    io::resolve_periods(a.spec, newest);
  }
  if (!options.baseline.empty()) {
    // Taxonomy hashes are needed before the method comparison: load them without reading data.
    for (const auto& src : a.spec.sources) {
      if (src.kind == io::SourceKind::survey) continue;
      const std::string kind(io::source_kind_name(src.kind));
      if (!a.taxonomies.contains(kind)) a.taxonomies[kind] = io::load_taxonomy(a.spec, src).fingerprint();
    }
    adopt_baseline(a, options);
  }
  a.sources = read_sources(a, {}, a.table, progress, 0.15, 0.6);
  const engine::AreaIndex index(a.areas.areas);
  index.assign(a.table.incidents, options.threads);
  locate_respondents(a, index);
  separate_observations(a);
  progress.stage(0.6, 0.65)(1.0);
  return a;
}

static engine::PeriodSet period_set(const io::AnalysisSpec& spec) {
  engine::PeriodSet ps;
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    ps.present[p] = spec.periods[p].present;
    ps.range[p] = spec.periods[p].range;
  }
  return ps;
}

static void compute_survey(Analysis& a);

void compute(Analysis& a, const RunOptions& options, ProgressPrinter& progress) {
  // The automatic hotspot cell size is resolved once, here: the budget check and the
  // hotspot analysis use the same number. Grids and rasters that would not fit are refused
  // before any of them is built.
  if (a.spec.hotspots.enabled) a.spec.grid.cell_size_m = resolve_hotspot_cell_size(a, &a.warnings);
  if (const auto problems = cell_budget_problems(a, a.spec.grid.cell_size_m); !problems.empty()) {
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) message += "; and " + problems[i];
    throw io::ConfigError(message);
  }
  a.area_stats = engine::compute_area_stats(a.table.incidents, a.areas.areas, period_set(a.spec));
  if (!a.area_counts.area.empty())
    engine::add_area_counts(a.area_stats, a.area_counts, a.areas.areas, period_set(a.spec));
  {
    // Among areas of one kind within one area set: areas of different sets may overlap.
    std::map<std::pair<std::size_t, std::string>, std::int32_t> kind_index;
    std::vector<std::int32_t> group;
    for (std::size_t i = 0; i < a.areas.size(); ++i)
      group.push_back(
          kind_index
              .try_emplace({a.areas.areas.set_of(i), a.areas.kind[i]}, static_cast<std::int32_t>(kind_index.size()))
              .first->second);
    engine::GiStarOptions gi;
    gi.fdr = a.spec.hotspots.fdr;
    engine::LocalMoranOptions lm;
    lm.permutations = static_cast<std::uint32_t>(a.spec.hotspots.permutations);
    lm.seed = a.spec.hotspots.seed;
    a.area_hotspots = engine::compute_area_hotspots(a.area_stats, a.areas.areas, group, gi, lm);
  }
  a.temporal = engine::compute_temporal_profiles(a.table.incidents, a.areas.size());
  std::int64_t long_windows = 0, whole_days = 0;
  for (const auto& row : a.temporal)
    if (row.theme == engine::kThemeAll) long_windows += row.long_windows, whole_days += row.whole_days;
  compute_survey(a);
  compute_area_change(a);
  compute_observations(a);
  if (a.spec.hotspots.enabled) compute_hotspots(a, options, progress);
  if (a.spec.density.enabled) compute_density(a, options, progress);
  a.manifest["temporal_profile"] = {{"time_zone", "Europe/Amsterdam"},
                                    {"max_window_hours", 168},
                                    {"windows_spread_evenly", long_windows},
                                    {"whole_day_windows", whole_days}};
  progress.stage(0.65, 0.7)(1.0);
}

static void compute_survey(Analysis& a) {
  if (a.survey.indicators.empty()) return;
  engine::SurveyColumns columns{a.survey.area, a.survey.period, a.survey.weight, {}, {}};
  for (std::size_t k = 0; k < a.survey.indicators.size(); ++k) {
    columns.values.emplace_back(a.survey.values[k]);
    columns.is_mark.push_back(a.survey.indicators[k].mark);
  }
  const engine::SurveyOptions options{.confidence = 0.95, .min_respondents = a.survey.min_respondents};
  std::vector<engine::SurveyIndicatorRow> rows;
  if (!a.baseline_path.empty())
    rows = io::read_survey_indicator_rows(a.baseline_path, engine::PeriodId::baseline, a.areas, a.survey.indicators);
  // Once per area set (a respondent is in one area of each); in area order as with one set.
  std::vector<engine::SurveyIndicatorRow> computed;
  const std::size_t sets = std::max<std::size_t>(1, a.survey_set_area.size());
  for (std::size_t s = 0; s < sets; ++s) {
    columns.area = a.survey_set_area.empty() ? std::span<const std::int32_t>(a.survey.area) : a.survey_set_area[s];
    for (auto& r : engine::compute_survey_indicators(columns, a.areas.size(), options)) computed.push_back(r);
  }
  std::stable_sort(computed.begin(), computed.end(), [](const auto& l, const auto& r) {
    return std::tie(l.area, l.period, l.indicator) < std::tie(r.area, r.period, r.indicator);
  });
  rows.insert(rows.end(), computed.begin(), computed.end());
  engine::attach_survey_differences(rows, columns.is_mark, options);
  a.survey_rows = std::move(rows);
  a.manifest["survey"] = {{"respondents", a.survey.size()},
                          {"min_respondents", a.survey.min_respondents},
                          {"confidence", 0.95},
                          {"interval", "Wilson score on the Kish effective size"}};
}

static std::vector<std::int64_t> survey_police_counts(const Analysis& a) {
  std::vector<std::int64_t> out;
  for (const auto& r : a.survey_rows) {
    const auto& theme = a.survey.indicators[r.indicator].theme;
    std::int64_t count = -1;
    if (!theme.empty()) {
      const auto id = *engine::theme_from_name(theme);
      for (std::size_t i = 0; i < a.area_stats.size(); ++i)
        if (a.area_stats.area[i] == r.area && a.area_stats.period[i] == r.period && a.area_stats.theme[i] == id)
          count = a.area_stats.count[i];
    }
    out.push_back(count);
  }
  return out;
}

fs::path output_path(const io::AnalysisSpec& spec, const RunOptions& options) {
  if (!options.output.empty()) return fs::absolute(options.output);
  if (!spec.output.empty()) return spec.output;
  fs::path p = spec.spec_path;
  return p.replace_extension(".gpkg");
}

fs::path write_output(Analysis& a, const RunOptions& options, ProgressPrinter& progress) {
  const fs::path out_path = output_path(a.spec, options);
  io::GpkgWriter out(out_path, a.spec.crs);
  io::write_areas_layer(out, a.areas);
  progress.stage(0.7, 0.72)(1.0);
  // The separated schouw findings go back for writing: they are in the observations layer.
  if (a.observations.size() > 0) a.table.append(std::exchange(a.observations, {}));
  // Over the records as written (incidents + observations); checked when this file is a baseline.
  a.manifest["incident_counts"] = io::incident_counts_json(a.table);
  io::write_incident_layers(out, a.areas, a.table);
  // Nothing after this needs the per-incident columns: free them before the spatial
  // indexes are built at commit, which is when peak memory would otherwise be reached.
  a.table = {};
  progress.stage(0.72, 0.9)(1.0);
  io::write_rejects_layer(out, a.spec, a.sources);
  io::write_area_stats_layer(out, a.areas, a.area_stats, a.area_hotspots);
  io::write_temporal_profile_layer(out, a.areas, a.temporal);
  if (!a.hotspots.empty()) io::write_hotspot_cells_layer(out, a.grid, a.hotspots);
  if (!a.cell_changes.empty()) io::write_cell_change_layer(out, a.grid, a.cell_changes);
  if (a.has_area_change) io::write_area_change_layer(out, a.areas, a.area_change);
  if (a.observation_stats.size() > 0)
    io::write_area_stats_layer(
        out, a.areas, a.observation_stats, {}, io::schema::layer::observation_stats,
        "Walk-through (schouw) findings per area, period and theme; not in the incident statistics");
  if (a.observation_change.size() > 0)
    io::write_area_change_layer(out, a.areas, a.observation_change, io::schema::layer::observation_change,
                                "Walk-through (schouw) findings: baseline versus follow-up per area and theme");
  if (!a.survey_rows.empty())
    io::write_survey_indicators_layer(out, a.areas, a.survey.indicators, a.survey_rows, survey_police_counts(a));
  progress.stage(0.9, 0.95)(1.0);

  std::map<std::string, nlohmann::json> rows = a.manifest;
  const io::MachinePaths machine = machine_paths(a, output_path(a.spec, options));
  const nlohmann::json spec_json = machine.strip_json(io::spec_to_json(a.spec));
  rows["spec"] = spec_json;
  rows["spec_sha256"] = io::sha256_hex(spec_json.dump());
  rows["spec_file"] = {{"path", a.spec.spec_path.string()}, {"sha256", io::sha256_file(a.spec.spec_path)}};
  rows["kvo_version"] = KVO_VERSION;
  rows["libraries"] = io::library_versions();
  rows["created"] = io::iso_utc(io::run_time_utc());
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : a.sources) sources.push_back(io::source_counts_json(s.counts));
  rows["sources"] = sources;
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& src : a.spec.areas)
    areas.push_back({{"path", src.path.string()},
                     {"sha256", fs::is_regular_file(src.path) ? io::sha256_file(src.path) : std::string()}});
  rows["area_inputs"] = areas;
  std::int64_t repaired = 0;
  for (auto r : a.areas.repaired) repaired += r;
  rows["areas"] = {{"count", a.areas.size()}, {"repaired", repaired}};
  rows["warnings"] = a.warnings;
  rows["taxonomies"] = a.taxonomies;
  for (auto& [key, value] : rows) value = machine.strip_json(value);
  io::write_manifest_layer(out, rows);
  for (const auto& layer : a.density.layers) {
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
    out.write_raster(def, layer.raster.data);
  }
  io::QgisStylingOptions styling;
  styling.language = a.spec.language;
  styling.title = a.spec.title;
  io::write_qgis_styling(out, out_path, styling);
  out.commit();
  progress.stage(0.95, 1.0)(1.0);
  return out_path;
}

static io::MachinePaths machine_paths(const Analysis& a, const fs::path& output) {
  io::MachinePaths paths(a.spec.base_dir);
  paths.add_file(a.spec.spec_path);
  for (const auto& src : a.spec.areas) paths.add_file(src.path);
  for (const auto& src : a.spec.sources) {
    if (src.path.string().rfind("PG:", 0) != 0) paths.add_file(src.path);
    if (src.taxonomy.find('/') != std::string::npos) paths.add_file(src.taxonomy);
  }
  paths.add_file(a.baseline_path);
  paths.add_file(output);
  return paths;
}

nlohmann::json summary_json(const Analysis& a, const fs::path& output) {
  return machine_paths(a, output).strip_json(summary_json_with_paths(a, output));
}

static nlohmann::json summary_json_with_paths(const Analysis& a, const fs::path& output) {
  nlohmann::json j;
  j["spec"] = a.spec.spec_path.string();
  j["title"] = a.spec.title;
  if (!output.empty()) j["output"] = output.string();
  std::int64_t read = 0, accepted = 0, rejected = 0;
  j["sources"] = nlohmann::json::array();
  for (const auto& s : a.sources) {
    j["sources"].push_back(io::source_counts_json(s.counts));
    read += s.counts.read, accepted += s.counts.accepted, rejected += s.counts.rejected;
  }
  j["totals"] = {{"read", read}, {"accepted", accepted}, {"rejected", rejected}};
  j["areas"] = a.areas.size();
  j["warnings"] = a.warnings;
  j["findings"] = a.findings;
  return j;
}

void print_source_table(std::ostream& out, const Analysis& a) {
  std::size_t width = 6;
  for (const auto& s : a.sources) width = std::max(width, s.counts.name.size());
  out << std::left << std::setw(static_cast<int>(width) + 2) << "source" << std::right << std::setw(10) << "read"
      << std::setw(10) << "accepted" << std::setw(10) << "rejected"
      << "\n";
  for (const auto& s : a.sources) {
    const auto& c = s.counts;
    out << std::left << std::setw(static_cast<int>(width) + 2) << c.name << std::right << std::setw(10) << c.read
        << std::setw(10) << c.accepted << std::setw(10) << c.rejected << "\n";
    for (std::size_t r = 0; r < io::kRejectReasonCount; ++r)
      if (c.by_reason[r])
        out << "    " << std::left << std::setw(static_cast<int>(width) + 24)
            << io::reason_code(static_cast<io::RejectReason>(r)) << std::right << std::setw(6) << c.by_reason[r]
            << "\n";
  }
}

std::vector<std::string> reject_share_violations(const Analysis& a) {
  std::vector<std::string> out;
  for (const auto& s : a.sources) {
    if (s.counts.read == 0) continue;
    const double share = static_cast<double>(s.counts.rejected) / static_cast<double>(s.counts.read);
    const auto& limit = a.spec.max_reject_share;
    if (limit ? share <= *limit : s.counts.accepted > 0) continue;
    std::ostringstream m;
    m << s.counts.path << ": source '" << s.counts.name << "' rejected " << s.counts.rejected << " of " << s.counts.read
      << " records (" << std::fixed << std::setprecision(1) << 100 * share << " %), ";
    if (limit)
      m << "more than max_reject_share = " << *limit;
    else
      m << "every record; see the rejects per reason (set max_reject_share = 1 to run anyway)";
    out.push_back(m.str());
  }
  return out;
}

}  // namespace kvo::cli
