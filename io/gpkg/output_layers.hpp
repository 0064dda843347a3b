#pragma once
// Writes kvo's fixed output layers (docs/contract/SPEC.md §3) from plain results.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/area_hotspots.hpp"
#include "engine/area_stats.hpp"
#include "engine/survey_indicators.hpp"
#include "engine/temporal_profile.hpp"
#include "io/core/spec.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "io/gpkg/output_schema.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"
#include "io/read/survey_reader.hpp"

namespace kvo::io {

/// Writes `areas`: area_id, name, kind, area_ha, repaired, area_set (the set's name).
void write_areas_layer(GpkgWriter& out, const AreaTable& areas);

/// Writes `incidents` (every origin but observations) and `observations` (schouw), in
/// table order. `area_id` is the most specific area over every set; after the fixed
/// fields, `area_id_<set>` holds the incident's area in each area set.
void write_incident_layers(GpkgWriter& out, const AreaTable& areas, const IncidentTable& table);

/// Writes `rejects`: source, row, reason, field, detail, raw.
void write_rejects_layer(GpkgWriter& out, const AnalysisSpec& spec, const std::vector<SourceResult>& sources);

/// Writes `area_stats`: area_id, name, kind, period, theme, count, per_ha_year, and the
/// area-level Gi* / local Moran of per_ha_year among areas of the same kind (+ geometry).
/// Rows without hot-spot results get NULL there; `name` and `description` let the schouw
/// findings use the same layout (observation_stats).
void write_area_stats_layer(GpkgWriter& out, const AreaTable& areas, const engine::AreaStats& stats,
                            const engine::AreaHotspots& hotspots, const std::string& name = schema::layer::area_stats,
                            const std::string& description = "");

/// Writes `temporal_profile`: area_id, period, theme, weekday (0 = Monday), hour, weight;
/// 168 rows for every area × period × theme with incidents.
void write_temporal_profile_layer(GpkgWriter& out, const AreaTable& areas,
                                  const std::vector<engine::TemporalProfileRow>& rows);

/// Writes `survey_indicators`: one row per area × period × indicator with n, n_eff,
/// estimate and interval, the follow-up − baseline difference on follow-up rows, and the
/// registered incidents of the indicator's theme beside it (`police_count`, dark number).
void write_survey_indicators_layer(GpkgWriter& out, const AreaTable& areas,
                                   const std::vector<SurveyIndicatorSpec>& indicators,
                                   const std::vector<engine::SurveyIndicatorRow>& rows,
                                   const std::vector<std::int64_t>& police_count);

/// Reads the `survey_indicators` rows of a kvo GeoPackage for one period, mapped to
/// `areas` and `indicators` by name (unknown ones are skipped).
std::vector<engine::SurveyIndicatorRow> read_survey_indicator_rows(const std::filesystem::path& gpkg,
                                                                   engine::PeriodId period, const AreaTable& areas,
                                                                   const std::vector<SurveyIndicatorSpec>& indicators);

/// Writes `run_manifest`: one row per key with its JSON value, keys in sorted order.
void write_manifest_layer(GpkgWriter& out, const std::map<std::string, nlohmann::json>& rows);

/// The manifest entry for one source's counts.
nlohmann::json source_counts_json(const SourceCounts& counts);

/// GDAL, PROJ and GEOS versions in use.
nlohmann::json library_versions();

}  // namespace kvo::io
