#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/fdr.hpp"

using namespace kvo::engine;

// Reference: R 4.x, p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")
//   = 0.025 0.050 0.050 0.025 0.500 (hand-checked: m p_(j)/j = .025 .025 .05 .05 .5).
TEST_CASE("BH q-values match the step-up definition", "[engine][fdr]") {
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005, 0.5};
  const auto q = bh_qvalues(p);
  CHECK(q[0] == Approx(0.025).margin(1e-12));
  CHECK(q[1] == Approx(0.05).margin(1e-12));
  CHECK(q[2] == Approx(0.05).margin(1e-12));
  CHECK(q[3] == Approx(0.025).margin(1e-12));
  CHECK(q[4] == Approx(0.5).margin(1e-12));
}

TEST_CASE("BH threshold is the largest p under its step-up line", "[engine][fdr]") {
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005, 0.5};
  CHECK(bh_threshold(p, 0.05) == 0.04);  // 4th smallest: 0.04 <= 4*0.05/5 = 0.04
  CHECK(bh_threshold(p, 0.01) == 0.0);   // 0.005 > 0.01/5
  const std::vector<double> with_nan = {0.001, std::nan(""), 0.9};
  const auto q = bh_qvalues(with_nan);
  CHECK(std::isnan(q[1]));
  CHECK(q[0] == Approx(0.002));
}
