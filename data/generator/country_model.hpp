#pragma once
// A synthetic Netherlands for country-scale runs (RD New, EPSG:28992): a coarse outline of
// the mainland, towns as clusters of incidents (the largest at the real positions of the
// largest cities, the rest placed at random), and KVO areas — shopping areas and business
// parks — in those towns. Deterministic for a given seed and size.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/generator/geometry.hpp"
#include "data/generator/rng.hpp"

namespace kvo::gen {

/// A town: a cluster of incidents.
struct CountryTown {
  std::string name;   ///< UTF-8, may hold apostrophes ('s-Hertogenbosch)
  Pt centre;          ///< RD metres, inside the outline
  double sd_m = 0;    ///< spread of its incidents (standard deviation), 500–4000 m
  double weight = 0;  ///< relative share of the incidents
};

/// A KVO area in a town.
struct CountryArea {
  std::string code;  ///< KVO0001 …
  std::string name;  ///< naam (UTF-8, may hold apostrophes)
  std::string kind;  ///< kvo_winkelgebied | kvo_bedrijventerrein
  std::size_t town = 0;
  Ring ring;  ///< simple, counter-clockwise, 0.5–1.5 km across, inside the outline
};

/// The whole country.
struct Country {
  Ring outline;  ///< the mainland, coarsely (counter-clockwise; no islands)
  std::vector<CountryTown> towns;
  std::vector<CountryArea> areas;
};

/// Builds `towns` towns and `areas` KVO areas, drawing from `rng`.
Country build_country(int towns, int areas, Rng& rng);

/// A town name not in `taken` (UTF-8), drawn from Dutch-looking parts.
std::string draw_town_name(const std::vector<std::string>& taken, Rng& rng);

/// A name for a KVO area of `kind` in `town`; `first_of_kind` is true for the town's first
/// area of that kind (named after the town: "'s-Hertogenbosch Centrum").
std::string draw_area_name(const std::string& kind, const std::string& town, bool first_of_kind, Rng& rng);

}  // namespace kvo::gen
