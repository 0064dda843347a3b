#pragma once
// Stage 1 of a run: everything read for one spec — the spec with its periods resolved,
// the areas, every source's records, and for a follow-up the baseline it is locked to.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/area_stats.hpp"
#include "engine/survey_indicators.hpp"
#include "io/core/spec.hpp"
#include "io/gpkg/baseline.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"
#include "io/read/survey_reader.hpp"
#include "pipeline/observations.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/source_cache.hpp"

namespace kvo::cli {

/// How `kvo run` was asked to run.
struct RunOptions {
  std::filesystem::path output;      ///< -o; empty = the spec's output or SPEC.gpkg
  std::filesystem::path baseline;    ///< --baseline
  bool allow_method_change = false;  ///< --allow-method-change
  unsigned threads = 0;              ///< --threads (0 = all cores)
};

/// The baseline a follow-up is compared with, as far as the later stages need it.
struct BaselineRecord {
  std::filesystem::path path;
  std::string sha256;                     ///< of the file, for the audit trail
  std::size_t incidents = 0;              ///< records taken from it (incidents and observations)
  bool counts_checked = false;            ///< its incidents were checked against incident_counts
  std::vector<io::Deviation> deviations;  ///< method differences run anyway (--allow-method-change)
  /// Its survey estimates (they exist only as rows of survey_indicators).
  std::vector<engine::SurveyIndicatorRow> survey_rows;
};

/// What leaving out the records outside the study region did (pipeline/scope.hpp).
struct ScopeRecord {
  bool applied = false;               ///< false: no areas, nothing left out
  std::array<double, 4> region{};     ///< min x, min y, max x, max y of the region kept
  double margin_m = 0;                ///< context around the areas' envelope
  std::int64_t outside = 0;           ///< records of this run's sources left out
  std::int64_t baseline_outside = 0;  ///< records taken from a baseline left out (changed areas)
};

/// Everything read for one spec.
struct Inputs {
  /// The spec with its periods resolved; for a follow-up, the baseline's period and
  /// method keys adopted. Method "auto" values are still unresolved (see MethodRecord).
  io::AnalysisSpec spec;
  io::AreaTable areas;
  std::vector<io::SourceResult> sources;  ///< counts and rejects, one per spec source
  io::IncidentTable table;                ///< every record counted as an incident, located
  io::IncidentTable observations;         ///< schouw records kept out of the incident statistics
  engine::AreaCounts area_counts;         ///< pre-aggregated counts (area_counts sources)
  io::SurveyTable survey;                 ///< respondents of every survey source
  /// Respondents' area per area set (as IncidentSet::set_area; empty with one set).
  std::vector<std::vector<std::int32_t>> survey_set_area;
  std::optional<BaselineRecord> baseline;
  ObservationSplit observation_split;
  nlohmann::json taxonomies = nlohmann::json::object();  ///< source kind → sha256 of its mapping
  std::vector<std::string> warnings;
  std::optional<ScopeRecord> scoped;  ///< set once the records outside the study region left
};

/// Reads the spec's areas and sources; with a baseline, takes its period, areas, baseline
/// incidents and method. With a cache, sources already read for another spec of the batch
/// are copied from it. Throws io::Error (ComparabilityError when the method differs and
/// that is not allowed).
Inputs read_inputs(const std::filesystem::path& spec_path, const RunOptions& options, ProgressPrinter& progress,
                   SourceCache* cache = nullptr);

/// The periods of a spec as the engine takes them.
engine::PeriodSet period_set(const io::AnalysisSpec& spec);

}  // namespace kvo::cli
