#pragma once
// Square and hexagonal analysis grids over the study area: a deterministic lattice, the
// cells kept (those overlapping the areas), O(1) point-to-cell assignment and counts.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/incident_set.hpp"

namespace kvo::engine {

/// Cell shape of a grid.
enum class CellShape : std::uint8_t { square, hexagon };

/// Sentinel for "no cell" (outside the kept cells).
inline constexpr std::int32_t kNoCell = -1;

/// Everything that fixes a grid's cells and ids; store it to repeat a run exactly.
/// Both shapes use ArcGIS's area convention: every cell has area cell_size_m² (a square
/// of side cell_size_m; a pointy-topped hexagon of equal area). The origin is the lower-
/// left corner of the bounding box of cell (0, 0).
struct GridSpec {
  CellShape shape = CellShape::hexagon;  ///< default hexagon
  double cell_size_m = 0.0;              ///< √(cell area), metres (> 0)
  double origin_x = 0.0;                 ///< lattice origin easting, metres
  double origin_y = 0.0;                 ///< lattice origin northing, metres
};

/// A (column, row) lattice position; rows go north, columns east.
struct CellIndex {
  std::int32_t col = 0;  ///< column from the origin
  std::int32_t row = 0;  ///< row from the origin
};

/// Hexagon edge length (= circumradius) for a cell size, metres: a = s √(2 / (3√3)).
double hexagon_edge_m(double cell_size_m);
/// Distance between the centres of adjacent cells, metres (s for squares, √3 a for hexagons).
double cell_spacing_m(const GridSpec& spec);

/// The spec of a lattice of `shape` and `cell_size_m` over `study`: the origin is snapped
/// down to a multiple of the lattice period (squares: s; hexagons: √3 a east, 3a north) and,
/// for hexagons, one period further out, so every point of the envelope has col, row >= 0.
/// Grids of the same shape and size made this way coincide wherever they overlap.
GridSpec make_grid_spec(CellShape shape, double cell_size_m, const Envelope& study);

/// Lattice position of the cell containing (x, y): floor for squares, axial rounding for
/// hexagons (points on a shared edge go to one of the cells, deterministically).
CellIndex lattice_cell(const GridSpec& spec, double x, double y);
/// Centre of a lattice cell, metres.
Point lattice_centre(const GridSpec& spec, CellIndex cell);
/// Outline of a lattice cell: closed, clockwise (Boost.Geometry's default orientation).
Polygon lattice_polygon(const GridSpec& spec, CellIndex cell);
/// Stable 64-bit id of a lattice cell: row in the high 32 bits, column in the low 32 bits.
std::int64_t lattice_cell_id(CellIndex cell);
/// Inverse of lattice_cell_id.
CellIndex lattice_cell_from_id(std::int64_t id);
/// Text form of a cell id, "r<row>c<col>" (e.g. "r12c7").
std::string lattice_cell_name(CellIndex cell);

/// Which region the grid covers.
enum class StudyExtent : std::uint8_t {
  areas,        ///< cells overlapping the union of the areas (default)
  bounding_box  ///< cells overlapping the bounding box of all areas
};

/// Options of build_grid.
struct GridOptions {
  StudyExtent extent = StudyExtent::areas;  ///< default: the areas themselves
};

/// The kept cells of a grid, ordered by row, then column, as columns.
struct Grid {
  GridSpec spec;                      ///< the lattice
  std::vector<std::int32_t> col;      ///< lattice column per cell
  std::vector<std::int32_t> row;      ///< lattice row per cell
  std::vector<double> centre_x;       ///< cell centre easting, metres
  std::vector<double> centre_y;       ///< cell centre northing, metres
  std::int32_t window_col = 0;        ///< first lattice column of the lookup window
  std::int32_t window_row = 0;        ///< first lattice row of the lookup window
  std::int32_t window_cols = 0;       ///< columns of the lookup window
  std::int32_t window_rows = 0;       ///< rows of the lookup window
  std::vector<std::int32_t> lookup;   ///< window position → kept cell index or kNoCell

  /// Number of kept cells.
  [[nodiscard]] std::size_t size() const { return col.size(); }
  /// Stable id of kept cell i (lattice_cell_id).
  [[nodiscard]] std::int64_t cell_id(std::size_t i) const { return lattice_cell_id({col[i], row[i]}); }
  /// Text id of kept cell i (lattice_cell_name).
  [[nodiscard]] std::string cell_name(std::size_t i) const { return lattice_cell_name({col[i], row[i]}); }
  /// Outline of kept cell i.
  [[nodiscard]] Polygon cell_polygon(std::size_t i) const { return lattice_polygon(spec, {col[i], row[i]}); }
  /// Appends a kept cell (its lattice position and centre); cells go in row, then column order.
  void push_cell(CellIndex cell);
  /// Index of the kept cell containing (x, y), or kNoCell; O(1) arithmetic.
  [[nodiscard]] std::int32_t locate(double x, double y) const;
};

/// Builds the grid of `spec` over the study region made of `areas`: the cells whose outline
/// overlaps the region's interior (cells are kept whole, never clipped; cells that only touch
/// the region along an edge or at a corner are left out). Throws std::invalid_argument on a
/// bad cell size or a lattice window above 2^28 cells.
Grid build_grid(const GridSpec& spec, std::span<const MultiPolygon> areas, const GridOptions& options = {});

/// Automatic cell size, metres (the `cell_size = "auto"` rule, see docs/hotspots.md): the
/// larger of the mean and the median nearest-neighbour distance between distinct incident
/// locations, at least `min_cell_m` (default 10 m), rounded up to whole metres. Throws
/// std::invalid_argument with fewer than two distinct locations.
double auto_cell_size(std::span<const double> x, std::span<const double> y, double min_cell_m = 10.0);

/// Kept cell of every point (kNoCell outside), using up to `threads` threads (0 = all cores).
std::vector<std::int32_t> assign_cells(const Grid& grid, std::span<const double> x, std::span<const double> y,
                                       unsigned threads = 0);

/// Number of points per kept cell, for the points with the given indices (one pass).
std::vector<double> count_indices(const Grid& grid, std::span<const std::int32_t> cell_of,
                                  std::span<const std::size_t> indices);

/// Sum of incident weights (the count for unit weights) per kept cell for one period and one
/// theme (kThemeAll for every theme), in one pass over the incidents.
std::vector<double> count_cells(const Grid& grid, std::span<const std::int32_t> cell_of, const IncidentSet& incidents,
                                PeriodId period, ThemeId theme);

}  // namespace kvo::engine
