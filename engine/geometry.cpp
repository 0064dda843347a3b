#include "engine/geometry.hpp"

namespace kvo::engine {

Envelope envelope_of(const MultiPolygon& geometry) {
  Envelope env;
  for (const auto& poly : geometry)
    for (const auto& p : poly.outer()) env.expand(p.x(), p.y());
  return env;
}

}  // namespace kvo::engine
