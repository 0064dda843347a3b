#pragma once
// One analysis from spec to GeoPackage: read (io) → compute (engine) → write (io).

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/area_change.hpp"
#include "engine/area_stats.hpp"
#include "engine/hotspot_cells.hpp"
#include "engine/kde_surfaces.hpp"
#include "engine/survey_indicators.hpp"
#include "engine/temporal_profile.hpp"
#include "io/core/spec.hpp"
#include "io/gpkg/output_layers.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"
#include "io/read/survey_reader.hpp"
#include "pipeline/progress.hpp"

namespace kvo::cli {

/// How `kvo run` was asked to run.
struct RunOptions {
  std::filesystem::path output;      ///< -o; empty = the spec's output or SPEC.gpkg
  std::filesystem::path baseline;    ///< --baseline
  bool allow_method_change = false;  ///< --allow-method-change
  unsigned threads = 0;              ///< --threads (0 = all cores)
};

/// Everything read and computed for one spec.
struct Analysis {
  io::AnalysisSpec spec;
  io::AreaTable areas;
  std::vector<io::SourceResult> sources;
  io::IncidentTable table;                ///< every accepted record counted as an incident
  io::IncidentTable observations;         ///< schouw records kept out of the incident statistics
  engine::AreaStats observation_stats;    ///< their counts per area × period × theme
  engine::AreaChange observation_change;  ///< and their change, when both periods are present
  engine::AreaStats area_stats;
  engine::AreaCounts area_counts;                    ///< pre-aggregated counts (area_counts sources)
  engine::AreaHotspots area_hotspots;                ///< Gi*/local Moran among areas of one kind
  std::vector<engine::TemporalProfileRow> temporal;  ///< aoristic profiles
  io::SurveyTable survey;                            ///< respondents of every survey source
  /// Respondents' area per area set (as IncidentSet::set_area; empty with one set).
  std::vector<std::vector<std::int32_t>> survey_set_area;
  std::vector<engine::SurveyIndicatorRow> survey_rows;  ///< estimates (baseline rows first)
  std::filesystem::path baseline_path;                  ///< the baseline GeoPackage of a follow-up run
  engine::Grid grid;                                    ///< hotspot cells
  std::vector<std::int32_t> cell_of;                    ///< cell of every incident (or kNoCell)
  std::vector<engine::HotspotLayer> hotspots;           ///< per period × theme
  std::vector<engine::CellChangeLayer> cell_changes;    ///< per theme, both periods present
  engine::DensitySurfaces density;                      ///< rasters
  engine::AreaChange area_change;                       ///< per area × theme, both periods present
  bool has_area_change = false;
  std::vector<std::string> warnings;                     ///< printed and stored in the manifest
  nlohmann::json taxonomies = nlohmann::json::object();  ///< source kind → sha256 of its mapping
  std::map<std::string, nlohmann::json> manifest;        ///< extra manifest rows by key
  nlohmann::json findings = nlohmann::json::object();    ///< for the summary
};

/// Reads the spec's areas and sources (no output); with a baseline, takes its areas,
/// baseline incidents and method. Throws io::Error (ComparabilityError when the method
/// differs and that is not allowed).
Analysis read_inputs(const std::filesystem::path& spec_path, const RunOptions& options, ProgressPrinter& progress);

/// Computes everything the output holds.
void compute(Analysis& analysis, const RunOptions& options, ProgressPrinter& progress);

/// Grid, weights, Gi* and local Moran per period × theme, and the cell change (resolves
/// the grid origin and distance band when "auto"; `compute` has resolved the cell size).
void compute_hotspots(Analysis& analysis, const RunOptions& options, ProgressPrinter& progress);
/// Kernel density rasters per period and their difference (resolves the bandwidth).
void compute_density(Analysis& analysis, const RunOptions& options, ProgressPrinter& progress);
/// Area × theme comparison of the two periods with the monthly trend.
void compute_area_change(Analysis& analysis);

/// Marks which observation origins of a baseline's incidents (in `table`) count as incidents:
/// as the follow-up's source of the same name, else as the baseline's spec said.
void mark_baseline_observations(Analysis& analysis, const nlohmann::json& baseline_spec);
/// Moves the records of sources not counted as incidents (schouw, unless
/// count_as_incidents) from `table` to `observations`.
void separate_observations(Analysis& analysis);
/// Counts and change of the separated observations (observation_stats / _change).
void compute_observations(Analysis& analysis);

/// Writes the GeoPackage atomically; returns its path. Releases `analysis.table` (the
/// per-incident columns) once the incidents are written, to keep peak memory down.
std::filesystem::path write_output(Analysis& analysis, const RunOptions& options, ProgressPrinter& progress);

/// Where the output of a spec goes.
std::filesystem::path output_path(const io::AnalysisSpec& spec, const RunOptions& options);

/// The run's counts as JSON (the `--summary-json` document for one spec).
nlohmann::json summary_json(const Analysis& analysis, const std::filesystem::path& output);

/// Prints the per-source table of read / accepted / rejected and rejects per reason.
void print_source_table(std::ostream& out, const Analysis& analysis);

/// Sources whose reject share exceeds the spec's max_reject_share, as messages.
std::vector<std::string> reject_share_violations(const Analysis& analysis);

}  // namespace kvo::cli
