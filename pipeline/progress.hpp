#pragma once
// Progress on stderr in GDAL's style: "0...10...20...30...40...50...60...70...80...90...100 - done."
// One table of a run's stages and their share of the bar; a stage that does not apply to
// a run (no newest-record probe, hot spots off) is skipped over.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "engine/progress.hpp"

namespace kvo::cli {

/// The stages of `kvo run`, in order.
enum class Stage : std::uint8_t {
  read_areas,       ///< the [[areas]] layers (and the baseline's)
  probe_newest,     ///< finding the newest record for periods ending there
  read_sources,     ///< every source, record by record
  locate,           ///< point in area for incidents and respondents
  resolve_method,   ///< every "auto" resolved: cell size, grid origin, distance band, bandwidth
  statistics,       ///< area statistics, profiles, surveys, comparisons
  hotspots,         ///< grid, weights, Gi* and local Moran
  density,          ///< kernel density rasters
  write_incidents,  ///< the incidents and observations layers
  write_layers,     ///< the other vector layers and the manifest
  write_finish,     ///< rasters, styles, spatial indexes, commit
  count
};

/// Relative cost of each stage, roughly: reading the sources and writing the incidents
/// (with their spatial index, at commit) dominate a large run.
inline constexpr std::array<double, static_cast<std::size_t>(Stage::count)> kStageWeight = {2,  8, 30, 4, 3, 4,
                                                                                            12, 7, 16, 4, 10};

/// Prints overall progress of a run made of weighted stages; silent when quiet.
class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}
  /// A callback for one stage of the table; reporting 1.0 ends the stage.
  engine::Progress stage(Stage stage);
  /// A callback for part [from, to] (fractions) of one stage, e.g. one of its sources.
  engine::Progress stage(Stage stage, double from, double to);
  /// Marks a stage done (also when it did not apply to this run).
  void done(Stage stage);
  /// Prints up to 100 and "done".
  void finish();

 private:
  void advance(double fraction);
  std::ostream& err_;
  bool quiet_;
  int printed_ = -1;  ///< last printed step (0..40, 2.5 % each)
};

}  // namespace kvo::cli
