#pragma once
// What `kvo report` reads from a kvo GeoPackage, as plain values: the geometries to draw
// (already reduced to rings), the density rasters as coloured PNG images, and the tables
// the report prints. Every part is optional: a missing layer leaves its part empty.

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/geometry.hpp"

namespace kvo::io {

/// One ring of a polygon: x, y pairs in the analysis CRS (metres), closed or not.
using ReportRing = std::vector<std::array<double, 2>>;

/// A polygonal shape: outer rings and holes, drawn with the even-odd rule.
struct ReportShape {
  std::vector<ReportRing> rings;
};

/// One study area.
struct ReportArea {
  std::string id, name, kind;
  double area_ha = 0;
  ReportShape shape;
  double label_x = 0, label_y = 0;  ///< a point inside the area for its label
};

/// One hot spot cell (theme `all`).
struct ReportCell {
  std::string period;
  int gi_bin = 0;
  std::string lm_cluster;
  ReportShape shape;
};

/// One cell of `cell_change`: every cell of theme `all`, the cells with a pattern of the other themes.
struct ReportChangeCell {
  std::string theme;  ///< "all" or a theme id
  std::string change_class;
  ReportShape shape;
};

/// A density raster, coloured as in QGIS and encoded as PNG.
struct ReportRaster {
  std::string name;
  engine::Envelope extent;              ///< metres
  double value_min = 0, value_max = 0;  ///< data range (nodata excluded)
  double scale_min = 0, scale_max = 0;  ///< colour scale used (shared between periods)
  std::string png;                      ///< PNG bytes; empty when the raster could not be read
  int width = 0, height = 0;            ///< pixels of `rgba` (and of `png`)
  std::vector<std::uint8_t> rgba;       ///< the coloured pixels, RGBA row by row from the north-west corner
};

/// One row of `area_change`.
struct ReportAreaChange {
  std::string area_id, area_name, theme, change;
  std::int64_t count_baseline = 0, count_followup = 0;
  double rate_ratio = 0, rr_low = 0, rr_high = 0, p = 0, q = 0, poisson_z = 0;
  /// Mann–Kendall trend of the follow-up's monthly counts: `increasing`, `decreasing`,
  /// `no_trend`, or "" when the run computed none (a follow-up under 12 whole months).
  std::string trend;
  double trend_p = std::numeric_limits<double>::quiet_NaN();  ///< its two-sided p (NaN when none)
};

/// One row of `survey_indicators`.
struct ReportSurvey {
  std::string area_id, area_name, period, indicator;
  std::int64_t n = 0;
  double n_eff = 0, estimate = 0, ci_low = 0, ci_high = 0;
  bool too_few = false;
  /// Follow-up rows: the change since the baseline wave, its interval and p (NaN when none).
  double diff = std::numeric_limits<double>::quiet_NaN(), diff_low = diff, diff_high = diff, diff_p = diff;
};

/// Rejected records of one source and reason.
struct ReportRejects {
  std::string source, reason;
  std::int64_t count = 0;
};

/// Everything the report shows.
struct ReportData {
  std::filesystem::path path;                      ///< the GeoPackage read
  std::map<std::string, nlohmann::json> manifest;  ///< run_manifest rows
  nlohmann::json spec = nlohmann::json::object();  ///< the resolved spec (manifest "spec")
  std::string language = "en";                     ///< "nl" | "en"
  std::string title;
  std::vector<std::string> periods;                          ///< present periods, baseline first
  std::vector<std::pair<std::string, std::int64_t>> layers;  ///< table → rows (or raster cells)
  engine::Envelope extent;                                   ///< the areas (else every layer), metres
  std::vector<ReportArea> areas;
  std::string context_kind;  ///< kind of the context areas (neighbourhoods), drawn thin; "" = none
  std::vector<ReportCell> cells;
  std::vector<ReportChangeCell> change_cells;
  std::map<std::string, ReportRaster> rasters;                              ///< by table name
  std::map<std::string, std::map<std::string, std::int64_t>> theme_counts;  ///< theme → period → incidents
  std::vector<ReportAreaChange> area_changes;
  /// Comparisons in the Benjamini–Hochberg correction (its m): the `area_change` rows with at
  /// least one incident in either period; rows without any are no test (engine/rate_compare).
  std::size_t comparisons = 0;
  double alpha = 0.05;          ///< significance level of the change classes (spec compare.alpha)
  std::int64_t min_total = 10;  ///< fewest incidents in both periods together to test (spec compare.min_total)
  /// The KVO areas the summary and the theme tables are about, in the order of `areas`: the
  /// areas whose kind starts with `kvo_`; without such a kind, the areas of the first area's kind.
  std::vector<std::string> kvo_areas;
  bool kvo_by_prefix = false;  ///< true when `kvo_areas` are the `kvo_` kinds (else the first kind)
  /// Incidents per area, theme and period from `area_stats` (area → theme → period → count).
  std::map<std::string, std::map<std::string, std::map<std::string, std::int64_t>>> area_theme_counts;
  /// Incidents per whole calendar month per KVO area (area → period → counts, unweighted, by
  /// the Amsterdam local start date, every area set counted): the series of the trend.
  std::map<std::string, std::map<std::string, std::vector<double>>> area_months;
  std::map<std::string, std::string> area_months_first;  ///< period → first whole month "YYYY-MM"
  std::vector<ReportSurvey> survey;
  std::map<std::string, std::array<double, 7 * 24>> profiles;  ///< period → weight[weekday * 24 + hour]
  std::string profile_scope;                                   ///< which areas the profile covers, for its caption
  std::vector<ReportRejects> rejects;
  /// Schouw findings of the latest period: ISO date, area name, category code, theme id, remark.
  std::vector<std::array<std::string, 5>> findings;
  std::int64_t findings_total = 0;  ///< all findings of that period (the list may be cut)
  /// Emerging hot spots: theme → category → cells (no pattern left out).
  std::map<std::string, std::map<std::string, std::int64_t>> emerging_counts;
  /// True for a context area (of the context kind), drawn and listed in second place.
  [[nodiscard]] bool is_context(const ReportArea& a) const { return !context_kind.empty() && a.kind == context_kind; }
  /// True for one of `kvo_areas`.
  [[nodiscard]] bool is_kvo(const std::string& area_id) const { return kvo_index_.count(area_id) > 0; }
  /// Adds an area to `kvo_areas` (once).
  void add_kvo(const std::string& area_id) {
    if (kvo_index_.insert(area_id).second) kvo_areas.push_back(area_id);
  }
  /// Adds an area to `areas`.
  void add_area(ReportArea a) {
    area_index_.emplace(a.id, areas.size());
    areas.push_back(std::move(a));
  }
  /// An area's name (its id when the file does not name it).
  [[nodiscard]] std::string area_name(const std::string& area_id) const;
  /// True when the file holds `table`.
  [[nodiscard]] bool has(const std::string& table) const;

 private:
  // Lookups by id: a country-wide file has a thousand KVO areas and tens of thousands of rows.
  std::unordered_set<std::string> kvo_index_;
  std::unordered_map<std::string, std::size_t> area_index_;  ///< id → first index in `areas`
};

/// Reads a kvo GeoPackage for the report. Throws InputError when it is not a GeoPackage.
ReportData read_report_data(const std::filesystem::path& gpkg);

}  // namespace kvo::io
