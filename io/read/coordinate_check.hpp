#pragma once
// The coordinate checks every record reader applies (incident and survey sources): empty,
// unreadable, 0/0 (no location), exchanged axes, degrees in RD columns, outside the
// analysis CRS's extent; then the transformation to the analysis CRS.

#include <optional>
#include <string>
#include <string_view>

#include "io/core/crs_transform.hpp"
#include "io/core/spec.hpp"
#include "io/read/rejects.hpp"

namespace kvo::io {

/// Classifies RD New (EPSG:28992) coordinates: nullopt when plausible, else the reason.
std::optional<RejectReason> check_rd_coordinates(double x, double y);

/// A record's location in the analysis CRS, or why it has none.
struct CheckedPoint {
  double x = 0, y = 0;                 ///< analysis CRS (valid when `reason` is unset)
  std::optional<RejectReason> reason;  ///< set when the record is to be rejected
  std::string field;                   ///< the field at fault
  std::string detail;                  ///< human-readable explanation
};

/// The CRS of a source's x/y or lon/lat fields: EPSG:4326 for lon/lat, else the source's
/// `crs` or the analysis CRS.
std::string field_crs(const AnalysisSpec& spec, const SourceSpec& src);

/// Checks and transforms one source's coordinates, record by record.
class CoordinateCheck {
 public:
  /// `coord_crs`: the CRS the values are in (field_crs, or a layer's CRS for geometries).
  CoordinateCheck(const AnalysisSpec& spec, const SourceSpec& src, const std::string& coord_crs);

  /// Checks the text of the x/y (or lon/lat) fields and transforms them.
  [[nodiscard]] CheckedPoint from_fields(std::string_view xs, std::string_view ys) const;
  /// Checks a point geometry's coordinates and transforms them.
  [[nodiscard]] CheckedPoint from_point(double x, double y) const;
  /// Checks the text of the WKT column `column` (the source's `geometry`), its values in
  /// `coord_crs` like x/y fields: empty → missing_coordinates, not a WKT point →
  /// bad_coordinates, then the same checks as x/y fields, each naming `column`.
  [[nodiscard]] CheckedPoint from_wkt(std::string_view wkt, const std::string& column) const;

 private:
  /// The checks of parsed x/y values (`xs`, `ys` their text, for messages), then `finish`.
  CheckedPoint check_values(double x, double y, std::string_view xs, std::string_view ys, const std::string& x_name,
                            bool lonlat, bool rd, const char* columns) const;
  CheckedPoint finish(double x, double y, bool rd_checked) const;

  std::string analysis_crs_;
  std::string x_name_, y_name_;
  bool lonlat_ = false;          // values are WGS84 longitude/latitude
  bool rd_fields_ = false;       // values are RD New x/y
  bool rd_values_ = false;       // coord_crs is RD New (x/y fields or a WKT column)
  bool analysis_is_rd_ = false;  // the analysis CRS is RD New
  CrsTransform transform_;
};

}  // namespace kvo::io
