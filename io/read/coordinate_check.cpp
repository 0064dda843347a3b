#include "io/read/coordinate_check.hpp"

#include <cmath>
#include <cstdio>
#include <memory>

#include <ogr_geometry.h>

#include "io/core/text.hpp"

namespace kvo::io {

std::optional<RejectReason> check_rd_coordinates(double x, double y) {
  if (std::abs(x) <= 180 && std::abs(y) <= 90) return RejectReason::latlon_as_projected;
  const bool x_ok = x >= 0 && x <= 300000, y_ok = y >= 300000 && y <= 625000;
  if (x_ok && y_ok) return std::nullopt;
  if (y >= 0 && y <= 300000 && x >= 300000 && x <= 625000) return RejectReason::swapped_coordinates;
  return RejectReason::outside_extent;
}

std::string field_crs(const AnalysisSpec& spec, const SourceSpec& src) {
  if (!src.lon_field.empty()) return "EPSG:4326";
  return src.crs.empty() ? spec.crs : src.crs;
}

CoordinateCheck::CoordinateCheck(const AnalysisSpec& spec, const SourceSpec& src, const std::string& coord_crs)
    : analysis_crs_(spec.crs),
      x_name_(src.lon_field.empty() ? src.x_field : src.lon_field),
      y_name_(src.lon_field.empty() ? src.y_field : src.lat_field),
      lonlat_(!src.lon_field.empty()),
      rd_fields_(src.lon_field.empty() && !src.x_field.empty() && coord_crs == "EPSG:28992"),
      rd_values_(coord_crs == "EPSG:28992"),
      analysis_is_rd_(spec.crs == "EPSG:28992"),
      transform_(coord_crs, spec.crs) {}

CheckedPoint CoordinateCheck::from_fields(std::string_view xs, std::string_view ys) const {
  xs = trim(xs), ys = trim(ys);
  if (xs.empty() || ys.empty())
    return {0, 0, RejectReason::missing_coordinates, xs.empty() ? x_name_ : y_name_, "no coordinates"};
  const auto xv = parse_number(xs), yv = parse_number(ys);
  if (!xv || !yv)
    return {0, 0, RejectReason::bad_coordinates, !xv ? x_name_ : y_name_,
            "not a number: '" + std::string(!xv ? xs : ys) + "'"};
  return check_values(*xv, *yv, xs, ys, x_name_, lonlat_, rd_fields_, "the x/y columns");
}

CheckedPoint CoordinateCheck::from_wkt(std::string_view wkt, const std::string& column) const {
  wkt = trim(wkt);
  if (wkt.empty()) return {0, 0, RejectReason::missing_coordinates, column, "no geometry"};
  // Long text is cut in the message; the record's raw fields hold all of it.
  const std::string shown = wkt.size() <= 60 ? std::string(wkt) : std::string(wkt.substr(0, 60)) + "…";
  const std::string text(wkt);
  OGRGeometry* parsed = nullptr;
  const OGRErr err = OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &parsed);
  const std::unique_ptr<OGRGeometry> geometry(parsed);
  if (err != OGRERR_NONE || !geometry)
    return {0, 0, RejectReason::bad_coordinates, column, "not a WKT point: '" + shown + "'"};
  if (wkbFlatten(geometry->getGeometryType()) != wkbPoint)
    return {0, 0, RejectReason::bad_coordinates, column,
            std::string("a ") + geometry->getGeometryName() + ", not a point"};
  if (geometry->IsEmpty()) return {0, 0, RejectReason::missing_coordinates, column, "an empty point: '" + shown + "'"};
  const double x = geometry->toPoint()->getX(), y = geometry->toPoint()->getY();
  if (!std::isfinite(x) || !std::isfinite(y))
    return {0, 0, RejectReason::bad_coordinates, column, "not a WKT point: '" + shown + "'"};
  auto number = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return std::string(buf);
  };
  return check_values(x, y, number(x), number(y), column, false, rd_values_, "the WKT column");
}

CheckedPoint CoordinateCheck::check_values(double x, double y, std::string_view xs, std::string_view ys,
                                           const std::string& x_name, bool lonlat, bool rd, const char* columns) const {
  // Exports fill an unknown location with zeros ("0,00;0,00"): that is no location, not a
  // point in the sea or degrees in the wrong columns.
  if (x == 0 && y == 0)
    return {0, 0, RejectReason::missing_coordinates, x_name,
            "coordinates 0/0 (an export's way of saying: no location)"};
  if (lonlat) {
    // lon/lat fields: catch the two common mistakes before transforming.
    const bool swapped = x >= 50 && x <= 54 && y >= 3 && y <= 8;
    if (swapped)
      return {0, 0, RejectReason::swapped_coordinates, x_name,
              "longitude and latitude look exchanged (lon " + std::string(xs) + ", lat " + std::string(ys) +
                  "); not corrected"};
    if (std::abs(x) > 180 || std::abs(y) > 90)
      return {0, 0, RejectReason::bad_coordinates, x_name, "longitude/latitude out of range"};
  } else if (rd) {
    if (auto bad = check_rd_coordinates(x, y)) {
      std::string why =
          *bad == RejectReason::latlon_as_projected
              ? std::string("RD coordinates look like degrees (latitude/longitude in ") + columns + "); not converted"
          : *bad == RejectReason::swapped_coordinates
              ? "x and y look exchanged (x " + std::string(xs) + ", y " + std::string(ys) + "); not corrected"
              : "outside the RD New extent (x 0–300000, y 300000–625000)";
      return {0, 0, *bad, x_name, std::move(why)};
    }
  }
  return finish(x, y, rd);
}

CheckedPoint CoordinateCheck::from_point(double x, double y) const {
  if (x == 0 && y == 0)
    return {0, 0, RejectReason::missing_coordinates, "geometry", "point 0/0 (an export's way of saying: no location)"};
  return finish(x, y, false);
}

CheckedPoint CoordinateCheck::finish(double x, double y, bool rd_checked) const {
  transform_.transform(&x, &y, 1);
  if (!std::isfinite(x) || !std::isfinite(y))
    return {0, 0, RejectReason::outside_extent, "", "cannot be transformed to " + analysis_crs_};
  if (analysis_is_rd_ && !rd_checked && check_rd_coordinates(x, y))
    return {0, 0, RejectReason::outside_extent, "", "outside the RD New extent after transformation"};
  return {x, y, std::nullopt, {}, {}};
}

}  // namespace kvo::io
