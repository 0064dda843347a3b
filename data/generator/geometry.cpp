#include "data/generator/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace kvo::gen {

bool contains(const Ring& ring, Pt p) {
  bool inside = false;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Pt& a = ring[i];
    const Pt& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y)) {
      const double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
      if (p.x < x) inside = !inside;
    }
  }
  return inside;
}

double ring_area(const Ring& ring) {
  double twice = 0;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) twice += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  return std::abs(twice) / 2;
}

std::pair<Pt, Pt> bounds(const Ring& ring) {
  Pt lo = ring.front(), hi = ring.front();
  for (const Pt& p : ring) {
    lo.x = std::min(lo.x, p.x), lo.y = std::min(lo.y, p.y);
    hi.x = std::max(hi.x, p.x), hi.y = std::max(hi.y, p.y);
  }
  return {lo, hi};
}

Pt sample_in_ring(const Ring& ring, Rng& rng) {
  const auto [lo, hi] = bounds(ring);
  for (;;) {
    const Pt p{rng.uniform(lo.x, hi.x), rng.uniform(lo.y, hi.y)};
    if (contains(ring, p)) return p;
  }
}

Pt sample_hotspot(Pt centre, double radius_m, Rng& rng) {
  const double r = rng.chance(0.6) ? radius_m / 2 : radius_m;
  for (;;) {
    const double u = rng.uniform(-1, 1), v = rng.uniform(-1, 1);
    if (u * u + v * v < 1) return {centre.x + r * u, centre.y + r * v};
  }
}

double distance(Pt a, Pt b) { return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)); }

Pt sample_along(const Street& street, double offset_m, Rng& rng) {
  double total = 0;
  for (std::size_t i = 1; i < street.line.size(); ++i) total += distance(street.line[i - 1], street.line[i]);
  double s = rng.uniform() * total;
  const double side = rng.uniform(-offset_m, offset_m);
  for (std::size_t i = 1; i < street.line.size(); ++i) {
    const Pt a = street.line[i - 1], b = street.line[i];
    const double len = distance(a, b);
    if (s <= len || i + 1 == street.line.size()) {
      const double t = len > 0 ? std::min(s / len, 1.0) : 0;
      const double dx = (b.x - a.x) / len, dy = (b.y - a.y) / len;
      return {a.x + t * (b.x - a.x) - side * dy, a.y + t * (b.y - a.y) + side * dx};
    }
    s -= len;
  }
  return street.line.front();
}

double distance_to(const std::vector<Pt>& line, Pt p) {
  double best = distance(line.front(), p);
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Pt a = line[i - 1], b = line[i];
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    best = std::min(best, distance({a.x + t * dx, a.y + t * dy}, p));
  }
  return best;
}

Pt round_cm(Pt p) { return {std::round(p.x * 100) / 100, std::round(p.y * 100) / 100}; }

}  // namespace kvo::gen
