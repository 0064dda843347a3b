// A CSV with its locations in a WKT column not named WKT, and GDAL open options from the
// spec: `geometry = "locatie"` reads the column as the geometry (in the analysis CRS unless
// `crs` says otherwise); `open_options` replace kvo's own for the same key.

#include <catch2/catch.hpp>

#include <fstream>

#include "io/core/errors.hpp"
#include "io/read/source_open.hpp"
#include "io/read/source_reader.hpp"
#include "support/one_source.hpp"
#include "support/sheet_file.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

const char* kSchouw =
    "nr,datum,categorie,locatie\n"
    "S1,2023-03-01,graffiti,POINT (150100 410200)\n"
    "S2,2023-03-02,Kapotte verlichting,POINT (150300 410400)\n"
    "S3,2023-03-03,zwerfvuil,\n";

std::string spec_text(const std::string& extra) {
  return kvo::test::one_source_spec(
      "name = \"schouw\"\nkind = \"observation\"\npath = \"schouw.csv\"\nid = \"nr\"\nstart = \"datum\"\n"
      "code = \"categorie\"\n" +
      extra);
}

}  // namespace

TEST_CASE("a WKT column named in the spec is the records' geometry", "[io][geometry]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("schouw.csv", kSchouw);
  const auto spec = read_spec(dir.write("spec.toml", spec_text("geometry = \"locatie\"\n")));
  IncidentTable table;
  const auto r = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  CHECK(r.counts.accepted == 2);
  CHECK(r.counts.rejected == 1);  // S3 has no location
  REQUIRE(table.size() == 2);
  CHECK(table.incidents.x[0] == 150100.0);
  CHECK(table.incidents.y[1] == 410400.0);
  CHECK(spec_to_json(spec)["sources"][0]["geometry"] == "locatie");
}

TEST_CASE("without the geometry key the error says how to name the WKT column", "[io][geometry]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("schouw.csv", kSchouw);
  const auto spec = read_spec(dir.write("spec.toml", spec_text("")));
  IncidentTable table;
  try {
    (void)read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("name a WKT column with 'geometry'") != std::string::npos);
  }
}

TEST_CASE("the spec's open options replace kvo's own for the same key", "[io][geometry]") {
  SourceSpec s;
  s.path = "/data/export.csv";
  s.open_options = {"headers=NO", "MERGE_SEPARATOR=YES"};
  const auto o = detail::source_open_options(s);
  CHECK(std::count(o.begin(), o.end(), std::string("HEADERS=YES")) == 0);
  CHECK(std::count(o.begin(), o.end(), std::string("headers=NO")) == 1);
  CHECK(std::count(o.begin(), o.end(), std::string("MERGE_SEPARATOR=YES")) == 1);
  CHECK(std::count(o.begin(), o.end(), std::string("AUTODETECT_TYPE=NO")) == 1);
  // A bad option is a spec error naming the key.
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  try {
    (void)read_spec(dir.write("spec.toml", spec_text("open_options = [\"HEADERS\"]\n")));
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("open_options") != std::string::npos);
  }
}

namespace {

// The fire brigade's export as a workbook: a title row, a blank row, the header on sheet
// row 3, then the records with their location as WKT in `locatie`.
std::vector<kvo::test::SheetRow> wkt_sheet(bool title) {
  std::vector<kvo::test::SheetRow> rows;
  if (title) rows = {{"Brandweer inzetten 2023 \xe2\x80\x93 's-Hertogenbosch"}, {}};
  rows.push_back({"nr", "datum", "soort", "locatie"});
  rows.push_back({"S1", "2023-03-01", "graffiti", "POINT (152900 413100)"});
  rows.push_back({"S2", "2023-03-02", "zwerfvuil", "POINT (garbage)"});                          // unreadable
  rows.push_back({"S3", "2023-03-03", "graffiti", ""});                                          // empty cell
  rows.push_back({"S4", "2023-03-04", "graffiti", "POINT (5.47 51.43)"});                        // degrees in RD
  rows.push_back({"S5", "2023-03-05", "graffiti", "POINT (413100 152900)"});                     // x and y exchanged
  rows.push_back({"S6", "2023-03-06", "graffiti", "LINESTRING (150000 410000,150100 410100)"});  // not a point
  return rows;
}

struct WktRead {
  SourceResult result;
  IncidentTable table;
};

WktRead read_wkt(const TempDir& dir, const std::string& file, const std::string& header_row) {
  dir.write("areas.geojson", kvo::test::kOneArea);
  const auto spec = read_spec(
      dir.write("spec.toml", kvo::test::one_source_spec("name = \"brandweer\"\nkind = \"observation\"\npath = \"" +
                                                        file + "\"\n" + header_row +
                                                        "id = \"nr\"\nstart = \"datum\"\ncode = \"soort\"\n"
                                                        "geometry = \"locatie\"\n")));
  WktRead r;
  r.result = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), r.table);
  return r;
}

const Reject& reject_of(const SourceResult& r, std::int64_t row) {
  for (const auto& x : r.rejects)
    if (x.row == row) return x;
  FAIL("no reject for row " << row);
  return r.rejects.front();
}

