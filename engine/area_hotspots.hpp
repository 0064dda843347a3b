#pragma once
// Gi* and local Moran's I on area polygons (e.g. which buurten stand out), with queen
// contiguity weights, on the rates of `area_stats`.

#include <cstdint>
#include <vector>

#include "engine/area_stats.hpp"
#include "engine/gistar.hpp"
#include "engine/local_moran.hpp"

namespace kvo::engine {

/// Per-row statistics, parallel to AreaStats (NaN / 0 / ns where not computed).
struct AreaHotspots {
  std::vector<double> gi_z, gi_p;
  std::vector<std::int8_t> gi_bin;
  std::vector<double> lm_i, lm_p;
  std::vector<LmCluster> lm_cluster;
  std::vector<std::uint8_t> computed;  ///< 1 where the row's area group had enough areas
};

/// For every group of areas (`group[a]` ≥ 0, e.g. one per area kind) with at least three
/// areas, and every period × theme, Gi* and local Moran on `per_ha_year` with queen
/// contiguity among the group's areas. Areas of the same kind tile a region; mixing kinds
/// (a KVO area over its buurten) would make every area its own neighbour's overlap.
AreaHotspots compute_area_hotspots(const AreaStats& stats, const Areas& areas, const std::vector<std::int32_t>& group,
                                   const GiStarOptions& gi = {}, const LocalMoranOptions& lm = {});

}  // namespace kvo::engine
