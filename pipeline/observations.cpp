#include "pipeline/observations.hpp"

namespace kvo::cli {

namespace {

// Whether a baseline's observation origin counts: as the follow-up's source of that name,
// else as the baseline's own spec said (false when it predates the key).
bool baseline_origin_counted(const io::AnalysisSpec& spec, const nlohmann::json& baseline_spec, const io::Origin& o) {
  for (const auto& s : spec.sources)
    if (s.name == o.name && s.kind == o.kind) return s.count_as_incidents;
  if (baseline_spec.is_object() && baseline_spec.contains("sources") && baseline_spec["sources"].is_array())
    for (const auto& s : baseline_spec["sources"])
      if (s.value("name", "") == o.name) return s.value("count_as_incidents", false);
  return false;
}

}  // namespace

void mark_baseline_observations(io::IncidentTable& table, const io::AnalysisSpec& spec,
                                const nlohmann::json& baseline_spec) {
  for (auto& o : table.origins)
    if (o.kind == io::SourceKind::observation) o.counted = baseline_origin_counted(spec, baseline_spec, o);
}

ObservationSplit separate_observations(io::IncidentTable& table, io::IncidentTable& observations) {
  ObservationSplit split;
  const auto& origins = table.origins;
  std::vector<std::uint8_t> take(table.size(), 0);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const io::Origin& o = origins[table.incidents.source[i]];
    if (o.kind != io::SourceKind::observation) continue;
    take[i] = o.counted ? 0 : 1;
    ++(o.counted ? split.counted : split.kept_apart);
  }
  for (const auto& o : origins) split.any_source |= o.kind == io::SourceKind::observation;
  if (split.kept_apart > 0) observations = table.split_off(take);
  return split;
}

ObservationResults compute_observations(const io::IncidentTable& observations, const io::AreaTable& areas,
                                        const engine::PeriodSet& periods, const engine::RateCompareOptions& compare) {
  ObservationResults out;
  if (observations.size() == 0) return out;
  out.stats = engine::compute_area_stats(observations.incidents, areas.areas, periods);
  if (!periods.present[0] || !periods.present[1]) return out;
  out.change = engine::compute_area_changes(out.stats, observations.incidents, areas.size(), periods, compare);
  return out;
}

}  // namespace kvo::cli
