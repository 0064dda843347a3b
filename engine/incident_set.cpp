#include "engine/incident_set.hpp"

#include <algorithm>

namespace kvo::engine {

void IncidentSet::reserve(std::size_t n) {
  x.reserve(n), y.reserve(n), start_utc.reserve(n), end_utc.reserve(n), theme.reserve(n);
  period.reserve(n), area.reserve(n), weight.reserve(n), source.reserve(n);
}

void IncidentSet::resize(std::size_t n) {
  x.resize(n, 0.0), y.resize(n, 0.0), start_utc.resize(n, 0), end_utc.resize(n, kNoTime);
  theme.resize(n, 0), period.resize(n, kNoPeriod), area.resize(n, kNoArea);
  weight.resize(n, 1.0f), source.resize(n, 0);
  for (auto& column : set_area) column.resize(n, kNoArea);
}

void IncidentSet::push_back(double px, double py, std::int64_t start, std::int64_t end, ThemeId th, std::uint8_t per,
                            std::int32_t ar, float w, std::uint16_t src) {
  x.push_back(px), y.push_back(py), start_utc.push_back(start), end_utc.push_back(end);
  theme.push_back(th), period.push_back(per), area.push_back(ar), weight.push_back(w);
  source.push_back(src);
  for (auto& column : set_area) column.push_back(kNoArea);
}

void IncidentSet::append(const IncidentSet& o) {
  x.insert(x.end(), o.x.begin(), o.x.end());
  y.insert(y.end(), o.y.begin(), o.y.end());
  start_utc.insert(start_utc.end(), o.start_utc.begin(), o.start_utc.end());
  end_utc.insert(end_utc.end(), o.end_utc.begin(), o.end_utc.end());
  theme.insert(theme.end(), o.theme.begin(), o.theme.end());
  period.insert(period.end(), o.period.begin(), o.period.end());
  area.insert(area.end(), o.area.begin(), o.area.end());
  weight.insert(weight.end(), o.weight.begin(), o.weight.end());
  source.insert(source.end(), o.source.begin(), o.source.end());
  if (set_area.empty() && o.set_area.empty()) return;
  const std::size_t before = size() - o.size();
  set_area.resize(std::max(set_area.size(), o.set_area.size()));
  for (std::size_t s = 0; s < set_area.size(); ++s) {
    auto& column = set_area[s];
    column.resize(before, kNoArea);
    if (s < o.set_area.size())
      column.insert(column.end(), o.set_area[s].begin(), o.set_area[s].end());
    else
      column.resize(size(), kNoArea);
  }
}

std::vector<std::span<const std::int32_t>> IncidentSet::area_columns() const {
  if (set_area.empty()) return {std::span<const std::int32_t>(area)};
  return {set_area.begin(), set_area.end()};
}

std::size_t Areas::set_count() const {
  if (set.empty()) return 1;
  return static_cast<std::size_t>(*std::max_element(set.begin(), set.end())) + 1;
}

namespace {

template <class T>
void keep_column(std::vector<T>& v, const std::vector<std::uint8_t>& flags) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (flags[i]) v[out++] = v[i];
  v.resize(out);
  v.shrink_to_fit();
}

}  // namespace

IncidentSet IncidentSet::subset(const std::vector<std::uint8_t>& flags) const {
  IncidentSet out;
  for (std::size_t i = 0; i < size(); ++i)
    if (flags[i])
      out.push_back(x[i], y[i], start_utc[i], end_utc[i], theme[i], period[i], area[i], weight[i], source[i]);
  // The per-set areas travel along (push_back only extends columns that exist).
  out.set_area.resize(set_area.size());
  for (std::size_t s = 0; s < set_area.size(); ++s) {
    out.set_area[s].reserve(out.size());
    for (std::size_t i = 0; i < size(); ++i)
      if (flags[i]) out.set_area[s].push_back(set_area[s][i]);
  }
  return out;
}

void IncidentSet::keep(const std::vector<std::uint8_t>& flags) {
  keep_column(x, flags), keep_column(y, flags), keep_column(start_utc, flags), keep_column(end_utc, flags);
  keep_column(theme, flags), keep_column(period, flags), keep_column(area, flags), keep_column(weight, flags);
  keep_column(source, flags);
  for (auto& column : set_area) keep_column(column, flags);
}

}  // namespace kvo::engine
