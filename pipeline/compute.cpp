// The non-spatial statistics of a run: per area, per time of week, surveys, and the
// comparison of the two periods. The spatial ones are in compute_spatial.cpp.

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>
#include <utility>

#include "engine/trend.hpp"
#include "pipeline/compute_monitor.hpp"
#include "pipeline/compute_spatial.hpp"
#include "pipeline/results.hpp"

namespace kvo::cli {

namespace {

// Among areas of one kind within one area set: areas of different sets may overlap.
engine::AreaHotspots area_hotspots(const Inputs& in, const MethodRecord& m, const engine::AreaStats& stats) {
  std::map<std::pair<std::size_t, std::string>, std::int32_t> kind_index;
  std::vector<std::int32_t> group;
  for (std::size_t i = 0; i < in.areas.size(); ++i)
    group.push_back(
        kind_index
            .try_emplace({in.areas.areas.set_of(i), in.areas.kind[i]}, static_cast<std::int32_t>(kind_index.size()))
            .first->second);
  engine::GiStarOptions gi;
  gi.fdr = m.hotspots.fdr;
  engine::LocalMoranOptions lm;
  lm.permutations = m.hotspots.permutations;
  lm.seed = m.hotspots.seed;
  return engine::compute_area_hotspots(stats, in.areas.areas, group, gi, lm);
}

std::vector<engine::SurveyIndicatorRow> survey_rows(const Inputs& in, const MethodRecord& m) {
  if (in.survey.indicators.empty()) return {};
  engine::SurveyColumns columns{in.survey.area, in.survey.period, in.survey.weight, {}, {}};
  for (std::size_t k = 0; k < in.survey.indicators.size(); ++k) {
    columns.values.emplace_back(in.survey.values[k]);
    columns.is_mark.push_back(in.survey.indicators[k].mark);
  }
  std::vector<engine::SurveyIndicatorRow> rows;
  if (in.baseline) rows = in.baseline->survey_rows;
  // Once per area set (a respondent is in one area of each); in area order as with one set.
  std::vector<engine::SurveyIndicatorRow> computed;
  const std::size_t sets = std::max<std::size_t>(1, in.survey_set_area.size());
  for (std::size_t s = 0; s < sets; ++s) {
    columns.area = in.survey_set_area.empty() ? std::span<const std::int32_t>(in.survey.area) : in.survey_set_area[s];
    for (auto& r : engine::compute_survey_indicators(columns, in.areas.size(), m.survey)) computed.push_back(r);
  }
  std::stable_sort(computed.begin(), computed.end(), [](const auto& l, const auto& r) {
    return std::tie(l.area, l.period, l.indicator) < std::tie(r.area, r.period, r.indicator);
  });
  rows.insert(rows.end(), computed.begin(), computed.end());
  engine::attach_survey_differences(rows, columns.is_mark, m.survey);
  return rows;
}

// The police count beside each survey row whose indicator names a theme (the dark number).
std::vector<std::int64_t> survey_police_counts(const Inputs& in, const Results& r) {
  std::vector<std::int64_t> out;
  for (const auto& row : r.survey_rows) {
    const auto& theme = in.survey.indicators[row.indicator].theme;
    std::int64_t count = -1;
    if (!theme.empty()) {
      const auto id = *engine::theme_from_name(theme);
      for (std::size_t i = 0; i < r.area_stats.size(); ++i)
        if (r.area_stats.area[i] == row.area && r.area_stats.period[i] == row.period && r.area_stats.theme[i] == id)
          count = r.area_stats.count[i];
    }
    out.push_back(count);
  }
  return out;
}

// Area × theme comparison of the two periods, and its significant changes as findings.
void compare_periods(const Inputs& in, const MethodRecord& m, Results& r) {
  if (!m.periods.present[0] || !m.periods.present[1]) return;
  r.area_change = engine::compute_area_changes(r.area_stats, in.table.incidents, in.areas.size(), m.periods, m.compare);
  r.has_area_change = true;
  nlohmann::json changes = nlohmann::json::array();
  for (std::size_t i = 0; i < r.area_change.size(); ++i) {
    const auto c = r.area_change.rates.change[i];
    if (c != engine::RateChange::increase && c != engine::RateChange::decrease) continue;
    const auto area = static_cast<std::size_t>(r.area_change.area[i]);
    changes.push_back({{"area_id", in.areas.id[area]},
                       {"name", in.areas.name[area]},
                       {"theme", engine::theme_name(r.area_change.theme[i])},
                       {"change", engine::rate_change_name(c)},
                       {"count_baseline", r.area_change.rates.count_baseline[i]},
                       {"count_followup", r.area_change.rates.count_followup[i]},
                       {"rate_ratio", r.area_change.rates.rate_ratio[i]},
                       {"q", r.area_change.rates.q[i]}});
  }
  r.findings["significant_area_changes"] = changes;
}

// Incidents in the areas per whole month of each present period, for the trend chart.
nlohmann::json monthly_counts(const Inputs& in, const MethodRecord& m) {
  nlohmann::json out = nlohmann::json::object();
  const auto& inc = in.table.incidents;
  std::vector<std::int32_t> group(inc.size());
  for (std::size_t p = 0; p < engine::kPeriodCount; ++p) {
    if (!m.periods.present[p]) continue;
    const engine::MonthBins bins = engine::whole_months(m.periods.range[p]);
    if (bins.months == 0) continue;
    for (std::size_t i = 0; i < inc.size(); ++i) group[i] = inc.period[i] == p && inc.area[i] >= 0 ? 0 : -1;
    char first[16];
    std::snprintf(first, sizeof first, "%04d-%02u", bins.first_year, bins.first_month);
    out[std::string(engine::kPeriodNames[p])] = {
        {"first", first}, {"counts", engine::monthly_counts(inc.start_utc, group, 1, bins, inc.weight)}};
  }
  return out;
}

}  // namespace

Results compute(const Inputs& in, const MethodRecord& m, unsigned threads, ProgressPrinter& progress) {
  Results r;
  r.monthly_counts = monthly_counts(in, m);
  r.area_stats = engine::compute_area_stats(in.table.incidents, in.areas.areas, m.periods);
  if (!in.area_counts.area.empty()) engine::add_area_counts(r.area_stats, in.area_counts, in.areas.areas, m.periods);
  r.area_hotspots = area_hotspots(in, m, r.area_stats);
  engine::AoristicOptions aoristic;
  aoristic.max_window_h = m.constants.max_window_hours;
  r.temporal = engine::compute_temporal_profiles(in.table.incidents, in.areas.size(), aoristic);
  for (const auto& row : r.temporal)
    if (row.theme == engine::kThemeAll) {
      r.temporal_record.windows_spread_evenly += row.long_windows;
      r.temporal_record.whole_day_windows += row.whole_days;
    }
  r.survey_rows = survey_rows(in, m);
  r.survey_police_counts = survey_police_counts(in, r);
  compare_periods(in, m, r);
  auto observations = compute_observations(in.observations, in.areas, m.periods, m.compare);
  r.observation_stats = std::move(observations.stats);
  r.observation_change = std::move(observations.change);
  progress.done(Stage::statistics);
  if (m.hotspots.enabled) compute_hotspots(in, m, threads, progress.stage(Stage::hotspots), r);
  // The monitor between measurements, on the grid and incidents of the latest period.
  if (m.emerging.enabled) compute_emerging(in, m, threads, r);
  if (m.near_repeat.enabled) compute_near_repeat(in, m, threads, r);
  progress.done(Stage::hotspots);
  if (m.density.enabled) compute_density(in, m, threads, progress.stage(Stage::density), r);
  progress.done(Stage::density);
  return r;
}

}  // namespace kvo::cli
