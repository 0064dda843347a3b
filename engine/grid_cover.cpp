#include "engine/grid_cover.hpp"

#include <algorithm>

namespace kvo::engine {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

std::vector<Polygon> study_parts(std::span<const MultiPolygon> areas, StudyExtent extent, Envelope& env) {
  env = Envelope{};
  for (const auto& area : areas) env.expand(envelope_of(area));
  std::vector<Polygon> parts;
  if (env.empty()) return parts;
  if (extent == StudyExtent::bounding_box) {
    Polygon box;
    box.outer() = {{env.min_x, env.min_y},
                   {env.min_x, env.max_y},
                   {env.max_x, env.max_y},
                   {env.max_x, env.min_y},
                   {env.min_x, env.min_y}};
    parts.push_back(box);
  } else {
    for (const auto& area : areas)
      for (const auto& part : area) parts.push_back(part);
  }
  return parts;
}

CellRange cell_range(const GridSpec& spec, const Envelope& e) {
  CellRange r{INT64_MAX, INT64_MIN, INT64_MAX, INT64_MIN};
  for (const double cx : {e.min_x, e.max_x})
    for (const double cy : {e.min_y, e.max_y}) {
      const CellIndex c = lattice_cell(spec, cx, cy);
      r.c0 = std::min<std::int64_t>(r.c0, c.col - 1);
      r.c1 = std::max<std::int64_t>(r.c1, c.col + 1);
      r.r0 = std::min<std::int64_t>(r.r0, c.row - 1);
      r.r1 = std::max<std::int64_t>(r.r1, c.row + 1);
    }
  return r;
}

PartCover::PartCover(const GridSpec& spec, const Polygon& part) : spec_(spec), part_(part) {
  auto add_ring = [&](const auto& ring) {
    for (std::size_t v = 0; v + 1 < ring.size(); ++v) segments_.emplace_back(ring[v], ring[v + 1]);
  };
  add_ring(part.outer());
  for (const auto& hole : part.inners()) add_ring(hole);
  if (segments_.empty()) return;
  std::vector<Entry> entries;
  entries.reserve(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) {
    const auto& [p, q] = segments_[s];
    entries.emplace_back(Box(Point(std::min(p.x(), q.x()), std::min(p.y(), q.y())),
                             Point(std::max(p.x(), q.x()), std::max(p.y(), q.y()))),
                         static_cast<std::uint32_t>(s));
  }
  tree_ = decltype(tree_)(entries.begin(), entries.end());
  Envelope env;
  for (const auto& p : part.outer()) env.expand(p.x(), p.y());
  range_ = cell_range(spec, env);
}

void PartCover::row_crossings(std::int64_t r, std::vector<double>& crossings) const {
  // Even-odd crossings of the row's centre line, for cells away from the boundary.
  const double cy = lattice_centre(spec_, {0, static_cast<std::int32_t>(r)}).y();
  crossings.clear();
  for (const auto& [p, q] : segments_)
    if ((p.y() > cy) != (q.y() > cy)) crossings.push_back(p.x() + (cy - p.y()) * (q.x() - p.x()) / (q.y() - p.y()));
  std::sort(crossings.begin(), crossings.end());
}

bool PartCover::covers(CellIndex cell, const std::vector<double>& crossings) const {
  if (cell.col < range_.c0 || cell.col > range_.c1 || cell.row < range_.r0 || cell.row > range_.r1) return false;
  const Polygon outline = lattice_polygon(spec_, cell);
  const Box cell_box = bg::return_envelope<Box>(outline);
  if (tree_.qbegin(bgi::intersects(cell_box)) != tree_.qend()) {
    static const auto interiors_meet = bg::de9im::mask("T********");
    return bg::relate(outline, part_, interiors_meet);
  }
  const double cx = lattice_centre(spec_, cell).x();
  const auto left = std::lower_bound(crossings.begin(), crossings.end(), cx) - crossings.begin();
  return left % 2 == 1;
}

}  // namespace kvo::engine
