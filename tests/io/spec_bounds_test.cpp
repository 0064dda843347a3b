// Spec values that parse but could never run: refused by `check`, naming key and line.

#include <catch2/catch.hpp>

#include "io/core/errors.hpp"
#include "io/core/spec.hpp"

using namespace kvo::io;

namespace {

std::string minimal(const std::string& top, const std::string& tables) {
  return top + R"(
title = "KVO 's-Hertogenbosch"
as_of = 2024-02-29
[areas]
path = "gebieden.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "politie"
kind = "police"
path = "politie 2023.csv"
x = "x_rd"
y = "y_rd"
start = ["datum", "tijd"]
code = "klasse"
)" + tables;
}

// The ConfigError message of a spec, or "" when it parses.
std::string problem_of(const std::string& text) {
  try {
    parse_spec(text, "/data/kvo/spec.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("lengths must be finite and within sane bounds", "[io][spec]") {
  struct Case {
    std::string table, key;
  };
  for (const auto& [tables, key] : std::vector<Case>{{"[grid]\ncell_size = 0.001\n", "grid.cell_size"},
                                                     {"[grid]\ncell_size = inf\n", "grid.cell_size"},
                                                     {"[grid]\ncell_size = nan\n", "grid.cell_size"},
                                                     {"[grid]\norigin_x = inf\n", "grid.origin_x"},
                                                     {"[hotspots]\ndistance = 1e9\n", "hotspots.distance"},
                                                     {"[hotspots]\nk = 1e8\n", "hotspots.k"},
                                                     {"[hotspots]\nk = 1e30\n", "hotspots.k"},
                                                     {"[hotspots]\nseed = 1e300\n", "hotspots.seed"},
                                                     {"[density]\ncell_size = 0.01\n", "density.cell_size"},
                                                     {"[density]\nbandwidth = -inf\n", "density.bandwidth"},
                                                     {"[compare]\nmin_total = 1e12\n", "compare.min_total"},
                                                     {"[compare]\nalpha = nan\n", "compare.alpha"}}) {
    const std::string why = problem_of(minimal("", tables));
    INFO(tables << " -> " << why);
    CHECK(why.find("'" + key + "'") != std::string::npos);
    CHECK(why.find("spec.toml:") != std::string::npos);
  }
  // The sane values still pass.
  CHECK(
      problem_of(minimal("", "[grid]\ncell_size = 50\n[hotspots]\ndistance = 250\nk = 12\n[density]\ncell_size = 10\n"))
          .empty());
}

TEST_CASE("the analysis CRS must be a known projected CRS in metres", "[io][spec]") {
  // PROJ reads "RD" as the geographic RD/83: refused either way.
  CHECK(problem_of(minimal("crs = \"RD\"", "")).find("'crs': 'RD' ") != std::string::npos);
  CHECK(problem_of(minimal("crs = \"no such CRS\"", "")).find("is not a CRS PROJ knows") != std::string::npos);
  CHECK(problem_of(minimal("crs = \"EPSG:4326\"", "")).find("'crs': 'EPSG:4326' must be a projected CRS") !=
        std::string::npos);
  // EPSG:2272 (NAD83 / Pennsylvania South) is projected but in US survey feet.
  CHECK(problem_of(minimal("crs = \"EPSG:2272\"", "")).find("in metres") != std::string::npos);
  CHECK(problem_of(minimal("crs = \"EPSG:28992\"", "")).empty());
  CHECK(problem_of(minimal("crs = \"EPSG:3035\"", "")).empty());  // ETRS89-LAEA, metres
  // RD New with NAP height (compound): the horizontal part counts.
  CHECK(problem_of(minimal("crs = \"EPSG:7415\"", "")).empty());
}
