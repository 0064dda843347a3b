#pragma once
// The record loop shared by the large police exports (`police-csv`, `country`): offences,
// times, streets and remarks drawn per row, about 1 % of the rows with one planted fault,
// written in the demo's format (Windows-1252, ';', decimal comma, CRLF). Where a record
// lies is the caller's: a placer draws each valid record's location.

#include <cstdint>
#include <filesystem>
#include <functional>

#include "data/generator/geometry.hpp"
#include "data/generator/police_model.hpp"
#include "data/generator/rng.hpp"

namespace kvo::gen {

/// What a large police export holds.
struct PoliceExportOptions {
  std::int64_t rows = 1'000'000;  ///< data records to write (header not counted)
  std::uint64_t seed = 1;         ///< random seed; same seed and options, same bytes
  std::filesystem::path out;      ///< the CSV to write
  int first_year = 2023;          ///< records start in [first_year, last_year]
  int last_year = 2023;
  double bad_share = 0.01;        ///< share of rows with one planted fault
  std::filesystem::path rejects;  ///< optional: list the bad rows (source_file,row,reason)
};

/// Draws the true location (RD New metres) of a record of offence `o`, within the extent kvo
/// accepts for RD New (x 0–300 km, y 300–625 km), so that only planted faults are rejected.
using Placer = std::function<Pt(Offence o, Rng& rng)>;

/// Writes the export, drawing from `rng` (the caller may have drawn from it before);
/// returns the number of planted bad rows.
std::int64_t write_police_rows(const PoliceExportOptions& options, Rng& rng, const Placer& place);

}  // namespace kvo::gen
