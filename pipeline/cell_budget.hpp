#pragma once
// The memory budget of the hotspot grid and the density rasters: checked by `kvo check`
// and before `kvo run` builds them, so a spec that would exhaust memory fails with the
// number of cells and the key to change (docs/robustness.md, "Cell budget").

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/inputs.hpp"

namespace kvo::cli {

/// Cells of the hotspot lattice over the study extent's bounding box.
inline constexpr std::int64_t kMaxHotspotCells = 4'000'000;
/// Cells of one density raster (Float32 on disk, double while computed).
inline constexpr std::int64_t kMaxDensityCells = 25'000'000;
/// Cells of all density rasters of a run together (periods × themes + change).
inline constexpr std::int64_t kMaxDensityCellsTotal = 200'000'000;

/// Past this many cells over the study areas, `[grid] extent = "auto"` keeps the grid
/// sparse: the cells where incidents are and their neighbourhoods ("incidents").
inline constexpr std::int64_t kSparseGridFromCells = 1'000'000;

/// The hotspot lattice a run uses.
struct HotspotGridChoice {
  double cell_m = 0;                              ///< cell size, metres
  io::GridExtent extent = io::GridExtent::areas;  ///< never `automatic`
};

/// The hotspot cell size a run uses: `[grid] cell_size`, else the automatic size from the
/// analysed incidents, else MethodConstants::cell_size_fallback_m (with a warning in
/// `warnings`). The extent: `[grid] extent`, "auto" resolved to "areas" up to
/// kSparseGridFromCells cells over the study areas and "incidents" past it (with a note in
/// `warnings`). On a dense grid an automatic size is made coarser, with a warning, where
/// it would exceed kMaxHotspotCells; a sparse grid is checked once built.
HotspotGridChoice resolve_hotspot_grid(const Inputs& a, std::vector<std::string>* warnings);

/// Density raster cell when the extent gives no rule (no areas, no incidents), metres.
inline constexpr double kDensityCellFallbackM = 10;

/// The density cell size a run uses: `[density] cell_size`, else ArcGIS's default — the
/// shorter side of the study extent / 250 in whole metres (at least 1 m) — made coarser
/// when the rasters would exceed the cell budget (docs/density.md).
double resolve_density_cell_size(const Inputs& a);

/// Problems with the grid and raster sizes of the spec on these inputs; empty when all fit.
/// `hotspot` is the resolved hotspot lattice (a sparse one is not estimated here).
std::vector<std::string> cell_budget_problems(const Inputs& a, const HotspotGridChoice& hotspot);

}  // namespace kvo::cli
