#pragma once
// Stage 4 of a run: the GeoPackage, its manifest, and the run's summary.

#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/inputs.hpp"
#include "pipeline/method_record.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/results.hpp"

namespace kvo::cli {

/// Where the output of a spec goes: a GeoPackage path, or a "PG:…" connection string.
std::filesystem::path output_path(const io::AnalysisSpec& spec, const RunOptions& options);

/// The schema a PostGIS output fills when its connection string names none: the spec
/// file's name, made a plain identifier ("Nulmeting 2023.toml" → nulmeting_2023).
std::string output_schema(const io::AnalysisSpec& spec);

/// Before anything is computed: for a PostGIS output, connects and checks it can be
/// written; for a file, makes its folder when missing. Throws ConfigError / IoError.
void check_output_target(const io::AnalysisSpec& spec, const RunOptions& options);

/// Writes the GeoPackage atomically, or publishes it to PostGIS for a "PG:…" output;
/// returns its path (for PostGIS: the target without its password, and the schema). Empties `inputs.table` and
/// `inputs.observations` once they are written, which keeps peak memory down.
std::filesystem::path write_output(Inputs& inputs, const MethodRecord& method, const Results& results,
                                   const RunOptions& options, ProgressPrinter& progress);

/// The rows of `run_manifest` (key → value), all built here. `incident_counts` is the
/// count of the records as written (incidents and observations).
std::map<std::string, nlohmann::json> manifest_rows(const Inputs& inputs, const MethodRecord& method,
                                                    const Results& results, const nlohmann::json& incident_counts,
                                                    const std::filesystem::path& output);

/// Every warning of the run, in the order the stages gave them.
std::vector<std::string> run_warnings(const Inputs& inputs, const MethodRecord* method, const Results* results);

/// The run's counts as JSON (the `--summary-json` document for one spec); `output` empty
/// when nothing was written. Paths relative to the spec folder or as file names.
nlohmann::json summary_json(const Inputs& inputs, const std::vector<std::string>& warnings,
                            const nlohmann::json& findings, const std::filesystem::path& output);

/// The summary's `totals` as one sum that adds up: "60 read = 28 accepted + 0 rejected +
/// 8 outside + 24 excluded" (outside and excluded only when not zero).
std::string totals_sum(const nlohmann::json& totals);

/// Prints the per-source table of read / accepted / rejected and rejects per reason.
void print_source_table(std::ostream& out, const Inputs& inputs);

/// Sources whose reject share exceeds the spec's max_reject_share, as messages.
std::vector<std::string> reject_share_violations(const Inputs& inputs);

}  // namespace kvo::cli
