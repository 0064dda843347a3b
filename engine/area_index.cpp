#include "engine/area_index.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

namespace kvo::engine {

namespace bgi = boost::geometry::index;

struct AreaIndex::Impl {
  const Areas* areas = nullptr;
  // Value: (envelope of one polygon part, area index, part index)
  using Entry = std::pair<Box, std::pair<std::int32_t, std::int32_t>>;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

AreaIndex::AreaIndex(const Areas& areas) : impl_(std::make_unique<Impl>()) {
  impl_->areas = &areas;
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

std::int32_t AreaIndex::locate(double x, double y) const {
  const Point pt(x, y);
  std::int32_t best = kNoArea;
  double best_area = 0;
  for (auto it = impl_->tree.qbegin(bgi::intersects(pt)); it != impl_->tree.qend(); ++it) {
    const auto [a, p] = it->second;
    const double area = impl_->areas->area_m2[static_cast<std::size_t>(a)];
    if (best != kNoArea && (area > best_area || (area == best_area && a > best))) continue;
    if (bg::covered_by(pt, impl_->areas->geometry[static_cast<std::size_t>(a)][static_cast<std::size_t>(p)])) {
      best = a;
      best_area = area;
    }
  }
  return best;
}

void AreaIndex::assign(IncidentSet& incidents, unsigned threads) const {
  const std::size_t n = incidents.size();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 4096)));
  auto work = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) incidents.area[i] = locate(incidents.x[i], incidents.y[i]);
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
