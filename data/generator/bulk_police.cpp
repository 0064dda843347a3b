#include "data/generator/bulk_police.hpp"

#include <vector>

namespace kvo::gen {

namespace {

// The region: 20 km × 20 km of valid RD New around Zuidhaven.
constexpr double kMinX = 145000, kMaxX = 165000, kMinY = 403000, kMaxY = 423000;

struct Cluster {
  double x, y, sd_m;
};

}  // namespace

std::int64_t write_bulk_police(const BulkPoliceOptions& o) {
  Rng rng(o.seed);
  // Towns and villages: cluster centres with their spread and relative size.
  std::vector<Cluster> clusters;
  std::vector<double> cluster_w;
  for (int i = 0; i < 60; ++i) {
    clusters.push_back({rng.uniform(kMinX + 1000, kMaxX - 1000), rng.uniform(kMinY + 1000, kMaxY - 1000),
                        rng.uniform(150, 1500)});
    const double u = rng.uniform();
    cluster_w.push_back(0.1 + u * u * u * 3);  // a few large towns, many villages
  }
  // 80 % of the records in a town, the rest anywhere in the region.
  const auto place = [&](Offence, Rng& r) {
    Pt p;
    if (r.chance(0.8)) {
      const Cluster& c = clusters[r.pick(std::span<const double>(cluster_w))];
      do p = {c.x + c.sd_m * r.normal(), c.y + c.sd_m * r.normal()};
      while (p.x < kMinX || p.x >= kMaxX || p.y < kMinY || p.y >= kMaxY);
    } else {
      p = {r.uniform(kMinX, kMaxX), r.uniform(kMinY, kMaxY)};
    }
    return p;
  };
  return write_police_rows(o, rng, place);
}

}  // namespace kvo::gen
