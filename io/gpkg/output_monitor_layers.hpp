#pragma once
// Writes the monitor's layers: emerging_hotspots (cell × theme), near_repeat (the Knox
// table per theme) and near_repeat_risk (recent incidents with their risk window).

#include <string>
#include <vector>

#include "engine/emerging_hotspots.hpp"
#include "engine/grid.hpp"
#include "engine/near_repeat.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io {

/// One theme's emerging hot spot result with its cube of counts (cell × step, cell-major).
struct EmergingView {
  engine::ThemeId theme = engine::kThemeAll;
  const engine::EmergingResult* result = nullptr;
  const std::vector<double>* counts = nullptr;
};

/// Writes `emerging_hotspots`: one polygon per cell × theme with its category, the
/// Mann–Kendall trend of its Gi* z series, the hot and cold bins and its counts per step.
/// Cells with no incident and no pattern are left out. `first_step` labels step 1 ("2024-01").
void write_emerging_layer(GpkgWriter& out, const engine::Grid& grid, const std::vector<EmergingView>& themes,
                          const std::string& first_step);

/// One theme's Knox test, risk window and zones (`event` indexes `incidents`, which index `table`).
struct NearRepeatView {
  engine::ThemeId theme = engine::kThemeAll;
  const engine::NearRepeatResult* knox = nullptr;
  const std::vector<engine::NearRepeatZone>* zones = nullptr;
  const std::vector<std::size_t>* incidents = nullptr;
};

/// Writes `near_repeat` (no geometry: theme × distance band × time band with observed and
/// expected pairs, Knox ratio and p) and `near_repeat_risk` (a point per incident still
/// inside its risk window: radius and the day the window closes).
void write_near_repeat_layers(GpkgWriter& out, const IncidentTable& table, const std::vector<NearRepeatView>& themes);

}  // namespace kvo::io