// Rows S2–S6 are rejected, each for what is wrong with its WKT, naming the column.
void check_wkt_rejects(const SourceResult& r) {
  REQUIRE(r.rejects.size() == 5);
  CHECK(reject_of(r, 2).reason == RejectReason::bad_coordinates);
  CHECK(reject_of(r, 2).field == "locatie");
  CHECK(reject_of(r, 2).detail.find("POINT (garbage)") != std::string::npos);
  CHECK(reject_of(r, 3).reason == RejectReason::missing_coordinates);
  CHECK(reject_of(r, 3).field == "locatie");
  CHECK(reject_of(r, 4).reason == RejectReason::latlon_as_projected);
  CHECK(reject_of(r, 4).field == "locatie");
  CHECK(reject_of(r, 5).reason == RejectReason::swapped_coordinates);
  CHECK(reject_of(r, 5).field == "locatie");
  CHECK(reject_of(r, 6).reason == RejectReason::bad_coordinates);
  CHECK(reject_of(r, 6).field == "locatie");
}

}  // namespace

TEST_CASE("a WKT column named in the spec is read from XLSX and ODS sheets, with or without header_row",
          "[io][geometry]") {
  for (const std::string ext : {".xlsx", ".ods"}) {
    for (const bool title : {true, false}) {
      INFO(ext << (title ? " with a title block, header_row = 3" : " without header_row"));
      TempDir dir;
      kvo::test::write_sheet(dir.path() / ("wkt" + ext), "inzetten", wkt_sheet(title));
      const auto r = read_wkt(dir, "wkt" + ext, title ? "header_row = 3\n" : "");
      CHECK(r.result.counts.accepted == 1);
      REQUIRE(r.table.size() == 1);
      CHECK(r.table.incidents.x[0] == 152900.0);
      CHECK(r.table.incidents.y[0] == 413100.0);
      check_wkt_rejects(r.result);
      // A sheet's reject names the sheet row: S2 is record 2, sheet row 5 under a title.
      CHECK(reject_of(r.result, 2).detail.find(title ? "(sheet row 5)" : "(sheet row 3)") != std::string::npos);
    }
  }
}

TEST_CASE("a CSV's WKT column: unreadable WKT is bad_coordinates and the RD checks apply, naming the column",
          "[io][geometry]") {
  TempDir dir;
  std::string csv;
  for (const auto& row : wkt_sheet(false)) {
    std::string line;
    for (const auto& cell : row) line += (line.empty() ? "" : ";") + cell;
    csv += line + "\n";
  }
  dir.write("wkt.csv", csv);
  const auto r = read_wkt(dir, "wkt.csv", "");
  CHECK(r.result.counts.accepted == 1);
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.incidents.x[0] == 152900.0);
  check_wkt_rejects(r.result);
}

TEST_CASE("an open option the source's driver does not know is refused, naming spec, source and option",
          "[io][geometry][open_options]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("schouw.csv", kSchouw);
  const auto read_with = [&](const std::string& options) {
    const auto spec = read_spec(dir.write("spec.toml", spec_text("geometry = \"locatie\"\n" + options)));
    IncidentTable table;
    return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  };
  // GDAL 3.6's CSV driver has no SEPARATOR open option (it is a layer creation option).
  try {
    (void)read_with("open_options = [\"SEPARATOR=SEMICOLON\"]\n");
    FAIL("no error");
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    CHECK(e.where().path == (dir.path() / "spec.toml").string());
    CHECK(e.where().key == "sources[0].open_options");
    // The line of the open_options key itself, not of its [[sources]] table.
    std::ifstream spec_file(dir.path() / "spec.toml");
    std::int64_t line = 0, options_line = 0;
    for (std::string text; std::getline(spec_file, text);)
      if (++line, text.rfind("open_options", 0) == 0) options_line = line;
    REQUIRE(options_line > 0);
    CHECK(e.where().line == options_line);
    CHECK(m.find("source 'schouw'") != std::string::npos);
    CHECK(m.find("CSV driver has no open option 'SEPARATOR'") != std::string::npos);
    CHECK(m.find("MERGE_SEPARATOR") != std::string::npos);  // the options it knows are listed
    CHECK(m.find("EMPTY_STRING_AS_NULL") != std::string::npos);
  }
  // Options the driver knows, in any case, are taken.
  CHECK(read_with("open_options = [\"merge_separator=NO\", \"MAX_LINE_SIZE=1000000\"]\n").counts.accepted == 2);

  // A sheet: FIELD_TYPES is known (kvo hands it to GDAL), anything else is not.
  kvo::test::write_sheet(
      dir.path() / "schouw.xlsx", "schouw",
      {{"nr", "datum", "categorie", "locatie"}, {"S1", "2023-03-01", "graffiti", "POINT (150100 410200)"}});
  const auto sheet_with = [&](const std::string& options) {
    const auto spec = read_spec(dir.write(
        "sheet.toml", kvo::test::one_source_spec("name = \"schouw\"\nkind = \"observation\"\npath = \"schouw.xlsx\"\n"
                                                 "id = \"nr\"\nstart = \"datum\"\ncode = \"categorie\"\n"
                                                 "geometry = \"locatie\"\n" +
                                                 options)));
    IncidentTable table;
    return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  };
  CHECK(sheet_with("open_options = [\"FIELD_TYPES=STRING\"]\n").counts.accepted == 1);
  CHECK_THROWS_AS(sheet_with("open_options = [\"SEPARATOR=SEMICOLON\"]\n"), ConfigError);
}
