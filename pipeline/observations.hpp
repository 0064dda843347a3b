#pragma once
// Schouw (walk-through) findings are not incidents: by default they are kept out of every
// incident statistic and get their own counts and change rows (docs/spec.md, "Observations").

#include <cstdint>

#include <nlohmann/json.hpp>

#include "engine/area_change.hpp"
#include "engine/area_stats.hpp"
#include "io/core/spec.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"

namespace kvo::cli {

/// How the observation records were split from the incidents.
struct ObservationSplit {
  bool any_source = false;      ///< the run has observation records at all
  std::int64_t counted = 0;     ///< counted as incidents (count_as_incidents)
  std::int64_t kept_apart = 0;  ///< moved to the observations table
};

/// Marks which observation origins of a baseline's records (in `table`) count as
/// incidents: as the follow-up's source of the same name, else as the baseline's spec said.
void mark_baseline_observations(io::IncidentTable& table, const io::AnalysisSpec& spec,
                                const nlohmann::json& baseline_spec);

/// Moves the records of sources not counted as incidents (schouw, unless
/// count_as_incidents) from `table` to `observations`.
ObservationSplit separate_observations(io::IncidentTable& table, io::IncidentTable& observations);

/// Counts per area × period × theme of the separated observations, and their change when
/// both periods are present.
struct ObservationResults {
  engine::AreaStats stats;
  engine::AreaChange change;
};
ObservationResults compute_observations(const io::IncidentTable& observations, const io::AreaTable& areas,
                                        const engine::PeriodSet& periods, const engine::RateCompareOptions& compare);

}  // namespace kvo::cli
