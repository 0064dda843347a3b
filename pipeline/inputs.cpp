#include "pipeline/inputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/area_index.hpp"
#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"
#include "io/gpkg/baseline.hpp"
#include "io/gpkg/baseline_lock.hpp"
#include "io/gpkg/output_layers.hpp"
#include "io/read/area_counts_reader.hpp"
#include "io/read/source_reader.hpp"
#include "pipeline/method_constants.hpp"
#include "pipeline/observations.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

namespace {

bool needs_newest_record(const io::AnalysisSpec& spec) {
  for (const auto& p : spec.periods)
    if (p.present && !p.last.empty() && p.end == io::PeriodEnd::newest_record) return true;
  return false;
}

// An exclude entry that excluded nothing, named with the spec file (a batch shares a
// source's read, so the reader cannot name it) and the closest known code.
std::string unused_exclude_warning(const io::AnalysisSpec& spec, const std::string& source,
                                   const io::UnusedExclude& u) {
  std::string what =
      u.key == "exclude" ? "exclude entry \"" + u.entry + "\"" : "[sources.codes] \"" + u.entry + "\" = \"excluded\"";
  return spec.spec_path.string() + ": source '" + source + "': " + what + " excluded no record" +
         (u.suggestion.empty() ? "; no known code is close, check its spelling against the export"
                               : "; did you mean \"" + u.suggestion + "\"?");
}

// With `incidents_only` (the newest-record probe) survey and area-count sources are not
// read: they hold no incident dates, and reading them would append their rows twice.
std::vector<io::SourceResult> read_sources(Inputs& in, const io::ReadOptions& options, io::IncidentTable& table,
                                           ProgressPrinter& progress, Stage stage, SourceCache* cache,
                                           bool incidents_only = false) {
  const io::AnalysisSpec& spec = in.spec;
  std::vector<io::SourceResult> out;
  const double n = static_cast<double>(std::max<std::size_t>(1, spec.sources.size()));
  for (std::size_t s = 0; s < spec.sources.size(); ++s) {
    const auto& src = spec.sources[s];
    if (incidents_only && (src.kind == io::SourceKind::survey || src.kind == io::SourceKind::area_counts)) continue;
    if (src.kind == io::SourceKind::survey) {
      out.push_back(io::read_survey_source(spec, s, in.areas, in.survey));
      continue;
    }
    const io::Taxonomy taxonomy = io::load_taxonomy(spec, src);
    if (src.kind == io::SourceKind::area_counts) {
      out.push_back(io::read_area_counts_source(spec, s, in.areas, taxonomy, in.area_counts));
      continue;
    }
    const std::string kind(io::source_kind_name(src.kind));
    if (!in.taxonomies.contains(kind)) in.taxonomies[kind] = taxonomy.fingerprint();
    const auto part = progress.stage(stage, static_cast<double>(s) / n, static_cast<double>(s + 1) / n);
    out.push_back(cache ? cache->read(spec, s, taxonomy, table, options, part)
                        : io::read_source(spec, s, taxonomy, table, options, part));
  }
  if (options.assign_periods)  // not twice for the newest-record probe
    for (const auto& r : out) {
      for (const auto& w : r.warnings) in.warnings.push_back(w);
      for (const auto& u : r.unused_excludes) in.warnings.push_back(unused_exclude_warning(spec, r.counts.name, u));
    }
  progress.done(stage);
  return out;
}

// Takes the baseline's period, areas, incidents and method into a follow-up; returns the
// baseline's own spec (which says how its observations counted).
nlohmann::json adopt_baseline(Inputs& in, const RunOptions& options) {
  io::Baseline baseline = io::read_baseline(options.baseline);
  if (in.spec.periods[0].present)
    throw io::ConfigError("a follow-up run with --baseline takes its baseline period from " +
                              options.baseline.string() + "; remove [periods.baseline] from the spec",
                          io::at(in.spec.spec_path.string(), 0, "periods.baseline"));
  if (!in.spec.periods[1].present)
    throw io::ConfigError("a follow-up run needs [periods.followup]", io::at(in.spec.spec_path.string(), 0, "periods"));
  in.spec.periods[0].present = true;
  in.spec.periods[0].range = baseline.range;
  in.spec.periods[0].from = engine::civil_from_days(baseline.range.from_day);
  in.spec.periods[0].to = engine::civil_from_days(baseline.range.to_day);
  auto deviations = io::adopt_baseline_method(baseline, in.spec, in.taxonomies);
  for (auto& d : method_constant_deviations(baseline.method_constants, MethodConstants{}))
    deviations.push_back(std::move(d));
  const auto area_change = io::compare_areas(baseline.areas, in.areas);
  if (area_change) deviations.push_back(*area_change);
  BaselineRecord record;
  if (!deviations.empty()) {
    const std::string text = io::describe_deviations(deviations, baseline.path, in.spec.spec_path);
    if (!options.allow_method_change)
      throw io::ComparabilityError(text + "\n(use --allow-method-change to run anyway)");
    in.warnings.push_back(text);
    record.deviations = std::move(deviations);
  }
  record.path = baseline.path;
  record.sha256 = io::sha256_file(baseline.path);
  record.incidents = baseline.table.size();
  record.counts_checked = baseline.counts_checked;
  if (!baseline.counts_checked)
    in.warnings.push_back("the baseline " + baseline.path.string() +
                          " records no incident_counts (written by an older kvo): its incidents cannot be checked for "
                          "changes; re-run the baseline with this version to lock them");
  in.baseline = std::move(record);
  // Allowed changed areas: the follow-up's own areas are used (the baseline incidents are
  // assigned to them below); otherwise the baseline's, which have the same ids and geometry.
  if (!area_change) in.areas = std::move(baseline.areas);
  in.table = std::move(baseline.table);
  return baseline.spec;
}

// A respondent located by coordinates gets an area in every set; one given by an area
// code has that area in the code's set only (nothing tells where it is in the others).
void locate_respondents(Inputs& in, const engine::AreaIndex& index) {
  const std::size_t sets = index.set_count();
  in.survey_set_area.assign(sets > 1 ? sets : 0, std::vector<std::int32_t>(in.survey.size(), engine::kNoArea));
  std::vector<std::int32_t> per_set(sets);
  for (std::size_t i = 0; i < in.survey.size(); ++i) {
    if (in.survey.area[i] != engine::kNoArea) {
      if (sets > 1)
        in.survey_set_area[in.areas.areas.set_of(static_cast<std::size_t>(in.survey.area[i]))][i] = in.survey.area[i];
    } else if (std::isfinite(in.survey.x[i])) {
      in.survey.area[i] = index.locate_sets(in.survey.x[i], in.survey.y[i], per_set);
      for (std::size_t s = 0; s < in.survey_set_area.size(); ++s) in.survey_set_area[s][i] = per_set[s];
    }
  }
}

}  // namespace

