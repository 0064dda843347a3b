#pragma once
// The spatial statistics of a run: the hotspot grid with Gi*, local Moran and the cell
// change, and the kernel density rasters.

#include "engine/progress.hpp"
#include "pipeline/results.hpp"

namespace kvo::cli {

/// Grid, weights, Gi* and local Moran per period × theme, and the cell change.
void compute_hotspots(const Inputs& inputs, const MethodRecord& method, unsigned threads,
                      const engine::Progress& progress, Results& results);

/// The spatial weights of the hotspot grid (the method's distance band or k nearest).
engine::SpatialWeights hotspot_weights(const engine::Grid& grid, const HotspotMethod& method, unsigned threads);

/// Kernel density rasters per period and their difference.
void compute_density(const Inputs& inputs, const MethodRecord& method, unsigned threads,
                     const engine::Progress& progress, Results& results);

}  // namespace kvo::cli
