#pragma once
// Point-in-area lookup with an R-tree over the areas' polygon parts.

#include <cstdint>
#include <memory>
#include <span>

#include "engine/incident_set.hpp"

namespace kvo::engine {

/// Finds the areas a point falls in. Areas may overlap (a KVO area over several buurten).
/// Within one area set (Areas::set) a point belongs to the smallest containing area (by
/// planar area; ties go to the lower index); across sets it belongs to one area of each
/// set. Points on a boundary count as inside.
class AreaIndex {
 public:
  /// Builds the index; `areas` must outlive it.
  explicit AreaIndex(const Areas& areas);
  ~AreaIndex();
  AreaIndex(AreaIndex&&) noexcept;
  AreaIndex& operator=(AreaIndex&&) noexcept;

  /// Index of the smallest area containing (x, y) over every set (the most specific), or kNoArea.
  [[nodiscard]] std::int32_t locate(double x, double y) const;
  /// Writes the smallest area of each set containing (x, y) (or kNoArea) into `per_set`,
  /// which holds set_count() values; returns the most specific of them, as locate().
  std::int32_t locate_sets(double x, double y, std::span<std::int32_t> per_set) const;
  /// Number of area sets.
  [[nodiscard]] std::size_t set_count() const;
  /// Sets `incidents.area` and, with two or more sets, `incidents.set_area` for every
  /// incident, using up to `threads` threads (0 = all cores).
  void assign(IncidentSet& incidents, unsigned threads = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvo::engine
