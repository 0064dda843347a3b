// header_row: exports with a title, an export date and a blank line above the column
// names. The rows above the header are skipped; rejects keep their record number and a
// sheet's rejects name the sheet row an analyst finds them on.
#include <catch2/catch.hpp>

#include "io/core/errors.hpp"
#include "io/read/area_counts_reader.hpp"
#include "io/read/area_reader.hpp"
#include "io/read/source_reader.hpp"
#include "io/read/survey_reader.hpp"
#include "support/one_source.hpp"
#include "support/sheet_file.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::SheetRow;
using kvo::test::TempDir;

namespace {

const char* kTaxonomy =
    "code,label,theme\n2.5.2,Winkeldiefstal,shoplifting\n1.1.1,Diefstal/inbraak woning,burglary\n"
    "1.3.1,Ongevallen (weg),excluded\n";

const SheetRow kHeader = {"registratienummer", "pleegdatum", "X-co\xc3\xb6rdinaat", "Y-co\xc3\xb6rdinaat",
                          "maatschappelijke klasse"};

// A police export as an analyst receives it: title, export date, blank row, then the
// header on sheet row 4 and five records on rows 5–9.
std::vector<SheetRow> police_export() {
  return {{"Politie-export Winkelcentrum 't Zand"},
          {"Ge\xc3\xabxporteerd op 15-01-2024 10:32"},
          {},
          kHeader,
          {"PL0901-2023-001", "03-02-2023", "150100,5", "410200", "2.5.2 Winkeldiefstal"},
          {"PL0901-2023-002", "04-02-2023", "150500", "410500", "1.1.1 Diefstal/inbraak woning"},
          {"PL0901-2023-003", "31-02-2023", "150500", "410500", "2.5.2 Winkeldiefstal"},    // row 7: no such date
          {"PL0901-2023-004", "05-02-2023", "150600", "410600", "1.3.1 Ongevallen (weg)"},  // row 8: out of scope
          {"PL0901-2023-005", "06-02-2023", "150700", "410700", "2.5.2 Winkeldiefstal"}};
}
constexpr std::int64_t kHeaderRow = 4, kBadRow = 7;

std::string police_keys(const std::string& file, const std::string& header_row) {
  return "name = \"politie\"\nkind = \"police\"\npath = \"" + file + "\"\n" + header_row +
         "id = \"registratienummer\"\nx = \"X-co\xc3\xb6rdinaat\"\ny = \"Y-co\xc3\xb6rdinaat\"\n"
         "start = \"pleegdatum\"\ncode = \"maatschappelijke klasse\"\ntaxonomy = \"tax.csv\"\n";
}

struct Read {
  SourceResult result;
  IncidentTable table;
};

// Writes the areas, the taxonomy and `file` (already in `dir`), and reads it as police.
Read read_police(const TempDir& dir, const std::string& file, const std::string& header_row) {
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("tax.csv", kTaxonomy);
  const auto spec = read_spec(dir.write("spec.toml", kvo::test::one_source_spec(police_keys(file, header_row))));
  Read r;
  r.result = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), r.table);
  return r;
}

