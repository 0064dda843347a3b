#include "engine/incident_set.hpp"

namespace kvo::engine {

void IncidentSet::reserve(std::size_t n) {
  x.reserve(n), y.reserve(n), start_utc.reserve(n), end_utc.reserve(n), theme.reserve(n);
  period.reserve(n), area.reserve(n), weight.reserve(n), source.reserve(n);
}

void IncidentSet::resize(std::size_t n) {
  x.resize(n, 0.0), y.resize(n, 0.0), start_utc.resize(n, 0), end_utc.resize(n, kNoTime);
  theme.resize(n, 0), period.resize(n, kNoPeriod), area.resize(n, kNoArea);
  weight.resize(n, 1.0f), source.resize(n, 0);
}

void IncidentSet::push_back(double px, double py, std::int64_t start, std::int64_t end, ThemeId th,
                            std::uint8_t per, std::int32_t ar, float w, std::uint16_t src) {
  x.push_back(px), y.push_back(py), start_utc.push_back(start), end_utc.push_back(end);
  theme.push_back(th), period.push_back(per), area.push_back(ar), weight.push_back(w);
  source.push_back(src);
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
  return out;
}

void IncidentSet::keep(const std::vector<std::uint8_t>& flags) {
  keep_column(x, flags), keep_column(y, flags), keep_column(start_utc, flags), keep_column(end_utc, flags);
  keep_column(theme, flags), keep_column(period, flags), keep_column(area, flags), keep_column(weight, flags);
  keep_column(source, flags);
}

}  // namespace kvo::engine
