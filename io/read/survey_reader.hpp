#pragma once
// Reads entrepreneurs' survey sources (kind = "survey"): one row per respondent, answers
// mapped by the spec to indicators (docs/survey.md).

#include <cstdint>
#include <string>
#include <vector>

#include "io/core/spec.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io {

/// Every respondent of every survey source, as columns.
struct SurveyTable {
  std::vector<SurveyIndicatorSpec> indicators;  ///< union over sources, by name
  std::vector<double> x, y;                    ///< analysis CRS; NaN when located by area code
  std::vector<std::int32_t> area;              ///< area index (from the code, or assigned later)
  std::vector<std::uint8_t> period;            ///< PeriodId
  std::vector<double> weight;                  ///< survey weight
  std::vector<std::vector<double>> values;     ///< per indicator: 1/0 (share) or the mark; NaN = not answered
  std::int64_t min_respondents = 10;           ///< smallest base for an estimate

  /// Number of respondents.
  [[nodiscard]] std::size_t size() const { return weight.size(); }
};

/// Reads survey source `index` into `table` (rejecting respondents without location,
/// date or weight); the indicators were checked when the spec was parsed. Throws
/// InputError for a missing field.
SourceResult read_survey_source(const AnalysisSpec& spec, std::size_t index, const AreaTable& areas,
                                SurveyTable& table);

}  // namespace kvo::io
