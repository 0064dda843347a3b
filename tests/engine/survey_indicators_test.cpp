#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/survey_indicators.hpp"

using namespace kvo::engine;

TEST_CASE("survey indicators are estimated per area and period and differenced between waves",
          "[engine][survey]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Area 0, baseline: 4 respondents, unsafe 1,1,0,NaN (the NaN is "weet niet": outside the base).
  // Area 0, follow-up: 3 respondents, unsafe 0,0,1. Area 1: nobody.
  const std::vector<std::int32_t> area = {0, 0, 0, 0, 0, 0, 0, -1};
  const std::vector<std::uint8_t> period = {0, 0, 0, 0, 1, 1, 1, 0};
  const std::vector<double> weight = {1, 1, 2, 1, 1, 1, 1, 1};
  const std::vector<double> unsafe = {1, 1, 0, nan, 0, 0, 1, 1};
  SurveyColumns c{area, period, weight, {unsafe}, {false}};
  auto rows = compute_survey_indicators(c, 2, {.confidence = 0.95, .min_respondents = 1});
  REQUIRE(rows.size() == 2);
  // Baseline: Σw = 4, Σw·y = 2 → 0.5; n = 3; n_eff = 16/6.
  CHECK(rows[0].estimate.n == 3);
  CHECK(rows[0].estimate.estimate == Approx(0.5));
  CHECK(rows[0].estimate.n_eff == Approx(16.0 / 6.0));
  CHECK(rows[1].estimate.estimate == Approx(1.0 / 3.0));
  attach_survey_differences(rows, {false}, {.confidence = 0.95, .min_respondents = 1});
  CHECK_FALSE(rows[0].difference.has_value());
  REQUIRE(rows[1].difference.has_value());
  CHECK(rows[1].difference->estimate == Approx(1.0 / 3.0 - 0.5));
}
