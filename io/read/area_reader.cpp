#include "io/read/area_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_set>
#include <utility>

#include "io/core/crs_transform.hpp"
#include "io/core/errors.hpp"
#include "io/core/text.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/read/coordinate_check.hpp"
#include "io/read/polygon_repair.hpp"

namespace kvo::io {

using engine::MultiPolygon;

std::int32_t AreaTable::find(const std::string& code) const {
  for (std::size_t i = 0; i < id.size(); ++i)
    if (id[i] == code) return static_cast<std::int32_t>(i);
  return -1;
}

namespace {

void append_ring(const OGRLinearRing& ring, engine::Polygon::ring_type& out) {
  out.reserve(static_cast<std::size_t>(ring.getNumPoints()));
  for (int i = 0; i < ring.getNumPoints(); ++i) out.emplace_back(ring.getX(i), ring.getY(i));
}

void append_polygon(const OGRPolygon& poly, MultiPolygon& out) {
  if (poly.IsEmpty()) return;
  engine::Polygon p;
  append_ring(*poly.getExteriorRing(), p.outer());
  for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
    p.inners().emplace_back();
    append_ring(*poly.getInteriorRing(i), p.inners().back());
  }
  out.push_back(std::move(p));
}

// Polygonal geometry as engine polygons; false when it is not polygonal.
bool to_multipolygon(const OGRGeometry& geom, MultiPolygon& out) {
  std::unique_ptr<OGRGeometry> linear(geom.hasCurveGeometry() ? geom.getLinearGeometry() : geom.clone());
  switch (wkbFlatten(linear->getGeometryType())) {
    case wkbPolygon:
      append_polygon(*linear->toPolygon(), out);
      return true;
    case wkbMultiPolygon:
      for (const auto* p : *linear->toMultiPolygon()) append_polygon(*p, out);
      return true;
    default:
      return false;
  }
}

void transform_geometry(const CrsTransform& t, MultiPolygon& mp) {
  if (t.is_identity()) return;
  auto apply = [&](engine::Polygon::ring_type& ring) {
    std::vector<double> xs, ys;
    for (const auto& p : ring) xs.push_back(p.x()), ys.push_back(p.y());
    t.transform(xs.data(), ys.data(), xs.size());
    for (std::size_t i = 0; i < ring.size(); ++i) ring[i] = engine::Point(xs[i], ys[i]);
  };
  for (auto& poly : mp) {
    apply(poly.outer());
    for (auto& inner : poly.inners()) apply(inner);
  }
}

// An area with a vertex that cannot be transformed, or (in RD New) outside the Netherlands'
// RD extent, is an error like a point there is a reject: almost always a wrong `crs` or
// exchanged axes, and one such area would stretch every grid and raster over half a continent.
void check_area_extent(const MultiPolygon& mp, const std::string& analysis_crs, const std::string& code,
                       const Location& where) {
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x, max_x = -min_x, max_y = -min_x;
  auto visit = [&](const auto& ring) {
    for (const auto& p : ring) {
      const double x = p.x(), y = p.y();
      if (!std::isfinite(x) || !std::isfinite(y))
        throw InputError(
            "area '" + code + "' cannot be transformed to " + analysis_crs + "; is 'crs' of its [[areas]] table right?",
            where);
      min_x = std::min(min_x, x), max_x = std::max(max_x, x), min_y = std::min(min_y, y), max_y = std::max(max_y, y);
    }
  };
  for (const auto& poly : mp) {
    visit(poly.outer());
    for (const auto& inner : poly.inners()) visit(inner);
  }
  if (analysis_crs != "EPSG:28992") return;
  for (const auto& [x, y] : {std::pair{min_x, min_y}, std::pair{max_x, max_y}})
    if (const auto reason = check_rd_coordinates(x, y)) {
      std::ostringstream env;
      env.setf(std::ios::fixed);
      env.precision(0);
      env << "x " << min_x << "–" << max_x << ", y " << min_y << "–" << max_y;
      throw InputError("area '" + code +
                           "' lies outside the RD New extent (x 0–300000, y 300000–625000): " + env.str() +
                           (*reason == RejectReason::swapped_coordinates ? "; x and y look exchanged"
                                                                         : "; is 'crs' of its [[areas]] table right?"),
                       where);
    }
}

}  // namespace

