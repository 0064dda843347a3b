// A date_format with day and month in the wrong order accepts the dates with a day up to 12
// (swapped) and rejects the rest: the reader warns and names the rows.

#include <catch2/catch.hpp>

#include "io/read/source_reader.hpp"
#include "support/one_source.hpp"
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
