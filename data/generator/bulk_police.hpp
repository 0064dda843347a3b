#pragma once
// Large police exports for benchmarks and scale tests: the demo's format (Windows-1252,
// ';', decimal comma, CRLF) over a 20 km × 20 km region, with about 1 % bad rows.

#include <cstdint>
#include <filesystem>

namespace kvo::gen {

/// What `kvo_generate police-csv` writes.
struct BulkPoliceOptions {
  std::int64_t rows = 1'000'000;        ///< data records to write (header not counted)
  std::uint64_t seed = 1;               ///< random seed; same seed and options, same bytes
  std::filesystem::path out;            ///< the CSV to write
  int first_year = 2023;                ///< records start in [first_year, last_year]
  int last_year = 2023;
  double bad_share = 0.01;              ///< share of rows with one planted fault
  std::filesystem::path rejects;        ///< optional: list the bad rows (source_file,row,reason)
};

/// Writes the export; returns the number of planted bad rows.
std::int64_t write_bulk_police(const BulkPoliceOptions& options);

}  // namespace kvo::gen
