#include "engine/area_hotspots.hpp"

#include <cmath>
#include <map>

#include "engine/spatial_weights.hpp"

namespace kvo::engine {

AreaHotspots compute_area_hotspots(const AreaStats& stats, const Areas& areas, const std::vector<std::int32_t>& group,
                                   const GiStarOptions& gi, const LocalMoranOptions& lm) {
  const std::size_t rows = stats.size();
  AreaHotspots out;
  out.gi_z.assign(rows, std::nan(""));
  out.gi_p.assign(rows, std::nan(""));
  out.gi_bin.assign(rows, 0);
  out.lm_i.assign(rows, std::nan(""));
  out.lm_p.assign(rows, std::nan(""));
  out.lm_cluster.assign(rows, LmCluster::ns);
  out.computed.assign(rows, 0);

  std::map<std::int32_t, std::vector<std::int32_t>> members;  // group → area indices, ascending
  for (std::size_t a = 0; a < group.size(); ++a)
    if (group[a] >= 0) members[group[a]].push_back(static_cast<std::int32_t>(a));
  for (const auto& [g, list] : members) {
    if (list.size() < 3) continue;
    std::vector<MultiPolygon> polys;
    std::map<std::int32_t, std::size_t> position;
    for (std::size_t k = 0; k < list.size(); ++k) {
      polys.push_back(areas.geometry[static_cast<std::size_t>(list[k])]);
      position[list[k]] = k;
    }
    const SpatialWeights w = queen_weights(polys);
    // Rows of this group per period × theme, in member order.
    std::map<std::pair<PeriodId, ThemeId>, std::vector<std::size_t>> slots;
    for (std::size_t r = 0; r < rows; ++r) {
      const auto it = position.find(stats.area[r]);
      if (it == position.end()) continue;
      auto& v = slots[{stats.period[r], stats.theme[r]}];
      v.resize(list.size(), rows);
      v[it->second] = r;
    }
    for (const auto& [key, row_of] : slots) {
      std::vector<double> values(list.size());
      for (std::size_t k = 0; k < list.size(); ++k) values[k] = stats.per_ha_year[row_of[k]];
      const GiStarResult g_res = compute_gi_star(values, w, gi);
      const LocalMoranResult l_res = compute_local_moran(values, w, lm);
      for (std::size_t k = 0; k < list.size(); ++k) {
        const std::size_t r = row_of[k];
        out.gi_z[r] = g_res.z[k];
        out.gi_p[r] = g_res.p[k];
        out.gi_bin[r] = g_res.bin[k];
        out.lm_i[r] = l_res.i[k];
        out.lm_p[r] = l_res.p_sim[k];
        out.lm_cluster[r] = l_res.cluster[k];
        out.computed[r] = 1;
      }
    }
  }
  return out;
}

}  // namespace kvo::engine
