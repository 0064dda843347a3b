#pragma once
// The analysis spec: everything a run reads and everything a follow-up must repeat.
// Parsed once from TOML into typed structs (docs/spec.md), validated as a whole, then
// resolved (no "auto" left) before the engine sees it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/civil_time.hpp"
#include "engine/grid.hpp"
#include "engine/kde.hpp"
#include "engine/period.hpp"
#include "io/core/text.hpp"

namespace kvo::io {

/// The kind of a source; decides its default taxonomy and which fields it needs.
enum class SourceKind { police, fire, survey, observation, area_counts };

/// Name of a source kind as written in specs and outputs.
std::string_view source_kind_name(SourceKind kind);

/// One layer of area boundaries.
struct AreaSourceSpec {
  std::filesystem::path path;  ///< dataset path (absolute after parsing)
  std::string layer;           ///< layer name; empty = first layer
  std::string id_field;        ///< field with the unique area code
  std::string name_field;      ///< field with the display name; empty = use the code
  std::string kind = "area";   ///< constant kind for every feature
  std::string kind_field;      ///< field with a per-feature kind; empty = use `kind`
  std::string crs;             ///< CRS when the dataset has none; empty = the dataset's
  /// Name of the area set this table belongs to (lower-case ASCII letters, digits, `_`):
  /// the spec's `set`, else the layer name or file stem made safe (see docs/spec.md).
  std::string set;
  bool set_given = false;  ///< `set` was written in the spec (tables sharing it form one set)
};

/// Longest area set name, in characters.
inline constexpr std::size_t kMaxSetName = 40;

/// `text` as an area set name: lower-case ASCII letters and digits, every other run of
/// characters one `_`, none at either end, at most kMaxSetName characters (may be empty).
std::string safe_set_name(std::string_view text);

/// Where a relative period (`last = "12 months"`) ends.
enum class PeriodEnd : std::uint8_t { as_of, newest_record };
/// The study region of the hotspot grid: the areas, their bounding box, the KVO areas
/// (kind kvo_*) plus the distance band, or (sparse) the cells where incidents are plus the
/// distance band, within the areas; `automatic` is resolved to `areas` or, past
/// kSparseGridFromCells cells over the areas, `incidents` (docs/hotspots.md).
enum class GridExtent : std::uint8_t { areas, bbox, kvo, incidents, automatic };
/// The spatial weights of the hotspot statistics.
enum class WeightsKind : std::uint8_t { distance_band, knn };

/// Spec names of the enumerations, as written in specs and manifests.
std::string_view period_end_name(PeriodEnd end);
std::string_view grid_extent_name(GridExtent extent);
/// The extent a name stands for (grid_extent_name's inverse), or nothing.
std::optional<GridExtent> grid_extent_from_name(std::string_view name);
std::string_view weights_name(WeightsKind weights);
std::string_view cell_shape_name(engine::CellShape shape);
std::string_view encoding_spec_name(Encoding encoding);

/// One analysis period, as written and as resolved.
struct PeriodSpec {
  bool present = false;                       ///< the spec has this period
  std::optional<engine::CivilDate> from, to;  ///< absolute bounds (inclusive)
  std::string last;                           ///< relative length, e.g. "12 months"
  PeriodEnd end = PeriodEnd::as_of;           ///< where a relative period ends
  engine::PeriodRange range;                  ///< resolved days (valid once resolved)
};

/// One survey indicator (`[sources.indicators]`): a weighted yes/no share, or a weighted
/// mean of a 1–10 mark.
struct SurveyIndicatorSpec {
  std::string name;              ///< e.g. "feels_unsafe", "victim_shoplifting"
  std::string field;             ///< the answer column
  bool mark = false;             ///< a 1–10 mark (weighted mean) instead of a yes/no share
  std::vector<std::string> yes;  ///< answers counted as 1 (trimmed, lower case: matched case-insensitively)
  std::vector<std::string> no;   ///< answers counted as 0; anything else is "not answered"
  std::string given;             ///< only respondents with this indicator = 1 are in the base
  std::string theme;             ///< police theme this indicator sits beside (dark number)
};

/// How a survey answer is compared with `yes` / `no`: trimmed, ASCII lower case. The spec
/// stores its answers this way and the survey reader keys every answer it reads with it.
std::string survey_answer_key(std::string_view answer);

/// Highest `header_row`: the last row of an XLSX sheet.
inline constexpr std::int64_t kMaxHeaderRow = 1'048'576;

/// One incident source with its field mapping.
struct SourceSpec {
  std::string name;  ///< unique source name
  SourceKind kind = SourceKind::police;
  std::filesystem::path path;                 ///< dataset path (absolute), or a PG: connection string
  std::string layer;                          ///< layer or sheet; empty = first
  /// 1-based row holding the column names (CSV: line; XLSX/ODS: sheet row); the rows
  /// above it are skipped (an export's title, date, blank line). Default 1.
  std::int64_t header_row = 1;
  std::vector<std::string> open_options;      ///< extra GDAL open options ("KEY=VALUE"), after kvo's own
  int open_options_line = 0;                  ///< line of `open_options` in the spec (0: not given)
  std::string geometry_field;                 ///< a WKT column (CSV, XLSX, ODS, XLS), parsed as the records' points
  Encoding encoding = Encoding::auto_detect;  ///< text encoding of the fields
  std::string id_field;                       ///< record id field; empty = none (no duplicate check)
  std::string x_field, y_field;               ///< projected coordinate fields
  std::string lon_field, lat_field;           ///< WGS84 coordinate fields
  std::string crs;                            ///< CRS of x/y fields; empty = the analysis CRS
  std::vector<std::string> start_fields;      ///< [datetime] or [date, time]
  std::vector<std::string> end_fields;        ///< optional, same form
  std::string date_format = "auto";
  std::string time_format = "auto";
  /// Category field(s): several (a classification split over columns, e.g.
  /// meldingsclassificatie_1..3) are joined with " / ", empty parts left out.
  std::vector<std::string> code_fields;
  /// Codes known but out of scope: counted as excluded, neither accepted nor rejected.
  std::vector<std::string> exclude;
  std::string remark_field;  ///< observation remark field
  std::string weight_field;  ///< optional weight field
  std::string area_field;    ///< area code field (area_counts sources)
  std::string month_field;   ///< month field "YYYY-MM" (area_counts sources)
  std::string count_field;   ///< count field (area_counts sources)
  std::string taxonomy;      ///< taxonomy name or CSV path; empty = kind's default
  /// Records count in the incident statistics (area_stats, hot spots, density, profile,
  /// change). Police/fire: always; observation (schouw): only when opted in, else they
  /// get their own observation_stats / observation_change (docs/spec.md).
  bool count_as_incidents = true;
  std::map<std::string, std::string> codes;         ///< extra code → theme mappings
  std::vector<SurveyIndicatorSpec> indicators;      ///< survey sources: what each answer column measures
  std::optional<std::int64_t> min_respondents;      ///< survey sources: fewer in an estimate is too_few
  int line = 0;                                     ///< line of the [[sources]] table in the spec
};

/// Grid for hotspot cells and the density raster's alignment (`[grid]`; the engine's
/// engine::GridSpec is the resolved lattice).
struct GridSettings {
  engine::CellShape shape = engine::CellShape::hexagon;
  double cell_size_m = 0;  ///< 0 = auto
  GridExtent extent = GridExtent::automatic;
  std::optional<double> origin_x, origin_y;  ///< set when resolved or reused from a baseline
};

/// Hotspot method.
struct HotspotSpec {
  bool enabled = true;    ///< run the hotspot analysis
  double distance_m = 0;  ///< distance band; 0 = auto
  WeightsKind weights = WeightsKind::distance_band;
  int k = 8;                            ///< neighbours for knn
  int permutations = 999;               ///< local Moran permutations
  std::uint64_t seed = 20240101;        ///< seed of every random draw
  bool fdr = true;                      ///< Benjamini–Hochberg thresholds for gi_bin
  int min_incidents = 30;               ///< a period × theme with fewer incidents in the grid is not analysed
  double min_neighbourhood_count = 10;  ///< fewer incidents in a cell's neighbourhood: gi_bin 0 (docs/hotspots.md)
};

/// Density method.
struct DensitySpec {
  bool enabled = true;  ///< compute density rasters
  engine::Kernel kernel = engine::Kernel::quartic;
  double bandwidth_m = 0;   ///< 0 = auto
  double cell_size_m = 0;   ///< raster cell size; 0 = auto (from the extent, docs/density.md)
  bool per_theme = false;   ///< also one raster per theme
};

/// Emerging hot spot analysis over the latest period (`[emerging]`, docs/emerging.md).
struct EmergingSpec {
  bool enabled = false;
  int step_months = 1;                        ///< time_step: "month" (1) or "quarter" (3)
  int time_window = 1;                        ///< earlier steps in a bin's neighbourhood
  std::vector<std::string> themes = {"all"};  ///< theme names, "all" for every theme together
};

/// Near-repeat analysis (Knox test) over the latest period (`[near_repeat]`, docs/near_repeat.md).
struct NearRepeatSpec {
  bool enabled = false;
  std::vector<std::string> themes = {"burglary"};
  double distance_band_m = 100;  ///< width of a distance band, metres
  int distance_bands = 5;
  double time_band_days = 7;  ///< width of a time band, days
  int time_bands = 5;
  int iterations = 99;  ///< Monte Carlo permutations
  std::uint64_t seed = 20240101;
};

/// Follow-up comparison settings.
struct CompareSpec {
  double alpha = 0.05;  ///< significance level
  int min_total = 10;   ///< fewer incidents in both periods together: too_few
};

/// A whole analysis.
struct AnalysisSpec {
  std::filesystem::path spec_path;  ///< the spec file
  std::filesystem::path base_dir;   ///< folder relative paths are taken from
  std::string title;
  std::string crs = "EPSG:28992";
  std::filesystem::path output;  ///< default output (absolute); empty = none given
  std::string language = "en";
  /// Fail a source whose reject share exceeds this; unset: fail only a source that
  /// rejects every record it read (1.0 never fails).
  std::optional<double> max_reject_share;
  std::optional<engine::CivilDate> as_of;  ///< reference date (resolved: always set)
  std::vector<AreaSourceSpec> areas;
  PeriodSpec periods[engine::kPeriodCount];
  std::vector<SourceSpec> sources;
  GridSettings grid;
  HotspotSpec hotspots;
  DensitySpec density;
  EmergingSpec emerging;
  NearRepeatSpec near_repeat;
  CompareSpec compare;

  /// The spec's periods that are present.
  [[nodiscard]] std::vector<engine::PeriodId> present_periods() const;
};

/// Reads and validates a spec file; throws ConfigError listing every problem found.
AnalysisSpec read_spec(const std::filesystem::path& path);

/// Parses spec text (for tests); `path` names it in messages and anchors relative paths.
AnalysisSpec parse_spec(const std::string& text, const std::filesystem::path& path);

/// Resolves relative periods against `as_of` (or the newest record day when asked and
/// given). Throws ConfigError when a period is empty or inverted.
void resolve_periods(AnalysisSpec& spec, std::optional<std::int32_t> newest_record_day = {});

/// The spec as JSON, same structure as the TOML; resolved values where known.
nlohmann::json spec_to_json(const AnalysisSpec& spec);

/// The civil date of today, or of SOURCE_DATE_EPOCH when set.
engine::CivilDate today_or_source_date();

}  // namespace kvo::io
