#pragma once
// Which lattice cells a polygon covers, as build_grid keeps them: a cell whose outline
// meets the polygon's interior. Cells near the boundary are tested exactly; the others by
// the even-odd rule on their row's centre line. Shared by the dense and the sparse grid.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

#include "engine/geometry.hpp"
#include "engine/grid.hpp"

namespace kvo::engine {

/// The polygons a grid covers: every part of every area, or (StudyExtent::bounding_box)
/// their bounding box; `envelope` gets the areas' envelope.
std::vector<Polygon> study_parts(std::span<const MultiPolygon> areas, StudyExtent extent, Envelope& envelope);

/// Lattice columns and rows of an envelope's corner cells, one cell of margin around.
struct CellRange {
  std::int64_t c0 = 0, c1 = -1, r0 = 0, r1 = -1;
};
CellRange cell_range(const GridSpec& spec, const Envelope& envelope);

/// One polygon (part of an area) against the cells of a lattice.
class PartCover {
 public:
  PartCover(const GridSpec& spec, const Polygon& part);
  /// True when the polygon has no edges.
  [[nodiscard]] bool empty() const { return segments_.empty(); }
  /// Where row r's centre line crosses the boundary, sorted (reused buffer).
  void row_crossings(std::int64_t r, std::vector<double>& crossings) const;
  /// Whether the cell's outline meets the polygon's interior; `crossings` of its row.
  [[nodiscard]] bool covers(CellIndex cell, const std::vector<double>& crossings) const;
  /// The cells the polygon can cover.
  [[nodiscard]] const CellRange& range() const { return range_; }

 private:
  using Entry = std::pair<Box, std::uint32_t>;
  const GridSpec& spec_;
  const Polygon& part_;
  std::vector<std::pair<Point, Point>> segments_;
  boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>> tree_;
  CellRange range_;
};

}  // namespace kvo::engine
