#pragma once
// Hotspot change per grid cell between the baseline and the follow-up (`change_class` in
// `cell_change`): the Gi* bins of both periods plus the cell's count comparison, named
// after ArcGIS Emerging Hot Spot Analysis and sfhotspot. See docs/comparison.md.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/rate_compare.hpp"

namespace kvo::engine {

/// Change class of a cell between two periods.
enum class CellChange : std::uint8_t {
  no_pattern,             ///< significant in neither period
  new_hotspot,            ///< not significant → hot
  persistent_hotspot,     ///< hot in both, counts not significantly different
  intensifying_hotspot,   ///< hot in both, significantly more incidents
  diminishing_hotspot,    ///< hot in both, significantly fewer incidents
  former_hotspot,         ///< hot → not significant
  new_coldspot,           ///< not significant → cold
  persistent_coldspot,    ///< cold in both, counts not significantly different
  intensifying_coldspot,  ///< cold in both, significantly fewer incidents
  diminishing_coldspot,   ///< cold in both, significantly more incidents
  former_coldspot,        ///< cold → not significant
  hot_to_cold,            ///< hot → cold
  cold_to_hot,            ///< cold → hot
};

/// Number of CellChange values.
inline constexpr std::size_t kCellChangeCount = 13;

/// Name written to outputs (the enumerator's name, e.g. `new_hotspot`).
std::string_view cell_change_name(CellChange change);
/// Change class from its name, or nullopt.
std::optional<CellChange> cell_change_from_name(std::string_view name);

/// Options of classify_cell_change.
struct HotspotChangeOptions {
  /// Smallest |gi_bin| that counts as a hot or cold spot: 1 (default) = 90 % confidence,
  /// every coloured Gi* class; 2 = 95 % (sfhotspot's critical_p = 0.05); 3 = 99 %.
  int min_abs_bin = 1;
};

/// Change class of one cell from its Gi* bins (−3…3, docs/contract/SPEC.md §4) in the baseline and the
/// follow-up and the comparison of its counts (from compare_rates; `too_few` and
/// `no_significant_change` both mean "not significantly different").
CellChange classify_cell_change(int bin_baseline, int bin_followup, RateChange count_change,
                                const HotspotChangeOptions& options = {});

/// classify_cell_change over columns. `count_change` may be empty (no count comparison:
/// hot-in-both cells are then persistent). Throws std::invalid_argument on length mismatch.
std::vector<CellChange> classify_cell_changes(std::span<const std::int8_t> bin_baseline,
                                              std::span<const std::int8_t> bin_followup,
                                              std::span<const RateChange> count_change,
                                              const HotspotChangeOptions& options = {});

}  // namespace kvo::engine
