#pragma once
// `kvo_generate country`: one national police export over a synthetic Netherlands with its
// KVO areas, for country-scale runs (every KVO area analysed from one export).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/generator/geometry.hpp"

namespace kvo::gen {

/// What `kvo_generate country` writes.
struct CountryOptions {
  int towns = 350;                       ///< incident clusters (the 21 largest are real cities)
  int areas = 1000;                      ///< KVO areas
  std::int64_t rows_per_year = 420'000;  ///< police records per year
  std::uint64_t seed = 1;                ///< random seed; same seed and options, same bytes
  std::filesystem::path out_dir;         ///< politie.csv, kvo_gebieden.geojson, nederland.geojson
  int first_year = 2023;                 ///< records start in [first_year, last_year]
  int last_year = 2024;
  double bad_share = 0.01;  ///< share of rows with one planted fault
};

/// What was written.
struct CountrySummary {
  std::int64_t rows = 0, bad_rows = 0;
  int shopping_areas = 0, business_parks = 0;
};

/// Writes the three files into options.out_dir (which must exist).
CountrySummary write_country(const CountryOptions& options);

/// A polygon with its text properties.
struct TextPolygon {
  std::vector<std::string> values;  ///< one per field, UTF-8
  Ring ring;                        ///< RD New metres, counter-clockwise
};

/// Writes polygons as GeoJSON in RD New (the CRS declared as urn:ogc:def:crs:EPSG::28992,
/// centimetre coordinates); throws when a polygon is not valid (gdal_out.cpp).
void write_rd_polygons(const std::filesystem::path& path, const std::string& layer,
                       const std::vector<std::string>& fields, const std::vector<TextPolygon>& polygons);

}  // namespace kvo::gen
