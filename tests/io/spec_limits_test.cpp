// Spec values beyond what their C++ type can hold (found by fuzz/fuzz_spec.cpp): each is a
// ConfigError naming its key, never an out-of-range cast or an overflowing day count.
#include <catch2/catch.hpp>

#include <climits>
#include <string>

#include "io/core/errors.hpp"
#include "io/core/spec.hpp"

using namespace kvo::io;
using kvo::engine::days_from_civil;

static const char* kSpec = R"(
as_of = 2024-02-29
[areas]
path = "gebieden.geojson"
id = "code"
[[sources]]
name = "politie"
kind = "police"
path = "politie.csv"
start = "datum"
code = "klasse"
)";

static std::string message_of(const std::string& text) {
  try {
    auto spec = parse_spec(text, "s.toml");
    resolve_periods(spec);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST_CASE("whole-number spec values that no integer can hold are refused, naming the key", "[io][spec]") {
  const std::string periods = "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n";
  const auto [section, key, value] = GENERATE(table<std::string, std::string, std::string>({
      {"hotspots", "k", "1e300"},
      {"hotspots", "k", "nan"},
      {"hotspots", "permutations", "nan"},
      {"hotspots", "seed", "1e30"},
      {"hotspots", "seed", "nan"},
      {"compare", "min_total", "1e20"},
      {"compare", "min_total", "nan"},
  }));
  const std::string text = kSpec + periods + "[" + section + "]\n" + key + " = " + value + "\n";
  INFO(text);
  CHECK(message_of(text).find("'" + section + "." + key + "'") != std::string::npos);
}

TEST_CASE("the largest whole numbers the spec allows are accepted, one more is refused", "[io][spec]") {
  // The bounds are docs/spec.md's sane limits, well inside what the fields can hold.
  const std::string periods = "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n";
  const auto spec = parse_spec(std::string(kSpec) + periods +
                                   "[hotspots]\nk = 1000\nseed = 9007199254740992\n"
                                   "[compare]\nmin_total = 1000000\n",
                               "s.toml");
  CHECK(spec.hotspots.k == 1000);
  CHECK(spec.hotspots.seed == 9007199254740992ull);  // 2^53
  CHECK(spec.compare.min_total == 1000000);
  CHECK(message_of(std::string(kSpec) + periods + "[hotspots]\nk = 1001\n").find("'hotspots.k'") != std::string::npos);
  CHECK(message_of(std::string(kSpec) + periods + "[hotspots]\nseed = 9007199254740994\n").find("'hotspots.seed'") !=
        std::string::npos);
  CHECK(message_of(std::string(kSpec) + periods + "[compare]\nmin_total = 1000001\n").find("'compare.min_total'") !=
        std::string::npos);
}

TEST_CASE("a relative period longer than 100000 units is refused instead of overflowing", "[io][spec]") {
  for (const char* last : {"2000000000 weeks", "2000000000 years", "2000000000 months", "100001 days"}) {
    INFO(last);
    const std::string m = message_of(std::string(kSpec) + "[periods.baseline]\nlast = \"" + last + "\"\n");
    CHECK(m.find("'periods.baseline.last' is too long") != std::string::npos);
  }
  // 100000 years ending 2024-02-29 start on 1 March, 100000 years before 2024.
  auto spec = parse_spec(std::string(kSpec) + "[periods.baseline]\nlast = \"100000 years\"\n", "s.toml");
  resolve_periods(spec);
  CHECK(spec.periods[0].range.from_day == days_from_civil({2024 - 100000, 3, 1}));
  CHECK(spec.periods[0].range.to_day == days_from_civil({2024, 2, 29}));
}
