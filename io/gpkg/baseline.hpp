#pragma once
// A follow-up repeats its baseline's method: reading the baseline GeoPackage (manifest,
// areas, baseline incidents) and comparing method keys. The raw baseline exports are not
// needed again.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/core/spec.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io {

/// What a follow-up takes from its baseline GeoPackage.
struct Baseline {
  std::filesystem::path path;
  nlohmann::json spec;          ///< the baseline's resolved spec (run_manifest 'spec')
  nlohmann::json taxonomies;    ///< run_manifest 'taxonomies' (kind → sha256), may be null
  nlohmann::json method_constants;  ///< run_manifest 'method_constants', null before it existed
  engine::PeriodRange range;    ///< the baseline period's days
  AreaTable areas;              ///< the baseline's areas, as written
  IncidentTable table;          ///< baseline-period incidents and observations
  bool counts_checked = false;  ///< incidents verified against the manifest's incident_counts
};

/// Reads a kvo GeoPackage as a baseline. Throws InputError when it is not a kvo output,
/// holds no baseline period, or was changed after kvo wrote it (verify_baseline).
Baseline read_baseline(const std::filesystem::path& path);

/// One method key whose value differs between baseline and follow-up.
struct Deviation {
  std::string key;       ///< e.g. "grid.cell_size"
  std::string baseline;  ///< the baseline's value (JSON text)
  std::string followup;  ///< the follow-up spec's value (JSON text)
};

/// Applies the baseline's method to `followup` — every method key the follow-up leaves
/// "auto" or unset takes the baseline's resolved value — and lists the keys the
/// follow-up sets to a different value. `taxonomies` are the follow-up's taxonomy hashes
/// by source kind.
std::vector<Deviation> adopt_baseline_method(const Baseline& baseline, AnalysisSpec& followup,
                                             const nlohmann::json& taxonomies);

/// The "comparable" text for a deviation list (one line per key), for errors and logs,
/// naming the baseline file and (when given) the follow-up spec.
std::string describe_deviations(const std::vector<Deviation>& deviations, const std::filesystem::path& baseline,
                                const std::filesystem::path& followup_spec = {});

}  // namespace kvo::io
