#include "engine/area_index.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

namespace kvo::engine {

namespace bgi = boost::geometry::index;

struct AreaIndex::Impl {
  const Areas* areas = nullptr;
  std::size_t sets = 1;
  // Value: (envelope of one polygon part, area index, part index)
  using Entry = std::pair<Box, std::pair<std::int32_t, std::int32_t>>;
  bgi::rtree<Entry, bgi::rstar<16>> tree;

  // True when area `a` beats the current best `best` (smaller, or as large with a lower index).
  [[nodiscard]] bool better(std::int32_t a, std::int32_t best) const {
    if (best == kNoArea) return true;
    const double area = areas->area_m2[static_cast<std::size_t>(a)];
    const double best_area = areas->area_m2[static_cast<std::size_t>(best)];
    return area < best_area || (area == best_area && a < best);
  }
};

AreaIndex::AreaIndex(const Areas& areas) : impl_(std::make_unique<Impl>()) {
  impl_->areas = &areas;
  impl_->sets = areas.set_count();
  std::vector<Impl::Entry> entries;
  for (std::size_t a = 0; a < areas.size(); ++a)
    for (std::size_t p = 0; p < areas.geometry[a].size(); ++p) {
      const Box box = bg::return_envelope<Box>(areas.geometry[a][p]);
      entries.push_back({box, {static_cast<std::int32_t>(a), static_cast<std::int32_t>(p)}});
    }
  impl_->tree = decltype(impl_->tree)(entries.begin(), entries.end());  // packed bulk load
}

AreaIndex::~AreaIndex() = default;
AreaIndex::AreaIndex(AreaIndex&&) noexcept = default;
AreaIndex& AreaIndex::operator=(AreaIndex&&) noexcept = default;

std::size_t AreaIndex::set_count() const {
  return impl_->sets;
}

std::int32_t AreaIndex::locate(double x, double y) const {
  const Point pt(x, y);
  std::int32_t best = kNoArea;
  for (auto it = impl_->tree.qbegin(bgi::intersects(pt)); it != impl_->tree.qend(); ++it) {
    const auto [a, p] = it->second;
    if (!impl_->better(a, best)) continue;
    if (bg::covered_by(pt, impl_->areas->geometry[static_cast<std::size_t>(a)][static_cast<std::size_t>(p)])) best = a;
  }
  return best;
}

std::int32_t AreaIndex::locate_sets(double x, double y, std::span<std::int32_t> per_set) const {
  const Point pt(x, y);
  std::fill(per_set.begin(), per_set.end(), kNoArea);
  for (auto it = impl_->tree.qbegin(bgi::intersects(pt)); it != impl_->tree.qend(); ++it) {
    const auto [a, p] = it->second;
    std::int32_t& best = per_set[impl_->areas->set_of(static_cast<std::size_t>(a))];
    if (!impl_->better(a, best)) continue;
    if (bg::covered_by(pt, impl_->areas->geometry[static_cast<std::size_t>(a)][static_cast<std::size_t>(p)])) best = a;
  }
  // The smallest over all sets is the smallest of the sets' smallest: the same as locate().
  std::int32_t most_specific = kNoArea;
  for (const std::int32_t a : per_set)
    if (a != kNoArea && impl_->better(a, most_specific)) most_specific = a;
  return most_specific;
}

void AreaIndex::assign(IncidentSet& incidents, unsigned threads) const {
  const std::size_t n = incidents.size();
  const std::size_t sets = impl_->sets;
  incidents.set_area.clear();
  if (sets > 1) incidents.set_area.assign(sets, std::vector<std::int32_t>(n, kNoArea));
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 4096)));
  auto work = [&](std::size_t begin, std::size_t end) {
    if (sets == 1) {
      for (std::size_t i = begin; i < end; ++i) incidents.area[i] = locate(incidents.x[i], incidents.y[i]);
      return;
    }
    std::vector<std::int32_t> per_set(sets);  // one buffer per thread, not per incident
    for (std::size_t i = begin; i < end; ++i) {
      incidents.area[i] = locate_sets(incidents.x[i], incidents.y[i], per_set);
      for (std::size_t s = 0; s < sets; ++s) incidents.set_area[s][i] = per_set[s];
    }
  };
  if (threads <= 1) {
    work(0, n);
    return;
  }
  std::vector<std::jthread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t b = std::min(n, t * chunk), e = std::min(n, b + chunk);
    pool.emplace_back(work, b, e);
  }
}

}  // namespace kvo::engine
