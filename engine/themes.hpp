#pragma once
// The incident themes of the KVO safety analysis (docs/contract/DOMAIN.md), as a fixed, ordered table.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kvo::engine {

/// Index of a theme in `kThemes`; `kThemeAll` stands for the total over all themes.
using ThemeId = std::uint8_t;

/// The theme ids in report order. Stable: written to outputs by name, never by number.
inline constexpr std::array<std::string_view, 16> kThemes = {
    "burglary",  "robbery",   "street_robbery", "shoplifting", "theft_other", "vehicle_crime",
    "bicycle_theft", "threat", "violence",      "vandalism",   "nuisance",    "internal_fraud",
    "fire",      "false_alarm", "maintenance",  "access_parking"};

/// Number of real themes.
inline constexpr std::size_t kThemeCount = kThemes.size();
/// The pseudo-theme `all`: totals over every theme.
inline constexpr ThemeId kThemeAll = static_cast<ThemeId>(kThemeCount);
/// Name written to outputs for `kThemeAll`.
inline constexpr std::string_view kThemeAllName = "all";

/// Name of a theme id (`all` for kThemeAll).
constexpr std::string_view theme_name(ThemeId id) {
  return id < kThemeCount ? kThemes[id] : kThemeAllName;
}

/// The theme names in report order, comma-separated, for messages that list them.
inline std::string theme_list() {
  std::string s;
  for (const auto& t : kThemes) s += (s.empty() ? "" : ", ") + std::string(t);
  return s;
}

/// Theme id of a name (`all` included), or nullopt when unknown.
constexpr std::optional<ThemeId> theme_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kThemeCount; ++i)
    if (kThemes[i] == name) return static_cast<ThemeId>(i);
  if (name == kThemeAllName) return kThemeAll;
  return std::nullopt;
}

}  // namespace kvo::engine
