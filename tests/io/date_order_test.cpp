// A date_format with day and month in the wrong order accepts the dates with a day up to 12
// (swapped) and rejects the rest, or rejects nothing when every day is up to 12: the reader
// warns whenever the accepted dates fit both orders, and names the rows.

#include <catch2/catch.hpp>

#include "io/read/source_reader.hpp"
#include "support/one_source.hpp"
#include "support/sheet_file.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

std::string spec_text(const std::string& format) {
  return kvo::test::one_source_spec(
      "name = \"politie\"\nkind = \"police\"\npath = \"politie.csv\"\nx = \"x\"\ny = \"y\"\nid = \"nr\"\n"
      "start = \"datum\"\ncode = \"klasse\"\ndate_format = \"" +
      format + "\"\n");
}

SourceResult read(const TempDir& dir, const std::string& csv, const std::string& format) {
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("politie.csv", csv);
  const auto spec = read_spec(dir.write("spec.toml", spec_text(format)));
  IncidentTable table;
  return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
}

// Month-day-year dates: rows 1, 2 and 4 have a day of at most 12 and read (swapped) as
// day-month; rows 3 and 5 ("03-25", "11-30") are no day-month date at all.
const char* kMonthFirst =
    "nr;datum;klasse;x;y\r\n"
    "P1;02-05-2023;2.5.2 Winkeldiefstal;150100;410100\r\n"
    "P2;03-11-2023;2.5.2 Winkeldiefstal;150200;410200\r\n"
    "P3;03-25-2023;2.5.2 Winkeldiefstal;150300;410300\r\n"
    "P4;07-04-2023;2.5.2 Winkeldiefstal;150400;410400\r\n"
    "P5;11-30-2023;2.5.2 Winkeldiefstal;150500;410500\r\n";

}  // namespace

TEST_CASE("day and month swapped by the date_format: a warning naming the rows", "[io][dates]") {
  TempDir dir;
  const auto r = read(dir, kMonthFirst, "%d-%m-%Y");
  CHECK(r.counts.accepted == 3);
  CHECK(r.counts.rejected == 2);
  REQUIRE(r.warnings.size() == 1);
  const std::string& w = r.warnings[0];
  CHECK(w.find("date_format \"%d-%m-%Y\" may have day and month exchanged") != std::string::npos);
  CHECK(w.find("2 rows rejected as bad dates read fine as \"%m-%d-%Y\" (rows 3, 5)") != std::string::npos);
  CHECK(w.find("none of the 3 accepted dates has a day above 12") != std::string::npos);
  CHECK(w.find("(rows 1, 2, 4)") != std::string::npos);
}

TEST_CASE("the right date_format, or days above 12 among the accepted dates: no warning", "[io][dates]") {
  TempDir dir;
  const auto right = read(dir, kMonthFirst, "%m-%d-%Y");
  CHECK(right.counts.accepted == 5);
  CHECK(right.warnings.empty());
  // Day-month data with one broken date: a day of 25 shows the order is right.
  const auto dm = read(dir,
                       "nr;datum;klasse;x;y\r\n"
                       "P1;25-03-2023;2.5.2 Winkeldiefstal;150100;410100\r\n"
                       "P2;31-02-2023;2.5.2 Winkeldiefstal;150200;410200\r\n"
                       "P3;02-05-2023;2.5.2 Winkeldiefstal;150300;410300\r\n",
                       "%d-%m-%Y");
  CHECK(dm.counts.accepted == 2);
  CHECK(dm.counts.rejected == 1);
  CHECK(dm.warnings.empty());
}

namespace {

// Day-month dates (a Dutch export) whose days are all 12 or less: rows 1, 2, 4, 5, 6 and
// 7 fit both orders as different dates; row 3 (04-04) is the same date either way.
const char* kDayFirstUpTo12 =
    "nr;datum;klasse;x;y\r\n"
    "P1;02-05-2023;2.5.2 Winkeldiefstal;150100;410100\r\n"
    "P2;11-03-2023;2.5.2 Winkeldiefstal;150200;410200\r\n"
    "P3;04-04-2023;2.5.2 Winkeldiefstal;150300;410300\r\n"
    "P4;07-12-2023;2.5.2 Winkeldiefstal;150400;410400\r\n"
    "P5;09-01-2023;2.5.2 Winkeldiefstal;150500;410500\r\n"
    "P6;12-10-2023;2.5.2 Winkeldiefstal;150600;410600\r\n"
    "P7;01-06-2023;2.5.2 Winkeldiefstal;150700;410700\r\n";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a wrong date_format that rejects nothing: a warning naming the ambiguous rows", "[io][dates]") {
  TempDir dir;
  const auto r = read(dir, kDayFirstUpTo12, "%m-%d-%Y");
  CHECK(r.counts.accepted == 7);
  CHECK(r.counts.rejected == 0);
  REQUIRE(r.warnings.size() == 1);
  const std::string& w = r.warnings[0];
  INFO(w);
  CHECK(has(w, "source 'politie': the order of day and month is ambiguous"));
  CHECK(has(w, "6 of the 7 accepted dates read as another date with day and month exchanged (rows 1, 2, 4, 5, 6, …)"));
  CHECK(has(w, "read month first, as date_format \"%m-%d-%Y\" says"));
  CHECK(has(w, "row 1 '02-05-2023' is 2023-02-05, not 2023-05-02"));
  CHECK(has(w, "set date_format = \"%d-%m-%Y\""));
}

