#pragma once
// Analysis periods: the baseline (nulmeting) and the follow-up (vervolgmeting).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kvo::engine {

/// Index of a period.
enum class PeriodId : std::uint8_t { baseline = 0, followup = 1 };
/// Sentinel stored in IncidentSet::period for a record outside every period.
inline constexpr std::uint8_t kNoPeriod = 255;
/// Number of periods.
inline constexpr std::size_t kPeriodCount = 2;
/// Period names as written to outputs.
inline constexpr std::array<std::string_view, kPeriodCount> kPeriodNames = {"baseline", "followup"};

/// Name of a period.
constexpr std::string_view period_name(PeriodId id) { return kPeriodNames[static_cast<std::size_t>(id)]; }

/// Period id from a name, or nullopt.
constexpr std::optional<PeriodId> period_from_name(std::string_view name) {
  if (name == "baseline") return PeriodId::baseline;
  if (name == "followup") return PeriodId::followup;
  return std::nullopt;
}

/// A closed range of calendar days, [from_day, to_day], days since 1970-01-01 (civil dates).
struct PeriodRange {
  std::int32_t from_day = 0;  ///< first day included
  std::int32_t to_day = -1;   ///< last day included
  /// Number of days included.
  [[nodiscard]] std::int32_t days() const { return to_day - from_day + 1; }
  /// Exposure in years of 365.25 days.
  [[nodiscard]] double years() const { return days() / 365.25; }
  /// True when `day` lies in the range.
  [[nodiscard]] bool contains(std::int32_t day) const { return day >= from_day && day <= to_day; }
};

}  // namespace kvo::engine
