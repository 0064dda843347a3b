#pragma once
// Reads the spec's area layers into valid polygons in the analysis CRS.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/incident_set.hpp"
#include "io/core/spec.hpp"

namespace kvo::io {

/// The areas of an analysis, parallel to `areas` (one index = one area).
struct AreaTable {
  std::vector<std::string> id;         ///< unique area code
  std::vector<std::string> name;       ///< display name
  std::vector<std::string> kind;       ///< e.g. kvo_winkelgebied, buurt
  std::vector<std::uint8_t> repaired;  ///< 1 when the geometry was repaired
  engine::Areas areas;                 ///< geometry (valid, metres), area in m², set number
  std::vector<std::string> set_name;   ///< name of each area set (engine::Areas::set indexes it)
  std::vector<std::string> warnings;   ///< one per repaired or dropped part, for the log

  /// Number of areas.
  [[nodiscard]] std::size_t size() const { return id.size(); }
  /// Index of an area code, or -1.
  [[nodiscard]] std::int32_t find(const std::string& code) const;
};

/// Reads every [[areas]] layer, transforms to the analysis CRS and repairs invalid
/// polygons. Each table's areas form the area set named by its `set` (tables with the
/// same name share one set), numbered in order of first appearance. Throws InputError
/// (file, row, field) for a missing file or field, a non-polygon geometry, an empty or
/// duplicate code (codes are unique over every set), or a table without areas.
AreaTable read_areas(const AnalysisSpec& spec);

}  // namespace kvo::io
