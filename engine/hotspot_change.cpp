#include "engine/hotspot_change.hpp"

#include <array>
#include <stdexcept>

namespace kvo::engine {

namespace {

constexpr std::array<std::string_view, kCellChangeCount> kNames = {
    "no_pattern",           "new_hotspot",          "persistent_hotspot",    "intensifying_hotspot",
    "diminishing_hotspot",  "former_hotspot",       "new_coldspot",          "persistent_coldspot",
    "intensifying_coldspot", "diminishing_coldspot", "former_coldspot",       "hot_to_cold",
    "cold_to_hot"};

enum class Spot : std::uint8_t { none, hot, cold };

Spot spot_of(int bin, int min_abs_bin) {
  if (bin >= min_abs_bin) return Spot::hot;
  if (bin <= -min_abs_bin) return Spot::cold;
  return Spot::none;
}

}  // namespace

std::string_view cell_change_name(CellChange change) { return kNames[static_cast<std::size_t>(change)]; }

std::optional<CellChange> cell_change_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<CellChange>(i);
  return std::nullopt;
}

CellChange classify_cell_change(int bin_baseline, int bin_followup, RateChange count_change,
                                const HotspotChangeOptions& options) {
  if (options.min_abs_bin < 1 || options.min_abs_bin > 3)
    throw std::invalid_argument("classify_cell_change: min_abs_bin must be 1, 2 or 3");
  const Spot before = spot_of(bin_baseline, options.min_abs_bin);
  const Spot after = spot_of(bin_followup, options.min_abs_bin);
  switch (before) {
    case Spot::none:
      if (after == Spot::hot) return CellChange::new_hotspot;
      if (after == Spot::cold) return CellChange::new_coldspot;
      return CellChange::no_pattern;
    case Spot::hot:
      if (after == Spot::none) return CellChange::former_hotspot;
      if (after == Spot::cold) return CellChange::hot_to_cold;
      if (count_change == RateChange::increase) return CellChange::intensifying_hotspot;
      if (count_change == RateChange::decrease) return CellChange::diminishing_hotspot;
      return CellChange::persistent_hotspot;
    case Spot::cold:
      if (after == Spot::none) return CellChange::former_coldspot;
      if (after == Spot::hot) return CellChange::cold_to_hot;
      // A coldspot intensifies when it gets even quieter.
      if (count_change == RateChange::decrease) return CellChange::intensifying_coldspot;
      if (count_change == RateChange::increase) return CellChange::diminishing_coldspot;
      return CellChange::persistent_coldspot;
  }
  return CellChange::no_pattern;
}

std::vector<CellChange> classify_cell_changes(std::span<const std::int8_t> bin_baseline,
                                              std::span<const std::int8_t> bin_followup,
                                              std::span<const RateChange> count_change,
                                              const HotspotChangeOptions& options) {
  if (bin_baseline.size() != bin_followup.size() ||
      (!count_change.empty() && count_change.size() != bin_baseline.size()))
    throw std::invalid_argument("classify_cell_changes: columns differ in length");
  std::vector<CellChange> out(bin_baseline.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = classify_cell_change(bin_baseline[i], bin_followup[i],
                                  count_change.empty() ? RateChange::no_significant_change : count_change[i],
                                  options);
  return out;
}

}  // namespace kvo::engine
