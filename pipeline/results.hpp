#pragma once
// Stage 3 of a run: everything computed, a function of the inputs and the method only.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/area_change.hpp"
#include "engine/area_hotspots.hpp"
#include "engine/area_stats.hpp"
#include "engine/emerging_hotspots.hpp"
#include "engine/hotspot_cells.hpp"
#include "engine/kde_surfaces.hpp"
#include "engine/near_repeat.hpp"
#include "engine/survey_indicators.hpp"
#include "engine/temporal_profile.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/method_record.hpp"
#include "pipeline/progress.hpp"

namespace kvo::cli {

/// What the hot spot analysis ran on (the manifest's `grid` and `hotspot_themes` rows).
struct HotspotRecord {
  bool ran = false;                      ///< false: off, or fewer than 3 cells
  std::size_t cells = 0;                 ///< cells analysed
  std::size_t cells_over_all_areas = 0;  ///< before extent "kvo" cut the grid down
  std::size_t islands = 0;               ///< cells without a neighbour
  std::size_t held_back_cells = 0;       ///< cells held back by min_neighbourhood_count
  nlohmann::json themes;                 ///< period → analysed / too_few theme → count
};

/// Aoristic profile totals (the manifest's `temporal_profile` row).
struct TemporalRecord {
  std::int64_t windows_spread_evenly = 0;
  std::int64_t whole_day_windows = 0;
};

/// Emerging hot spots of one theme over the months of the latest period.
struct EmergingLayer {
  engine::ThemeId theme = engine::kThemeAll;
  engine::EmergingResult result;
  std::vector<double> counts;  ///< cell × step, cell after cell
};

/// What the emerging hot spot analysis ran on (the manifest's `emerging` row).
struct EmergingRecord {
  bool ran = false;
  engine::PeriodId period = engine::PeriodId::followup;  ///< the period whose months were binned
  int first_year = 0;
  unsigned first_month = 0;  ///< first month of the first step
  std::size_t steps = 0;
  int step_months = 1;
};

/// The Knox test of one theme, its risk window and the incidents still inside it.
struct NearRepeatLayer {
  engine::ThemeId theme = engine::kThemeAll;
  engine::NearRepeatResult table;
  engine::NearRepeatWindow window;
  std::vector<engine::NearRepeatZone> zones;  ///< `event` indexes `incidents`
  std::vector<std::size_t> incidents;         ///< the events: indices into Inputs::table
};

/// Everything the output holds besides the inputs.
struct Results {
  engine::AreaStats area_stats;
  engine::AreaHotspots area_hotspots;                ///< Gi*/local Moran among areas of one kind
  std::vector<engine::TemporalProfileRow> temporal;  ///< aoristic profiles
  TemporalRecord temporal_record;
  std::vector<engine::SurveyIndicatorRow> survey_rows;  ///< estimates (baseline rows first)
  std::vector<std::int64_t> survey_police_counts;       ///< per survey row; -1 without a theme
  engine::Grid grid;                                    ///< hotspot cells
  std::vector<engine::HotspotLayer> hotspots;           ///< per period × theme
  std::vector<engine::CellChangeLayer> cell_changes;    ///< per theme, both periods present
  HotspotRecord hotspot_record;
  engine::DensitySurfaces density;  ///< rasters
  bool density_ran = false;
  engine::AreaChange area_change;  ///< per area × theme, both periods present
  bool has_area_change = false;
  std::vector<EmergingLayer> emerging;  ///< per theme asked for, when [emerging] is on
  EmergingRecord emerging_record;
  std::vector<NearRepeatLayer> near_repeat;  ///< per theme asked for, when [near_repeat] is on
  engine::AreaStats observation_stats;    ///< schouw counts per area × period × theme
  engine::AreaChange observation_change;  ///< and their change, when both periods are present
  /// Incidents in the areas per whole month of each period (the manifest's `monthly_counts`):
  /// period → {"first": "YYYY-MM", "counts": [...]}, by the Amsterdam local start date.
  nlohmann::json monthly_counts = nlohmann::json::object();
  std::vector<std::string> warnings;
  nlohmann::json findings = nlohmann::json::object();  ///< for the summary
};

/// Computes everything the output holds.
Results compute(const Inputs& inputs, const MethodRecord& method, unsigned threads, ProgressPrinter& progress);

}  // namespace kvo::cli
