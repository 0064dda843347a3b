#pragma once
// Plain planar geometry for placing synthetic records (RD New metres): rings, polylines,
// point-in-polygon and uniform sampling. No GDAL here: the bulk generator uses it too.

#include <string>
#include <vector>

#include "data/generator/rng.hpp"

namespace kvo::gen {

/// A point in metres.
struct Pt {
  double x = 0, y = 0;
};

/// A polygon ring, implicitly closed (the last vertex is not repeated).
using Ring = std::vector<Pt>;

/// A named street as a polyline.
struct Street {
  std::string name;      ///< UTF-8
  std::vector<Pt> line;  ///< at least two vertices
};

/// Even-odd point-in-ring test.
bool contains(const Ring& ring, Pt p);

/// Unsigned area of a simple ring, m² (shoelace).
double ring_area(const Ring& ring);

/// Axis-aligned bounds of a ring: {min, max}.
std::pair<Pt, Pt> bounds(const Ring& ring);

/// Uniform point inside a ring (rejection sampling in its bounding box).
Pt sample_in_ring(const Ring& ring, Rng& rng);

/// Point within `radius_m` of `centre`, denser towards the middle: with probability 0.6
/// uniform in the inner half radius, else uniform in the whole disk.
Pt sample_hotspot(Pt centre, double radius_m, Rng& rng);

/// Uniform point along a street, offset sideways by up to `offset_m` (façades, kerbs).
Pt sample_along(const Street& street, double offset_m, Rng& rng);

/// Distance from p to a polyline, m.
double distance_to(const std::vector<Pt>& line, Pt p);

/// Euclidean distance, m.
double distance(Pt a, Pt b);

/// A point rounded to whole centimetres (keeps shared vertices and written values exact).
Pt round_cm(Pt p);

}  // namespace kvo::gen
