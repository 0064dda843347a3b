// Schouw (walk-through) findings are not incidents: by default they are kept out of every
// incident statistic and get their own counts and change rows (docs/spec.md, "Observations").

#include "pipeline/analysis.hpp"

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

engine::PeriodSet present_periods(const io::AnalysisSpec& spec) {
  engine::PeriodSet ps;
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    ps.present[p] = spec.periods[p].present;
    ps.range[p] = spec.periods[p].range;
  }
  return ps;
}

}  // namespace

void mark_baseline_observations(Analysis& a, const nlohmann::json& baseline_spec) {
  for (auto& o : a.table.origins)
    if (o.kind == io::SourceKind::observation) o.counted = baseline_origin_counted(a.spec, baseline_spec, o);
}

void separate_observations(Analysis& a) {
  const auto& origins = a.table.origins;
  std::int64_t counted = 0, apart = 0;
  std::vector<std::uint8_t> take(a.table.size(), 0);
  for (std::size_t i = 0; i < a.table.size(); ++i) {
    const io::Origin& o = origins[a.table.incidents.source[i]];
    if (o.kind != io::SourceKind::observation) continue;
    take[i] = o.counted ? 0 : 1;
    ++(o.counted ? counted : apart);
  }
  bool any_source = false;
  for (const auto& o : origins) any_source |= o.kind == io::SourceKind::observation;
  if (!any_source) return;
  a.manifest["observations"] = {{"counted_as_incidents", counted}, {"kept_apart", apart}};
  if (apart > 0) a.observations = a.table.split_off(take);
}

void compute_observations(Analysis& a) {
  if (a.observations.size() == 0) return;
  const engine::PeriodSet periods = present_periods(a.spec);
  a.observation_stats = engine::compute_area_stats(a.observations.incidents, a.areas.areas, periods);
  if (!periods.present[0] || !periods.present[1]) return;
  engine::RateCompareOptions rco;
  rco.alpha = a.spec.compare.alpha;
  rco.min_total = a.spec.compare.min_total;
  a.observation_change =
      engine::compute_area_changes(a.observation_stats, a.observations.incidents, a.areas.size(), periods, rco);
}

}  // namespace kvo::cli
