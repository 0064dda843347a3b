#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engine/hotspot_change.hpp"

using namespace kvo::engine;

namespace {
constexpr auto kNone = RateChange::no_significant_change;
}

// The transition table of docs/comparison.md, written out by hand.
TEST_CASE("hotspot change classes follow the two-period transition table", "[engine][hotspot_change]") {
  CHECK(classify_cell_change(0, 0, kNone) == CellChange::no_pattern);
  CHECK(classify_cell_change(0, 2, kNone) == CellChange::new_hotspot);
  CHECK(classify_cell_change(0, -1, kNone) == CellChange::new_coldspot);
  CHECK(classify_cell_change(3, 0, kNone) == CellChange::former_hotspot);
  CHECK(classify_cell_change(-2, 0, kNone) == CellChange::former_coldspot);
  CHECK(classify_cell_change(1, -3, kNone) == CellChange::hot_to_cold);
  CHECK(classify_cell_change(-1, 1, kNone) == CellChange::cold_to_hot);

  CHECK(classify_cell_change(2, 3, kNone) == CellChange::persistent_hotspot);
  CHECK(classify_cell_change(2, 3, RateChange::too_few) == CellChange::persistent_hotspot);
  CHECK(classify_cell_change(2, 1, RateChange::increase) == CellChange::intensifying_hotspot);
  CHECK(classify_cell_change(3, 3, RateChange::decrease) == CellChange::diminishing_hotspot);

  CHECK(classify_cell_change(-2, -3, kNone) == CellChange::persistent_coldspot);
  CHECK(classify_cell_change(-1, -1, RateChange::decrease) == CellChange::intensifying_coldspot);
  CHECK(classify_cell_change(-3, -2, RateChange::increase) == CellChange::diminishing_coldspot);

  // The count verdict only matters for cells significant in both periods.
  CHECK(classify_cell_change(0, 3, RateChange::increase) == CellChange::new_hotspot);
  CHECK(classify_cell_change(3, 0, RateChange::decrease) == CellChange::former_hotspot);
}

TEST_CASE("min_abs_bin raises the confidence needed to count as a spot", "[engine][hotspot_change]") {
  HotspotChangeOptions strict;
  strict.min_abs_bin = 2;  // 95 %, as sfhotspot's critical_p = 0.05
  CHECK(classify_cell_change(1, 2, kNone, strict) == CellChange::new_hotspot);
  CHECK(classify_cell_change(2, 1, kNone, strict) == CellChange::former_hotspot);
  CHECK(classify_cell_change(-1, 1, kNone, strict) == CellChange::no_pattern);
  CHECK(classify_cell_change(-2, 2, kNone, strict) == CellChange::cold_to_hot);
  strict.min_abs_bin = 3;
  CHECK(classify_cell_change(2, 3, kNone, strict) == CellChange::new_hotspot);
  strict.min_abs_bin = 0;
  CHECK_THROWS_AS(classify_cell_change(0, 0, kNone, strict), std::invalid_argument);
}

TEST_CASE("column classification matches the scalar one and checks lengths", "[engine][hotspot_change]") {
  const std::vector<std::int8_t> before = {0, 2, 2, -1, 3};
  const std::vector<std::int8_t> after = {1, 2, 2, -2, 0};
  const std::vector<RateChange> counts = {kNone, RateChange::increase, kNone, RateChange::decrease, kNone};
  const auto classes = classify_cell_changes(before, after, counts);
  REQUIRE(classes.size() == 5);
  CHECK(classes[0] == CellChange::new_hotspot);
  CHECK(classes[1] == CellChange::intensifying_hotspot);
  CHECK(classes[2] == CellChange::persistent_hotspot);
  CHECK(classes[3] == CellChange::intensifying_coldspot);
  CHECK(classes[4] == CellChange::former_hotspot);
  const auto without_counts = classify_cell_changes(before, after, {});
  CHECK(without_counts[1] == CellChange::persistent_hotspot);
  const std::vector<std::int8_t> short_after = {1};
  CHECK_THROWS_AS(classify_cell_changes(before, short_after, {}), std::invalid_argument);
}

TEST_CASE("every change class has a distinct name that round-trips", "[engine][hotspot_change]") {
  std::set<std::string> names;
  for (std::size_t i = 0; i < kCellChangeCount; ++i) {
    const auto c = static_cast<CellChange>(i);
    const auto name = cell_change_name(c);
    names.emplace(name);
    CHECK(cell_change_from_name(name) == c);
  }
  CHECK(names.size() == kCellChangeCount);
  CHECK(cell_change_name(CellChange::intensifying_hotspot) == "intensifying_hotspot");
  CHECK_FALSE(cell_change_from_name("sporadic_hotspot").has_value());
}
