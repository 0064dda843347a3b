#include "io/read/polygon_repair.hpp"

#include <geos_c.h>

#include <memory>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace {

void geos_message(const char* fmt, ...) {
  // GEOS messages are collected through return values; nothing to print.
  (void)fmt;
}

struct GeosContext {
  GEOSContextHandle_t h;
  GeosContext() : h(GEOS_init_r()) {
    GEOSContext_setNoticeHandler_r(h, geos_message);
    GEOSContext_setErrorHandler_r(h, geos_message);
  }
  ~GeosContext() { GEOS_finish_r(h); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
};

struct GeomDeleter {
  GEOSContextHandle_t h;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(h, g);
  }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSGeometry* make_ring(GEOSContextHandle_t h, const std::vector<engine::Point>& ring) {
  std::vector<engine::Point> pts = ring;
  if (pts.empty()) return nullptr;
  if (pts.front().x() != pts.back().x() || pts.front().y() != pts.back().y()) pts.push_back(pts.front());
  while (pts.size() < 4) pts.push_back(pts.front());  // degenerate: let validity flag it
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(pts.size()), 2);
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, i, pts[i].x(), pts[i].y());
  return GEOSGeom_createLinearRing_r(h, seq);
}

GeomPtr to_geos(GEOSContextHandle_t h, const engine::MultiPolygon& mp) {
  std::vector<GEOSGeometry*> polys;
  for (const auto& poly : mp) {
    GEOSGeometry* shell = make_ring(h, {poly.outer().begin(), poly.outer().end()});
    if (!shell) continue;
    std::vector<GEOSGeometry*> holes;
    for (const auto& inner : poly.inners())
      if (GEOSGeometry* r = make_ring(h, {inner.begin(), inner.end()})) holes.push_back(r);
    polys.push_back(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
  }
  return GeomPtr(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.data(), static_cast<unsigned>(polys.size())),
                 GeomDeleter{h});
}

void read_ring(GEOSContextHandle_t h, const GEOSGeometry* ring, engine::Polygon::ring_type& out) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(h, seq, &n);
  out.clear();
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    out.emplace_back(x, y);
  }
}

void collect_polygons(GEOSContextHandle_t h, const GEOSGeometry* g, engine::MultiPolygon& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g)) return;
    engine::Polygon p;
    read_ring(h, GEOSGetExteriorRing_r(h, g), p.outer());
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i) {
      p.inners().emplace_back();
      read_ring(h, GEOSGetInteriorRingN_r(h, g, i), p.inners().back());
    }
    out.push_back(std::move(p));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) collect_polygons(h, GEOSGetGeometryN_r(h, g, i), out);
  }
}

}  // namespace

RepairOutcome repair_polygonal(const engine::MultiPolygon& input) {
  GeosContext ctx;
  GEOSContextHandle_t h = ctx.h;
  GeomPtr geom = to_geos(h, input);
  if (!geom) throw IoError("GEOS could not build the polygon");
  RepairOutcome out;
  const char valid = GEOSisValid_r(h, geom.get());
  if (valid == 2) throw IoError("GEOS could not check the polygon's validity");
  if (valid == 1) {
    collect_polygons(h, geom.get(), out.geometry);
  } else {
    if (char* why = GEOSisValidReason_r(h, geom.get())) {
      out.reason = why;
      GEOSFree_r(h, why);
    }
    GEOSMakeValidParams* p = GEOSMakeValidParams_create_r(h);
    GEOSMakeValidParams_setMethod_r(h, p, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(h, p, 0);
    GeomPtr fixed(GEOSMakeValidWithParams_r(h, geom.get(), p), GeomDeleter{h});
    GEOSMakeValidParams_destroy_r(h, p);
    if (!fixed) throw IoError("GEOS could not repair the polygon (" + out.reason + ")");
    collect_polygons(h, fixed.get(), out.geometry);
    out.repaired = true;
  }
  engine::bg::correct(out.geometry);
  return out;
}

}  // namespace kvo::io
