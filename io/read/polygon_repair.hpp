#pragma once
// Validity check and repair of area polygons with GEOS (make-valid, structure method).

#include <string>

#include "engine/geometry.hpp"

namespace kvo::io {

/// A polygonal geometry after repair.
struct RepairOutcome {
  engine::MultiPolygon geometry;  ///< valid, oriented and closed for Boost.Geometry
  bool repaired = false;          ///< the input was invalid and was repaired
  std::string reason;             ///< GEOS's validity reason when it was invalid
};

/// Checks rings as given (any orientation) and repairs invalid ones with GEOS make-valid
/// (STRUCTURE method: self-intersections become separate polygons, collapsed parts are
/// dropped). Throws IoError when GEOS fails.
RepairOutcome repair_polygonal(const engine::MultiPolygon& input);

}  // namespace kvo::io
