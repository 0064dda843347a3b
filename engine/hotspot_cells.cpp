#include "engine/hotspot_cells.hpp"

#include <cmath>

#include "engine/fdr.hpp"

namespace kvo::engine {

ThemeCounts count_themes_in_grid(std::span<const std::int32_t> cell_of, const IncidentSet& incidents) {
  ThemeCounts out{};
  for (std::size_t i = 0; i < incidents.size(); ++i)
    if (incidents.period[i] < kPeriodCount && cell_of[i] >= 0) {
      ++out[incidents.period[i]][incidents.theme[i]];
      ++out[incidents.period[i]][kThemeAll];
    }
  return out;
}

std::vector<HotspotLayer> compute_hotspot_layers(const Grid& grid, std::span<const std::int32_t> cell_of,
                                                 const IncidentSet& incidents, const SpatialWeights& weights,
                                                 const std::array<bool, kPeriodCount>& present,
                                                 const HotspotCellsOptions& options, const Progress& progress) {
  // The minimum holds per period: a theme too thin in the baseline gets no baseline layer
  // even when the follow-up has plenty (and so no change layer either).
  const ThemeCounts counts = count_themes_in_grid(cell_of, incidents);
  const std::size_t minimum = std::max<std::size_t>(1, options.min_incidents);
  std::vector<std::pair<PeriodId, ThemeId>> jobs;
  for (std::size_t p = 0; p < kPeriodCount; ++p) {
    if (!present[p]) continue;
    if (counts[p][kThemeAll] >= minimum) jobs.emplace_back(static_cast<PeriodId>(p), kThemeAll);
    for (std::size_t t = 0; t < kThemeCount; ++t)
      if (counts[p][t] >= minimum) jobs.emplace_back(static_cast<PeriodId>(p), static_cast<ThemeId>(t));
  }
  std::vector<HotspotLayer> out;
  out.reserve(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    HotspotLayer layer;
    layer.period = jobs[j].first;
    layer.theme = jobs[j].second;
    layer.count = count_cells(grid, cell_of, incidents, layer.period, layer.theme);
    layer.gi = compute_gi_star(layer.count, weights, options.gi);
    layer.lm = compute_local_moran(layer.count, weights, options.lm);
    out.push_back(std::move(layer));
    if (!report(progress, static_cast<double>(j + 1) / static_cast<double>(jobs.size()))) break;
  }
  return out;
}

// Σ over the cell and its neighbours (binary weights, self included as in Gi*).
static std::vector<std::int64_t> neighbourhood_counts(const std::vector<double>& count, const SpatialWeights& w) {
  std::vector<std::int64_t> out(count.size());
  for (std::size_t i = 0; i < count.size(); ++i) {
    double sum = count[i];
    for (auto k = w.row_offsets[i]; k < w.row_offsets[i + 1]; ++k)
      sum += count[static_cast<std::size_t>(w.columns[static_cast<std::size_t>(k)])];
    out[i] = static_cast<std::int64_t>(std::llround(sum));
  }
  return out;
}

std::vector<CellChangeLayer> compute_cell_changes(const std::vector<HotspotLayer>& layers, const SpatialWeights& weights,
                                                  double years_baseline, double years_followup,
                                                  const RateCompareOptions& compare,
                                                  const HotspotChangeOptions& options) {
  std::vector<CellChangeLayer> out;
  for (const auto& base : layers) {
    if (base.period != PeriodId::baseline) continue;
    for (const auto& follow : layers) {
      if (follow.period != PeriodId::followup || follow.theme != base.theme) continue;
      CellChangeLayer c;
      c.theme = base.theme;
      c.bin_baseline = base.gi.bin;
      c.bin_followup = follow.gi.bin;
      c.cell_baseline.resize(base.count.size());
      c.cell_followup.resize(follow.count.size());
      for (std::size_t i = 0; i < base.count.size(); ++i) {
        c.cell_baseline[i] = static_cast<std::int64_t>(std::llround(base.count[i]));
        c.cell_followup[i] = static_cast<std::int64_t>(std::llround(follow.count[i]));
      }
      c.counts = compare_rates(neighbourhood_counts(base.count, weights), neighbourhood_counts(follow.count, weights),
                               years_baseline, years_followup, compare);
      out.push_back(std::move(c));
    }
  }
  // BH q over every tested row of the layer (all themes together, docs/contract/SPEC.md §4), then classify.
  std::vector<double> p;
  for (const auto& c : out)
    for (std::size_t i = 0; i < c.counts.p.size(); ++i)
      p.push_back(c.counts.count_baseline[i] + c.counts.count_followup[i] == 0 ? std::nan("") : c.counts.p[i]);
  const std::vector<double> q = bh_qvalues(p);
  std::size_t k = 0;
  for (auto& c : out) {
    for (std::size_t i = 0; i < c.counts.p.size(); ++i, ++k) {
      c.counts.q[i] = std::isnan(q[k]) ? 1.0 : q[k];
      c.counts.change[i] = classify_rate_change(c.counts.count_baseline[i], c.counts.count_followup[i], years_baseline,
                                                years_followup, c.counts.p[i], c.counts.q[i], compare);
    }
    c.change = classify_cell_changes(c.bin_baseline, c.bin_followup, c.counts.change, options);
  }
  return out;
}

}  // namespace kvo::engine
