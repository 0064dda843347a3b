#pragma once
// Plain planar geometry types for the engine, registered with Boost.Geometry.
// Coordinates are metres in the analysis CRS (RD New by default).

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace kvo::engine {

namespace bg = boost::geometry;

/// A planar point in metres.
using Point = bg::model::d2::point_xy<double>;
/// A polygon with clockwise outer ring and counter-clockwise holes, closed (Boost default).
using Polygon = bg::model::polygon<Point>;
/// A multipolygon: the geometry of an area.
using MultiPolygon = bg::model::multi_polygon<Polygon>;
/// An axis-aligned box.
using Box = bg::model::box<Point>;

/// Axis-aligned envelope in metres; empty when min > max.
struct Envelope {
  double min_x = 1.0, min_y = 1.0, max_x = -1.0, max_y = -1.0;
  /// True when nothing was added.
  [[nodiscard]] bool empty() const { return min_x > max_x || min_y > max_y; }
  /// Grows the envelope to include (x, y).
  void expand(double x, double y) {
    if (empty()) {
      min_x = max_x = x;
      min_y = max_y = y;
      return;
    }
    if (x < min_x) min_x = x;
    if (x > max_x) max_x = x;
    if (y < min_y) min_y = y;
    if (y > max_y) max_y = y;
  }
  /// Grows the envelope to include another one.
  void expand(const Envelope& o) {
    if (o.empty()) return;
    expand(o.min_x, o.min_y);
    expand(o.max_x, o.max_y);
  }
  /// True when (x, y) lies inside or on the boundary.
  [[nodiscard]] bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
  /// The envelope grown by `margin` on every side (empty stays empty).
  [[nodiscard]] Envelope grown(double margin) const {
    if (empty()) return *this;
    return {min_x - margin, min_y - margin, max_x + margin, max_y + margin};
  }
  [[nodiscard]] double width() const { return empty() ? 0.0 : max_x - min_x; }
  [[nodiscard]] double height() const { return empty() ? 0.0 : max_y - min_y; }
};

/// Envelope of a multipolygon.
Envelope envelope_of(const MultiPolygon& geometry);

}  // namespace kvo::engine
