#pragma once
// Point-in-area lookup with an R-tree over the areas' polygon parts.

#include <cstdint>
#include <memory>

#include "engine/incident_set.hpp"

namespace kvo::engine {

/// Finds the area a point falls in. Areas may overlap (a KVO area over several buurten):
/// a point then belongs to the smallest containing area (by planar area; ties go to the
/// lower index). Points on a boundary count as inside.
class AreaIndex {
 public:
  /// Builds the index; `areas` must outlive it.
  explicit AreaIndex(const Areas& areas);
  ~AreaIndex();
  AreaIndex(AreaIndex&&) noexcept;
  AreaIndex& operator=(AreaIndex&&) noexcept;

  /// Index of the smallest area containing (x, y), or kNoArea.
  [[nodiscard]] std::int32_t locate(double x, double y) const;
  /// Sets `incidents.area` for every incident, using up to `threads` threads (0 = all cores).
  void assign(IncidentSet& incidents, unsigned threads = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvo::engine
