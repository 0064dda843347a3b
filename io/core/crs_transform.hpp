#pragma once
// Coordinate transformation between two CRSs with PROJ, in GIS axis order (x/east, y/north;
// longitude before latitude for geographic CRSs), in batches.

#include <cstddef>
#include <memory>
#include <string>

namespace kvo::io {

/// A move-only PROJ transformation, with its own PROJ context (use one per thread).
class CrsTransform {
 public:
  /// From and to are anything PROJ accepts: "EPSG:4326", WKT, PROJJSON. Throws InputError.
  CrsTransform(const std::string& from, const std::string& to);
  ~CrsTransform();
  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;
  CrsTransform(const CrsTransform&) = delete;
  CrsTransform& operator=(const CrsTransform&) = delete;

  /// Transforms n points in place; points that cannot be transformed become infinity.
  void transform(double* x, double* y, std::size_t n) const;
  /// True when source and target are the same CRS (no work done).
  [[nodiscard]] bool is_identity() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when `crs` is a geographic (degrees) CRS. Throws InputError when PROJ does not know it.
bool is_geographic_crs(const std::string& crs);

/// Why `crs` cannot be an analysis CRS (unknown to PROJ, not projected, or its axes not in
/// metres), or "" when it can: distances, cell sizes and hectares are computed in it.
std::string analysis_crs_problem(const std::string& crs);

}  // namespace kvo::io
