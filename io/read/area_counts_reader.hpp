#pragma once
// Reads pre-aggregated sources (kind = "area_counts"): counts per area code per month per
// category, the form in which the police publish open data per buurt.

#include "engine/area_stats.hpp"
#include "io/core/spec.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_data.hpp"
#include "io/read/taxonomy.hpp"

namespace kvo::io {

/// Reads area_counts source `index` into `counts`: area by code (unknown codes are
/// rejects), month "YYYY-MM" (its first day decides the period), category through the
/// taxonomy, and a non-negative whole count.
SourceResult read_area_counts_source(const AnalysisSpec& spec, std::size_t index, const AreaTable& areas,
                                     const Taxonomy& taxonomy, engine::AreaCounts& counts);

}  // namespace kvo::io
