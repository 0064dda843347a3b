#include "pipeline/scope.hpp"

namespace kvo::cli {

namespace {

void scope_table(io::IncidentTable& table, const engine::Envelope& region, Inputs& in, ScopeRecord& record) {
  const auto& inc = table.incidents;
  std::vector<std::uint8_t> inside(table.size(), 1);
  std::size_t outside = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (region.contains(inc.x[i], inc.y[i])) continue;
    inside[i] = 0, ++outside;
    const std::int32_t source = table.origins[inc.source[i]].source;
    if (source < 0 || static_cast<std::size_t>(source) >= in.sources.size()) {
      ++record.baseline_outside;
      continue;
    }
    auto& counts = in.sources[static_cast<std::size_t>(source)].counts;
    --counts.accepted;
    ++counts.outside_study_region;
    ++record.outside;
  }
  if (outside > 0) table.keep(inside);  // the records outside leave the run
}

}  // namespace

void apply_scope(Inputs& in, const StudyScope& scope) {
  ScopeRecord record;
  record.applied = !scope.core.empty();
  if (record.applied) {
    const engine::Envelope region = scope.region();
    record.region = {region.min_x, region.min_y, region.max_x, region.max_y};
    record.margin_m = scope.margin_m;
    scope_table(in.table, region, in, record);
    scope_table(in.observations, region, in, record);
  }
  in.scoped = record;
}

}  // namespace kvo::cli