AreaTable read_areas(const AnalysisSpec& spec) {
  AreaTable table;
  std::unordered_set<std::string> seen;
  for (const auto& src : spec.areas) {
    const std::string path = src.path.string();
    const auto named = std::find(table.set_name.begin(), table.set_name.end(), src.set);
    const auto set = static_cast<std::uint16_t>(named - table.set_name.begin());
    if (named == table.set_name.end()) table.set_name.push_back(src.set);
    const std::size_t areas_before = table.size();
    auto ds = detail::open_vector(src.path);
    OGRLayer* layer = detail::pick_layer(*ds, src.layer, src.path);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int id_idx = detail::field_index(*defn, src.id_field, src.path, "id");
    const int name_idx = src.name_field.empty() ? -1 : detail::field_index(*defn, src.name_field, src.path, "name");
    const int kind_idx =
        src.kind_field.empty() ? -1 : detail::field_index(*defn, src.kind_field, src.path, "kind_field");
    std::string from = detail::layer_crs_wkt(*layer);
    if (!src.crs.empty()) from = src.crs;
    if (from.empty())
      throw InputError("the area layer has no CRS; set 'crs' in its [[areas]] table", at(path, 0, "crs"));
    const CrsTransform transform(from, spec.crs);

    layer->ResetReading();
    std::int64_t row = 0;
    for (auto& feature : *layer) {
      ++row;
      const std::string code(trim(to_utf8(feature->GetFieldAsString(id_idx), Encoding::auto_detect)));
      if (code.empty()) throw InputError("empty area code", at(path, row, src.id_field));
      if (!seen.insert(code).second)
        throw InputError("area code '" + code + "' is used twice", at(path, row, src.id_field));
      const OGRGeometry* geom = feature->GetGeometryRef();
      if (!geom || geom->IsEmpty()) throw InputError("area '" + code + "' has no geometry", at(path, row));
      MultiPolygon mp;
      if (!to_multipolygon(*geom, mp))
        throw InputError(std::string("area '") + code + "' is a " + geom->getGeometryName() + ", not a polygon",
                         at(path, row));
      transform_geometry(transform, mp);
      check_area_extent(mp, spec.crs, code, at(path, row));
      RepairOutcome fixed = repair_polygonal(mp);
      if (fixed.geometry.empty()) throw InputError("area '" + code + "' has no area left after repair", at(path, row));
      if (fixed.repaired)
        table.warnings.push_back(path + ":" + std::to_string(row) + ": area '" + code + "' was invalid (" +
                                 fixed.reason + ") and has been repaired");
      table.id.push_back(code);
      table.name.push_back(name_idx >= 0 ? to_utf8(feature->GetFieldAsString(name_idx), Encoding::auto_detect) : code);
      table.kind.push_back(kind_idx >= 0 ? to_utf8(feature->GetFieldAsString(kind_idx), Encoding::auto_detect)
                                         : src.kind);
      table.repaired.push_back(fixed.repaired ? 1 : 0);
      table.areas.area_m2.push_back(engine::bg::area(fixed.geometry));
      table.areas.geometry.push_back(std::move(fixed.geometry));
      table.areas.set.push_back(set);
    }
    // An empty table would be an area set without areas: every incident unassigned in it.
    if (table.size() == areas_before) throw InputError("the area layer holds no areas", at(path));
  }
  if (table.size() == 0) throw InputError("the area layers hold no areas", at(spec.spec_path.string(), 0, "areas"));
  return table;
}

}  // namespace kvo::io
