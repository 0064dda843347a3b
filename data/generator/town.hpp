#pragma once
// The fictional town Zuidhaven (RD New, EPSG:28992, around x 150–156 km, y 410–416 km):
// 30 buurten tiling the town, the two KVO areas, their streets and the planted hotspots.
// Everything here is fixed (its own seed), so every demo file agrees on the same town.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/generator/geometry.hpp"

namespace kvo::gen {

/// A CBS-like neighbourhood.
struct Buurt {
  std::string code;                  ///< BU19990001 …
  std::string name;                  ///< UTF-8, may hold apostrophes and é
  Ring ring;                         ///< counter-clockwise, shares vertices with its neighbours
  double residential = 1;            ///< relative weight for crimes at homes
  double commercial = 1;             ///< relative weight for crimes at businesses
  std::vector<std::string> streets;  ///< street names, by position within the buurt
};

/// A KVO area as drawn by the partnership.
struct KvoArea {
  std::string code, name, kind;  ///< `code`, `naam`, `soort`
  Ring ring;                     ///< the intended (valid) outline
  Ring drawn;                    ///< as written to the GeoJSON (may self-intersect)
  std::vector<Street> streets;   ///< streets inside the area
};

/// A planted concentration of incidents.
struct Hotspot {
  Pt centre;              ///< RD metres
  double radius_m = 100;  ///< every planted incident lies within this radius
};

/// The whole town.
struct Town {
  std::vector<Buurt> buurten;
  KvoArea shopping;       ///< Winkelcentrum 't Zand (kvo_winkelgebied)
  KvoArea business;       ///< Bedrijventerrein De Hoek (kvo_bedrijventerrein), bowtie near its NE corner
  Hotspot shoplifting;    ///< (a) Hoogstraat department store, shrinks 2023 → 2025
  Hotspot bicycles;       ///< (b) Stationsplein, persists
  Hotspot vandalism;      ///< (c) Energieweg/Transportweg, new in 2025
  Ring outline;           ///< the town's outer boundary (union of the buurten)
};

/// The i-th name of a pool of Dutch street names (UTF-8, some with ë, ï, ö, ç).
std::string street_name(std::size_t i);
/// Number of distinct names in that pool.
std::size_t street_name_count();

/// Zuidhaven, built once (deterministic).
const Town& zuidhaven();

/// Where a synthetic record is placed.
enum class Zone : std::uint8_t {
  residential,          ///< anywhere in town, buurten weighted by `residential`
  commercial,           ///< anywhere in town, buurten weighted by `commercial`
  shopping,             ///< uniform in the shopping area
  shopping_streets,     ///< along the shopping area's streets
  business,             ///< in the business park, mostly along its streets
  hotspot_shoplifting,  ///< within Town::shoplifting
  hotspot_bicycles,     ///< within Town::bicycles
  hotspot_vandalism,    ///< within Town::vandalism
};

/// A point in a zone, rounded to centimetres.
Pt sample_in(const Town& town, Zone zone, Rng& rng);

/// Index of the buurt holding p, or buurten.size() when outside the town.
std::size_t buurt_at(const Town& town, Pt p);

/// A plausible street name for a point (UTF-8): the nearest street inside a KVO area,
/// else one of the buurt's streets chosen by position.
const std::string& street_at(const Town& town, Pt p);

}  // namespace kvo::gen
