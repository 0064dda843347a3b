#pragma once
// Writes the hotspot and change layers (docs/contract/SPEC.md §3): hotspot_cells, cell_change, area_change.

#include <string>
#include <vector>

#include "engine/area_change.hpp"
#include "engine/hotspot_cells.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_schema.hpp"
#include "io/read/area_reader.hpp"

namespace kvo::io {

/// Writes `hotspot_cells`: one polygon per cell × period × theme with count, Gi* (gi_z,
/// gi_p, gi_bin) and local Moran (lm_i, lm_p, lm_cluster). Theme `all` covers every cell;
/// a single theme's rows leave out cells with no incident and no significant statistic.
void write_hotspot_cells_layer(GpkgWriter& out, const engine::Grid& grid,
                               const std::vector<engine::HotspotLayer>& layers);

/// Writes `cell_change`: one polygon per cell × theme with both Gi* bins, both counts, the
/// count comparison and change_class (single themes: only cells with incidents or a class).
void write_cell_change_layer(GpkgWriter& out, const engine::Grid& grid,
                             const std::vector<engine::CellChangeLayer>& changes);

/// Writes `area_change`: one row per area × theme with counts, exposures, rate ratio and
/// interval, exact p, BH q, Poisson z, change class and (12+ months) the monthly trend.
/// `name` and `description` let the schouw findings use the same layout (observation_change).
void write_area_change_layer(GpkgWriter& out, const AreaTable& areas, const engine::AreaChange& change,
                             const std::string& name = schema::layer::area_change, const std::string& description = "");

}  // namespace kvo::io
