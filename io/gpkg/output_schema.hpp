#pragma once
// The names of kvo's output layers and of the fields other code reads back (the baseline
// reader, styles, the report), in one place. A change to a name or to a field's meaning
// raises kVersion, which the run manifest stores as `schema_version`; the baseline
// reader refuses a version it does not know (docs/architecture.md, "Output schema").

namespace kvo::io::schema {

/// The version of the layers and fields below. Outputs of kvo before the manifest held
/// `schema_version` have this layout too and are read as version 1.
inline constexpr int kVersion = 1;
/// The run_manifest key that holds kVersion.
inline constexpr const char* kVersionKey = "schema_version";

namespace layer {
inline constexpr const char* areas = "areas";
inline constexpr const char* incidents = "incidents";
inline constexpr const char* observations = "observations";
inline constexpr const char* rejects = "rejects";
inline constexpr const char* area_stats = "area_stats";
inline constexpr const char* temporal_profile = "temporal_profile";
inline constexpr const char* survey_indicators = "survey_indicators";
inline constexpr const char* hotspot_cells = "hotspot_cells";
inline constexpr const char* cell_change = "cell_change";
inline constexpr const char* area_change = "area_change";
inline constexpr const char* observation_stats = "observation_stats";
inline constexpr const char* observation_change = "observation_change";
inline constexpr const char* run_manifest = "run_manifest";
inline constexpr const char* emerging_hotspots = "emerging_hotspots";
inline constexpr const char* near_repeat = "near_repeat";
inline constexpr const char* near_repeat_risk = "near_repeat_risk";
}  // namespace layer

/// Fields of the `areas` layer.
namespace areas {
inline constexpr const char* area_id = "area_id";
inline constexpr const char* name = "name";
inline constexpr const char* kind = "kind";
inline constexpr const char* area_ha = "area_ha";
inline constexpr const char* repaired = "repaired";
inline constexpr const char* area_set = "area_set";
}  // namespace areas

/// Fields of the `incidents` and `observations` layers (observations call `code`
/// `category` and add `remark`).
namespace incidents {
inline constexpr const char* source = "source";
inline constexpr const char* source_id = "source_id";
inline constexpr const char* kind = "kind";
inline constexpr const char* theme = "theme";
inline constexpr const char* code = "code";
inline constexpr const char* category = "category";
inline constexpr const char* remark = "remark";
inline constexpr const char* start = "start";
inline constexpr const char* end = "end";
inline constexpr const char* period = "period";
inline constexpr const char* area_id = "area_id";
inline constexpr const char* row = "row";
inline constexpr const char* weight = "weight";
}  // namespace incidents

/// Fields of the `run_manifest` layer.
namespace manifest {
inline constexpr const char* key = "key";
inline constexpr const char* value = "value";
}  // namespace manifest

/// Keys of `run_manifest` rows that a follow-up reads from its baseline.
namespace manifest_row {
inline constexpr const char* spec = "spec";
inline constexpr const char* taxonomies = "taxonomies";
inline constexpr const char* method_constants = "method_constants";
}  // namespace manifest_row

}  // namespace kvo::io::schema
