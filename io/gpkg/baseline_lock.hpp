#pragma once
// The follow-up lock beyond method keys: the follow-up's areas must be the baseline's (ids
// and geometry), and a baseline GeoPackage must still hold what kvo wrote (its spec and its
// incidents per period and theme). docs/comparison.md, "The follow-up lock".

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "io/gpkg/baseline.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"

namespace kvo::io {

/// SHA-256 (hex) of an area's geometry: every vertex in the analysis CRS rounded to the
/// millimetre, polygons and rings in stored order (outer ring first).
std::string area_geometry_sha256(const engine::MultiPolygon& geometry);

/// The "areas" deviation when the follow-up's areas differ from the baseline's in ids or
/// geometry hash; nullopt when they are the same set (order, names and kinds aside).
std::optional<Deviation> compare_areas(const AreaTable& baseline, const AreaTable& followup);

/// The `incident_counts` manifest row: period → theme → number of records in the
/// incidents and observations layers together ("none" for a record without period).
nlohmann::json incident_counts_json(const IncidentTable& table);

/// What verify_baseline could check.
struct BaselineVerification {
  bool counts_checked = false;  ///< false for a baseline written before `incident_counts` existed
};

/// Checks that a baseline GeoPackage is as kvo wrote it: the `spec_sha256` row matches the
/// stored `spec` row, and the incidents per period and theme match the `incident_counts`
/// row. Throws InputError naming the file and the first mismatches.
BaselineVerification verify_baseline(const std::filesystem::path& path, const GpkgContents& contents);

}  // namespace kvo::io
