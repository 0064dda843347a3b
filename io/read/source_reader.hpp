#pragma once
// Reads one incident source (police, fire, observation) through GDAL/OGR and normalises
// every record: coordinates to the analysis CRS, time window, theme, period. Bad records
// become rejects with a reason code; read = accepted + rejected always holds.

#include <cstddef>

#include "engine/progress.hpp"
#include "io/core/spec.hpp"
#include "io/read/coordinate_check.hpp"  // check_rd_coordinates
#include "io/read/source_data.hpp"
#include "io/read/taxonomy.hpp"

namespace kvo::io {

/// Options for reading a source.
struct ReadOptions {
  bool assign_periods = true;  ///< reject records outside every period (false: keep all, period unset)
};

/// Reads source `index` of `spec`, appending its accepted records to `table` (with
/// incidents.source = the new origin's index). Throws InputError when the source as a
/// whole cannot be read (missing file, missing field, unknown CRS); never for a bad record.
SourceResult read_source(const AnalysisSpec& spec, std::size_t index, const Taxonomy& taxonomy, IncidentTable& table,
                         const ReadOptions& options = {}, const engine::Progress& progress = {});

/// The taxonomy for a source: its table (spec `taxonomy` or the kind's default) plus the
/// spec's own `codes`. Throws InputError.
Taxonomy load_taxonomy(const AnalysisSpec& spec, const SourceSpec& source);

}  // namespace kvo::io