TEST_CASE("auto reads dd-mm-yyyy day first and warns when no day is above 12", "[io][dates]") {
  TempDir dir;
  const auto r = read(dir, kDayFirstUpTo12, "auto");
  CHECK(r.counts.accepted == 7);
  REQUIRE(r.warnings.size() == 1);
  const std::string& w = r.warnings[0];
  INFO(w);
  CHECK(has(w, "(rows 1, 2, 4, 5, 6, …)"));
  CHECK(has(w, "read day first (date_format \"auto\" reads dd-mm-yyyy, the Dutch order)"));
  CHECK(has(w, "row 1 '02-05-2023' is 2023-05-02, not 2023-02-05"));
  CHECK(has(w, "set date_format = \"%m-%d-%Y\""));
}

TEST_CASE("no ambiguity warning for a day above 12, year-first dates, or days equal to months", "[io][dates]") {
  TempDir dir;
  // One day of 13 settles the order for the whole source.
  std::string with_13 = kDayFirstUpTo12;
  with_13 += "P8;13-06-2023;2.5.2 Winkeldiefstal;150800;410800\r\n";
  CHECK(read(dir, with_13, "%d-%m-%Y").warnings.empty());
  CHECK(read(dir, with_13, "auto").warnings.empty());
  // ISO dates, read by auto or an explicit year-first format: nobody writes yyyy-dd-mm.
  const std::string iso =
      "nr;datum;klasse;x;y\r\n"
      "P1;2023-02-05;2.5.2 Winkeldiefstal;150100;410100\r\n"
      "P2;2023-11-03;2.5.2 Winkeldiefstal;150200;410200\r\n";
  CHECK(read(dir, iso, "auto").warnings.empty());
  CHECK(read(dir, iso, "%Y-%m-%d").warnings.empty());
  // Every day equal to its month: the same dates in either order.
  const std::string same =
      "nr;datum;klasse;x;y\r\n"
      "P1;04-04-2023;2.5.2 Winkeldiefstal;150100;410100\r\n"
      "P2;11-11-2023;2.5.2 Winkeldiefstal;150200;410200\r\n";
  CHECK(read(dir, same, "%m-%d-%Y").warnings.empty());
}

TEST_CASE("the ambiguity warning of a sheet with title rows names sheet rows", "[io][dates][header_row]") {
  const std::string file = GENERATE(as<std::string>{}, "politie 's-Hertogenbosch.xlsx", "politie 't Zand.ods");
  TempDir dir;
  // Title, export date, a blank row, the header on sheet row 4, records on rows 5–8.
  kvo::test::write_sheet(
      dir.path() / file, "Export",
      {{"Politie-export Winkelcentrum 't Zand"},
       {"Ge\xc3\xabxporteerd op 15-01-2024 10:32"},
       {},
       {"registratienummer", "pleegdatum", "X-co\xc3\xb6rdinaat", "Y-co\xc3\xb6rdinaat", "maatschappelijke klasse"},
       {"PL1", "03-02-2023", "150100", "410200", "2.5.2 Winkeldiefstal"},
       {"PL2", "", "150500", "410500", "2.5.2 Winkeldiefstal"},  // no date: rejected
       {"PL3", "05-02-2023", "150600", "410600", "2.5.2 Winkeldiefstal"},
       {"PL4", "06-02-2023", "150700", "410700", "2.5.2 Winkeldiefstal"}});
  dir.write("areas.geojson", kvo::test::kOneArea);
  const auto spec = read_spec(dir.write(
      "spec.toml", kvo::test::one_source_spec("name = \"politie\"\nkind = \"police\"\npath = \"" + file +
                                              "\"\nheader_row = 4\nid = \"registratienummer\"\n"
                                              "x = \"X-co\xc3\xb6rdinaat\"\ny = \"Y-co\xc3\xb6rdinaat\"\n"
                                              "start = \"pleegdatum\"\ncode = \"maatschappelijke klasse\"\n")));
  IncidentTable table;
  const auto r = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  CHECK(r.counts.accepted == 3);
  REQUIRE(r.warnings.size() == 1);
  INFO(r.warnings[0]);
  CHECK(has(r.warnings[0],
            "3 of the 3 accepted dates read as another date with day and month exchanged "
            "(sheet rows 5, 7, 8)"));
  CHECK(has(r.warnings[0], "sheet row 5 '03-02-2023' is 2023-02-03, not 2023-03-02"));
}
