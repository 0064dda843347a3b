#pragma once
// Stage 2 of a run: the method, every "auto" resolved once and typed. Later stages read
// the method only from here; the manifest's `spec` row shows these values, so a
// follow-up locked to this run repeats them (docs/comparison.md, "The follow-up lock").

#include <optional>
#include <string>
#include <vector>

#include "engine/area_change.hpp"
#include "engine/grid.hpp"
#include "engine/hotspot_distance.hpp"
#include "engine/kde.hpp"
#include "engine/period.hpp"
#include "engine/survey_stats.hpp"
#include "io/core/spec.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/method_constants.hpp"

namespace kvo::cli {

/// The hot spot method.
struct HotspotMethod {
  bool enabled = false;
  engine::GridSpec lattice;  ///< shape, cell size and origin (resolved)
  io::GridExtent extent = io::GridExtent::areas;
  io::WeightsKind weights = io::WeightsKind::distance_band;
  int k = 8;              ///< neighbours (knn)
  double distance_m = 0;  ///< the band (distance_band); 0 when the grid is too small to find one
  /// How an automatic band was chosen (unset when the spec or the baseline gave it).
  std::optional<engine::AutoDistanceResult> auto_distance;
  std::size_t min_incidents = 30;       ///< fewer in a period × theme: not analysed
  double min_neighbourhood_count = 10;  ///< fewer in a neighbourhood: gi_bin 0
  bool fdr = true;
  std::uint32_t permutations = 999;
  std::uint64_t seed = 20240101;
};

/// The kernel density method.
struct DensityMethod {
  bool enabled = false;
  engine::Kernel kernel = engine::Kernel::quartic;
  double bandwidth_m = 0;       ///< resolved radius; 0 when the automatic rule is undefined
  bool bandwidth_auto = false;  ///< the radius came from the ArcGIS rule
  double cell_size_m = 10;
  /// Raster alignment: the hotspot lattice's origin when hot spots run (raster and
  /// hotspot cells line up), else a grid origin the spec or baseline gives, else the CRS
  /// origin (cells on multiples of the cell size).
  double origin_x = 0, origin_y = 0;
  bool per_theme = false;
};

/// The study region of a run: the envelope of its areas and the context around it that
/// the methods read (docs/architecture.md, "Study region"). Records outside are neither
/// accepted nor rejected but counted as outside_study_region.
struct StudyScope {
  engine::Envelope core;  ///< envelope of every area; empty: no areas, nothing is left out
  double margin_m = 0;    ///< context: density radius + raster cell, distance band, two hotspot cells
  [[nodiscard]] engine::Envelope region() const { return core.grown(margin_m); }
};

/// Everything that decides the numbers of a run.
struct MethodRecord {
  engine::PeriodSet periods;
  StudyScope scope;
  HotspotMethod hotspots;
  DensityMethod density;
  engine::RateCompareOptions compare;  ///< alpha and min_total of every period comparison
  engine::SurveyOptions survey;        ///< confidence and min_respondents
  io::EmergingSpec emerging;           ///< the monitor's emerging hot spots (no "auto" keys)
  io::NearRepeatSpec near_repeat;      ///< and its near-repeat analysis
  MethodConstants constants;
  std::vector<std::string> warnings;  ///< e.g. a fallback taken
};

/// Resolves the method of a run from its inputs: the automatic hotspot cell size (checked
/// against the cell budget first: ConfigError naming the key when over), the grid origin,
/// the automatic distance band and density radius. Deterministic for any `threads`.
MethodRecord resolve_method(const Inputs& inputs, unsigned threads);

/// The spec with the method's resolved values written in: the manifest's `spec` row.
io::AnalysisSpec resolved_spec(const io::AnalysisSpec& spec, const MethodRecord& method);

/// The hotspot lattice over the study region, and the cell of every incident.
struct Lattice {
  engine::Grid grid;
  std::vector<std::int32_t> cell_of;
};
/// The lattice over all areas (bounding box with extent "bbox"); `kvo` starts from this too.
Lattice build_lattice(const Inputs& inputs, const HotspotMethod& method, unsigned threads);

}  // namespace kvo::cli
