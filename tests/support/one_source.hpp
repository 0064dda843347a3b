#pragma once
// The inputs of a reader test: one 1 km area ("Winkelcentrum 't Zand", RD New) and a spec
// for 2023 with a single source whose keys the test gives.

#include <string>

namespace kvo::test {

/// One area, 150,000–151,000 × 410,000–411,000 in RD New, as GeoJSON.
inline const char* kOneArea =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"A1","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[151000,410000],[151000,411000],[150000,411000],[150000,410000]]]}}]})";

/// A spec reading `areas.geojson` (kOneArea) with a 2023 baseline and as_of 2024-06-01,
/// then one `[[sources]]` table holding `source_keys` (TOML lines).
inline std::string one_source_spec(const std::string& source_keys) {
  return "as_of = 2024-06-01\n[areas]\npath = \"areas.geojson\"\nid = \"code\"\n"
         "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n[[sources]]\n" +
         source_keys;
}

}  // namespace kvo::test