// The InputError reading `file` with `header_row` gives (fails the test when none).
InputError read_error(const TempDir& dir, const std::string& file, const std::string& header_row) {
  try {
    (void)read_police(dir, file, header_row);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError");
  return InputError("");
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("header_row skips an XLSX or ODS export's title rows and rejects name the sheet row", "[io][header_row]") {
  const std::string file = GENERATE(as<std::string>{}, "politie 't Zand.xlsx", "politie 't Zand.ods");
  TempDir dir;
  kvo::test::write_sheet(dir.path() / file, "Export", police_export());
  const auto r = read_police(dir, file, "header_row = 4\n");
  const auto& c = r.result.counts;
  CHECK(c.read == 5);  // sheet rows 5–9
  CHECK(c.accepted == 3);
  CHECK(c.rejected == 1);
  CHECK(c.excluded == 1);
  CHECK(c.read == c.accepted + c.rejected + c.excluded + c.outside_study_region);
  REQUIRE(r.table.size() == 3);
  CHECK(r.table.incidents.x[0] == Approx(150100.5));
  CHECK(r.table.source_id[0] == "PL0901-2023-001");
  CHECK(r.table.row == std::vector<std::uint32_t>{1, 2, 5});
  REQUIRE(r.result.rejects.size() == 1);
  const Reject& bad = r.result.rejects[0];
  CHECK(bad.reason == RejectReason::bad_date);
  CHECK(bad.row == kBadRow - kHeaderRow);  // the record number below the header
  CHECK(has(bad.detail, "(sheet row " + std::to_string(kBadRow) + ")"));
  // The raw record names its fields as the header row does.
  CHECK(has(bad.raw, "\"X-co\xc3\xb6rdinaat\":\"150500\""));
  CHECK(has(bad.raw, "\"pleegdatum\":\"31-02-2023\""));
}

TEST_CASE("a sheet's header row must exist, hold names, and hold the spec's fields", "[io][header_row]") {
  const std::string file = GENERATE(as<std::string>{}, "politie.xlsx", "politie.ods");
  TempDir dir;
  kvo::test::write_sheet(dir.path() / file, "Export", police_export());

  const InputError beyond = read_error(dir, file, "header_row = 40\n");
  CHECK(beyond.where().key == "header_row");
  CHECK(has(beyond.where().path, file));
  CHECK(has(beyond.message(), "has 9 rows, so no row 40"));

  const InputError empty = read_error(dir, file, "header_row = 3\n");
  CHECK(empty.where().key == "header_row");
  CHECK(has(empty.message(), "row 3 is empty"));

  // The export date's row is no header: the spec's fields are not in it.
  const InputError wrong = read_error(dir, file, "header_row = 2\n");
  CHECK(has(wrong.where().path, file));
  CHECK(wrong.where().key == "id");
  CHECK(has(wrong.message(), "no field 'registratienummer'"));
  CHECK(has(wrong.message(), "sheet row 2 (header_row)"));

  // Without header_row the title row is taken for the header.
  const InputError first = read_error(dir, file, "");
  CHECK(has(first.message(), "Politie-export Winkelcentrum 't Zand"));
}

TEST_CASE("without header_row a sheet's first row is its header, even when every cell is text", "[io][header_row]") {
  TempDir dir;
  // Text in every cell of the second row too: GDAL's own header detection would take the
  // first row for a record here.
  kvo::test::write_sheet(dir.path() / "politie.xlsx", "Export",
                         {kHeader,
                          {"P1", "03-02-2023", "150100", "410200", "2.5.2 Winkeldiefstal"},
                          {"P2", "31-02-2023", "150100", "410200", "2.5.2 Winkeldiefstal"}});
  const auto r = read_police(dir, "politie.xlsx", "");
  CHECK(r.result.counts.read == 2);
  CHECK(r.result.counts.accepted == 1);
  REQUIRE(r.result.rejects.size() == 1);
  CHECK(r.result.rejects[0].row == 2);
  CHECK(has(r.result.rejects[0].detail, "(sheet row 3)"));
}

TEST_CASE("header_row skips the lines above a CSV export's header, quotes and all", "[io][header_row]") {
  TempDir dir;
  const std::string bad = "P2;31-02-2023;150500;410500;2.5.2 Winkeldiefstal";
  dir.write("politie.csv",
            "Politie-export \"Winkelcentrum 't Zand\r\n"  // an unbalanced quote: lines, not records
            "Ge\xc3\xabxporteerd op 15-01-2024 10:32\r\n"
            "\r\n"
            "registratienummer;pleegdatum;X-co\xc3\xb6rdinaat;Y-co\xc3\xb6rdinaat;maatschappelijke klasse\r\n"
            "P1;03-02-2023;150100,5;410200;2.5.2 Winkeldiefstal\r\n" +
                bad + "\r\nP3;04-02-2023;150500;410500;1.1.1 Diefstal/inbraak woning\r\n");
  const auto r = read_police(dir, "politie.csv", "header_row = 4\n");
  CHECK(r.result.counts.read == 3);
  CHECK(r.result.counts.accepted == 2);
  REQUIRE(r.result.rejects.size() == 1);
  CHECK(r.result.rejects[0].row == 2);
  CHECK(r.result.rejects[0].raw == bad);  // the bytes as exported, found past the title lines

  const InputError beyond = read_error(dir, "politie.csv", "header_row = 9\n");
  CHECK(beyond.where().key == "header_row");
  CHECK(has(beyond.where().path, "politie.csv"));
  CHECK(has(beyond.message(), "fewer than 9 lines"));
  const InputError blank = read_error(dir, "politie.csv", "header_row = 3\n");
  CHECK(has(blank.message(), "line 3 is empty"));
  const InputError title = read_error(dir, "politie.csv", "header_row = 2\n");
  CHECK(title.where().key == "id");
  CHECK(has(title.message(), "line 2 (header_row)"));
}

TEST_CASE("a CSV export saved as .txt is read as CSV, with and without header_row", "[io][header_row]") {
  TempDir dir;  // its path holds a space and an apostrophe
  const std::string header =
      "registratienummer;pleegdatum;X-co\xc3\xb6rdinaat;Y-co\xc3\xb6rdinaat;maatschappelijke klasse\r\n";
  const std::string records =
      "P1;03-02-2023;150100,5;410200;2.5.2 Winkeldiefstal\r\n"
      "P2;31-02-2023;150500;410500;2.5.2 Winkeldiefstal\r\n";
  dir.write("politie export 2023.txt",
            "Politie-export Winkelcentrum 't Zand\r\nGe\xc3\xabxporteerd op 15-01-2024\r\n\r\n" + header + records);
  dir.write("it's plain.txt", header + records);
  for (const auto& [file, header_row] :
       {std::pair<std::string, std::string>{"politie export 2023.txt", "header_row = 4\n"}, {"it's plain.txt", ""}}) {
    INFO(file);
    const auto r = read_police(dir, file, header_row);
    CHECK(r.result.counts.read == 2);
    CHECK(r.result.counts.accepted == 1);
    REQUIRE(r.table.size() == 1);
    CHECK(r.table.incidents.x[0] == 150100.5);
    REQUIRE(r.result.rejects.size() == 1);
    CHECK(r.result.rejects[0].raw == "P2;31-02-2023;150500;410500;2.5.2 Winkeldiefstal");
  }
}

TEST_CASE("a missing field read from a title line hints at header_row", "[io][header_row]") {
  TempDir dir;
  const std::string title = "Politie-export Winkelcentrum 't Zand;;;;\r\n;;;;\r\n";
  const std::string header =
      "registratienummer;pleegdatum;X-co\xc3\xb6rdinaat;Y-co\xc3\xb6rdinaat;maatschappelijke klasse\r\n";
  dir.write("politie.csv", title + header + "P1;03-02-2023;150100;410200;2.5.2 Winkeldiefstal\r\n");
  kvo::test::write_sheet(dir.path() / "politie.xlsx", "Export", police_export());
  for (const std::string file : {"politie.csv", "politie.xlsx"}) {
    INFO(file);
    const InputError e = read_error(dir, file, "");
    CHECK(has(e.message(), "no field 'registratienummer'"));
    CHECK(has(e.message(), file == "politie.csv" ? "field_2" : "Field2"));
    CHECK(has(e.message(), "is the header below a title block? set header_row = N, the "));
  }
  // A header that is merely wrong gets no such hint.
  dir.write("politie.csv", header + "P1;03-02-2023;150100;410200;2.5.2 Winkeldiefstal\r\n");
  const auto spec_keys = police_keys("politie.csv", "");
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("tax.csv", kTaxonomy);
  std::string wrong = spec_keys;
  wrong.replace(wrong.find("id = \"registratienummer\""), 24, "id = \"regnr\"");
  const auto spec = read_spec(dir.write("spec.toml", kvo::test::one_source_spec(wrong)));
  IncidentTable table;
  try {
    (void)read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(has(e.message(), "no field 'regnr'"));
    CHECK_FALSE(has(e.message(), "title block"));
  }
}

TEST_CASE("area counts and survey sheets take header_row too", "[io][header_row]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("tax.csv", kTaxonomy);
  kvo::test::write_sheet(dir.path() / "open data.xlsx", "Buurten",
                         {{"Misdrijven per buurt per maand"},
                          {"buurtcode", "maand", "soort_misdrijf", "aantal"},
                          {"A1", "2023-01", "2.5.2 Winkeldiefstal", "3"},
                          {"BU99", "2023-02", "2.5.2 Winkeldiefstal", "1"}});  // sheet row 4
  kvo::test::write_sheet(dir.path() / "enquete.ods", "Antwoorden",
                         {{"Ondernemersenqu\xc3\xaate 2023"},
                          {},
                          {"respondent", "x_rd", "y_rd", "datum", "onveilig"},
                          {"R1", "150100", "410200", "2023-04-03", "ja"},
                          {"R2", "150200", "410300", "2023-13-03", "nee"}});  // sheet row 5
  const auto spec = read_spec(dir.write(
      "spec.toml",
      kvo::test::one_source_spec(
          "name = \"open data\"\nkind = \"area_counts\"\npath = \"open data.xlsx\"\nheader_row = 2\n"
          "area = \"buurtcode\"\nmonth = \"maand\"\ncode = \"soort_misdrijf\"\ncount = \"aantal\"\n"
          "taxonomy = \"tax.csv\"\n"
          "[[sources]]\nname = \"enquete\"\nkind = \"survey\"\npath = \"enquete.ods\"\nheader_row = 3\n"
          "id = \"respondent\"\nx = \"x_rd\"\ny = \"y_rd\"\nstart = \"datum\"\n"
          "[sources.indicators]\nfeels_unsafe = { field = \"onveilig\", yes = [\"ja\"], no = [\"nee\"] }\n")));
  const AreaTable areas = read_areas(spec);
  kvo::engine::AreaCounts counts;
  const auto ac = read_area_counts_source(spec, 0, areas, load_taxonomy(spec, spec.sources[0]), counts);
  CHECK(ac.counts.read == 2);
  REQUIRE(counts.count.size() == 1);
  CHECK(counts.count[0] == 3);
  REQUIRE(ac.rejects.size() == 1);
  CHECK(ac.rejects[0].reason == RejectReason::unknown_area);
  CHECK(has(ac.rejects[0].detail, "(sheet row 4)"));
  SurveyTable survey;
  const auto sv = read_survey_source(spec, 1, areas, survey);
  CHECK(sv.counts.read == 2);
  CHECK(sv.counts.accepted == 1);
  REQUIRE(sv.rejects.size() == 1);
  CHECK(sv.rejects[0].row == 2);
  CHECK(has(sv.rejects[0].detail, "(sheet row 5)"));
}

TEST_CASE("header_row is checked with the spec and recorded in the resolved spec", "[io][header_row][spec]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  auto problem = [&](const std::string& keys) {
    try {
      (void)read_spec(dir.write("spec.toml", kvo::test::one_source_spec(keys)));
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no ConfigError");
  };
  const std::string zero = problem(police_keys("politie.xlsx", "header_row = 0\n"));
  CHECK(has(zero, "spec.toml:"));
  CHECK(has(zero, "header_row': must be a whole number from 1 to 1048576"));
  CHECK(has(problem(police_keys("politie.ods", "header_row = \"4\"\n")), "header_row': must be a number"));
  CHECK(has(problem(police_keys("politie.geojson", "header_row = 2\n")),
            "header_row': applies to CSV, XLSX and ODS sources only"));
  CHECK(has(problem(police_keys("politie.xlsx", "open_options = [\"HEADERS=FORCE\"]\n")),
            "'HEADERS=FORCE': kvo reads the column names from header_row"));

  const auto spec = read_spec(dir.write(
      "spec.toml", kvo::test::one_source_spec(police_keys("politie.xlsx", "header_row = 4\n") + "[[sources]]\n" +
                                              "name = \"schouw\"\nkind = \"observation\"\npath = \"schouw.geojson\"\n"
                                              "start = \"datum\"\ncode = \"categorie\"\n")));
  CHECK(spec.sources[0].header_row == 4);
  const auto j = spec_to_json(spec);
  CHECK(j["sources"][0]["header_row"] == 4);
  CHECK_FALSE(j["sources"][1].contains("header_row"));  // GeoJSON has no header row
}
