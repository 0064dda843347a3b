#pragma once
// Large police exports for benchmarks and scale tests: the demo's format (Windows-1252,
// ';', decimal comma, CRLF) over a 20 km × 20 km region, with about 1 % bad rows.

#include <cstdint>

#include "data/generator/police_rows.hpp"

namespace kvo::gen {

/// What `kvo_generate police-csv` writes.
using BulkPoliceOptions = PoliceExportOptions;

/// Writes the export; returns the number of planted bad rows.
std::int64_t write_bulk_police(const BulkPoliceOptions& options);

}  // namespace kvo::gen