engine::PeriodSet period_set(const io::AnalysisSpec& spec) {
  engine::PeriodSet ps;
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    ps.present[p] = spec.periods[p].present;
    ps.range[p] = spec.periods[p].range;
  }
  return ps;
}

Inputs read_inputs(const fs::path& spec_path, const RunOptions& options, ProgressPrinter& progress,
                   SourceCache* cache) {
  Inputs in;
  in.spec = io::read_spec(spec_path);
  // A follow-up reads its own areas too, to compare them with the baseline's.
  in.areas = io::read_areas(in.spec);
  for (const auto& w : in.areas.warnings) in.warnings.push_back(w);
  progress.done(Stage::read_areas);

  if (needs_newest_record(in.spec)) {
    // Relative periods ending at the newest record: find it first, then read for real.
    io::IncidentTable scratch;
    const auto probe = read_sources(in, {.assign_periods = false}, scratch, progress, Stage::probe_newest, cache, true);
    std::int32_t newest = INT32_MIN;
    for (const auto& s : probe) newest = std::max(newest, s.newest_day);
    if (newest == INT32_MIN)
      throw io::InputError("no valid records to anchor 'newest_record' on", io::at(spec_path.string()));
    io::resolve_periods(in.spec, newest);
  }
  progress.done(Stage::probe_newest);
  nlohmann::json baseline_spec;
  if (!options.baseline.empty()) {
    // Taxonomy hashes are needed before the method comparison: load them without reading data.
    for (const auto& src : in.spec.sources) {
      if (src.kind == io::SourceKind::survey) continue;
      const std::string kind(io::source_kind_name(src.kind));
      if (!in.taxonomies.contains(kind)) in.taxonomies[kind] = io::load_taxonomy(in.spec, src).fingerprint();
    }
    baseline_spec = adopt_baseline(in, options);
    mark_baseline_observations(in.table, in.spec, baseline_spec);
  }
  in.sources = read_sources(in, {}, in.table, progress, Stage::read_sources, cache);
  const engine::AreaIndex index(in.areas.areas);
  index.assign(in.table.incidents, options.threads);
  locate_respondents(in, index);
  in.observation_split = separate_observations(in.table, in.observations);
  if (in.baseline && !in.survey.indicators.empty())
    in.baseline->survey_rows =
        io::read_survey_indicator_rows(in.baseline->path, engine::PeriodId::baseline, in.areas, in.survey.indicators);
  progress.done(Stage::locate);
  return in;
}

}  // namespace kvo::cli
