#pragma once
// The parts of the Zuidhaven demo: each maker builds one source's records for one year
// (in UTF-8, with the planted bad records marked), the writers turn them into files.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "data/generator/police_model.hpp"
#include "data/generator/town.hpp"

namespace kvo::gen {

/// Converts an RD New point to WGS84 {lon, lat}.
using ToWgs84 = std::function<Pt(Pt)>;

/// A record planted to be rejected, as listed in expected_rejects.csv.
struct PlantedReject {
  std::string file;     ///< file name inside the demo folder
  std::int64_t row = 0; ///< 1-based data record number (header not counted)
  std::string reason;   ///< the reader's reason code
};

/// One row of a police export (text as written, UTF-8) and what it stands for.
struct PoliceRecord {
  std::string id, date_from, time_from, date_to, time_to, code, street, x, y, remark;
  Pt p;                    ///< true location (RD)
  Offence offence{};       ///< true offence
  Window when;             ///< true time
  std::string reason;      ///< planted fault; empty for a valid record
};

/// A police export for one year.
struct PoliceFile {
  int year = 0;
  std::string name;  ///< politie_YYYY.csv
  std::vector<PoliceRecord> rows;
};

/// Builds the police export of `year` (2023 or 2025), with its planted bad rows.
PoliceFile make_police(const Town& town, int year, const ToWgs84& to_wgs84);

/// The export as written: Windows-1252, ';', decimal comma, CRLF.
std::string police_csv(const PoliceFile& file);

/// One fire-brigade call.
struct FireRecord {
  std::string id, start, classification;
  int priority = 1;
  bool has_coordinates = true;
  double lat = 0, lon = 0;  ///< as written (may be exchanged on purpose)
  Pt p;                     ///< true location (RD)
  std::string reason;       ///< planted fault (or unknown_code for assistance calls)
};

/// A fire-brigade export for one year.
struct FireFile {
  int year = 0;
  std::string name;  ///< brandweer_YYYY.xlsx
  std::vector<FireRecord> rows;
};

/// Builds the fire-brigade export of `year`.
FireFile make_fire(const Town& town, int year, const ToWgs84& to_wgs84);

/// One schouw (walk-through) finding.
struct SchouwRecord {
  std::string id, date, category, remark;
  bool has_geometry = true;
  Pt p;                ///< RD
  std::string reason;  ///< planted fault
};

/// The findings of one year.
struct SchouwFile {
  int year = 0;
  std::string name;  ///< schouw_YYYY.geojson
  std::vector<SchouwRecord> rows;
};

/// Builds the schouw findings of `year`.
SchouwFile make_schouw(const Town& town, int year);

/// The entrepreneurs' survey of one year, as CSV text, with the realised facts.
struct SurveyFile {
  int year = 0;
  std::string name;  ///< enquete_YYYY.csv
  std::string csv;   ///< UTF-8, ';', decimal comma
  int respondents = 0;
  std::string facts;  ///< human-readable realised shares, for the README
};

/// Builds the survey of `year`.
SurveyFile make_survey(const Town& town, int year);

/// Aggregated open-data counts (buurt × month × offence) of the valid police records, with
/// two rows of an unknown buurt code planted; returns the CSV text.
std::string make_area_counts(const Town& town, const std::vector<const PoliceFile*>& police,
                             std::vector<PlantedReject>& rejects, std::int64_t& rows);

/// Writes the two KVO areas as GeoJSON (WGS84).
void write_kvo_areas(const std::filesystem::path& path, const Town& town);
/// Writes the buurten as an RD New shapefile (UTF-8 .dbf with .cpg).
void write_buurten(const std::filesystem::path& path, const Town& town);
/// Writes schouw findings as GeoJSON points (WGS84).
void write_schouw(const std::filesystem::path& path, const SchouwFile& file);
/// Writes a fire-brigade export as XLSX, sheet `incidenten`.
void write_fire_xlsx(const std::filesystem::path& path, const FireFile& file);
/// RD New → WGS84 {lon, lat} with a fixed transformation (see docs/demo.md).
Pt rd_to_wgs84(Pt rd);

/// Writes the whole demo into `dir` and prints the planted facts to stdout.
int run_demo(const std::filesystem::path& dir);

}  // namespace kvo::gen
