#include <catch2/catch.hpp>

#include "io/read/area_reader.hpp"
#include "io/read/survey_reader.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

const char* kAreas =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"A1","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[151000,410000],[151000,411000],[150000,411000],[150000,410000]]]}}]})";

std::string survey_spec(const std::string& location) {
  return R"(
as_of = 2024-06-01
[areas]
path = "areas.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "enquete"
kind = "survey"
path = "enquete.csv"
id = "respondent"
start = "datum"
)" + location +
         R"(
[sources.indicators]
feels_unsafe = { field = "onveilig", yes = ["ja"], no = ["nee"] }
)";
}

struct Read {
  SourceResult result;
  SurveyTable table;
};

Read read_survey(const std::string& csv, const std::string& location = "x = \"x_rd\"\ny = \"y_rd\"") {
  TempDir dir;
  dir.write("areas.geojson", kAreas);
  dir.write("enquete.csv", csv);
  const auto spec = read_spec(dir.write("spec.toml", survey_spec(location)));
  const AreaTable areas = read_areas(spec);
  Read r;
  r.result = read_survey_source(spec, 0, areas, r.table);
  return r;
}

std::optional<RejectReason> reason_of(const SourceResult& r, std::int64_t row) {
  for (const auto& j : r.rejects)
    if (j.row == row) return j.reason;
  return std::nullopt;
}

}  // namespace

TEST_CASE("a survey rejects repeated respondents and respondents outside the extent with the incident reasons",
          "[io][survey]") {
  const auto r = read_survey(
      "respondent;x_rd;y_rd;datum;onveilig\n"
      "R1;150100,5;410200;2023-04-03;ja\n"   // 1 accepted
      "R2;150200;410300;2023-04-03;nee\n"    // 2 accepted
      "R1;150300;410400;2023-04-04;nee\n"    // 3 the same respondent again
      "R4;150300;62500;2023-04-04;ja\n"      // 4 outside RD New
      "R5;410300;150300;2023-04-04;ja\n"     // 5 x and y exchanged
      "R6;5,21;51,73;2023-04-04;ja\n"        // 6 degrees in RD columns
      "R7;0,00;0,00;2023-04-04;ja\n"         // 7 0/0: no location
      "R8;;410300;2023-04-04;ja\n"           // 8 no x
      "R9;n.b.;410300;2023-04-04;ja\n"       // 9 not a number
      " R2 ;150400;410500;2023-04-05;ja\n"   // 10 the same id with blanks around it
      "R11;150400;410500;2025-04-05;ja\n");  // 11 after as_of
  const auto& c = r.result.counts;
  CHECK(c.read == 11);
  CHECK(c.accepted == 2);
  CHECK(c.rejected == 9);
  CHECK(c.read == c.accepted + c.rejected);
  CHECK(r.table.size() == 2);
  CHECK(r.result.rejects.size() == 9);
  CHECK(reason_of(r.result, 1) == std::nullopt);
  CHECK(reason_of(r.result, 2) == std::nullopt);
  CHECK(reason_of(r.result, 3) == RejectReason::duplicate_id);
  CHECK(reason_of(r.result, 4) == RejectReason::outside_extent);
  CHECK(reason_of(r.result, 5) == RejectReason::swapped_coordinates);
  CHECK(reason_of(r.result, 6) == RejectReason::latlon_as_projected);
  CHECK(reason_of(r.result, 7) == RejectReason::missing_coordinates);
  CHECK(reason_of(r.result, 8) == RejectReason::missing_coordinates);
  CHECK(reason_of(r.result, 9) == RejectReason::bad_coordinates);
  CHECK(reason_of(r.result, 10) == RejectReason::duplicate_id);
  CHECK(reason_of(r.result, 11) == RejectReason::future_date);
  CHECK(c.by_reason[static_cast<std::size_t>(RejectReason::duplicate_id)] == 2);
  CHECK(r.table.x[0] == Approx(150100.5));
}

TEST_CASE("a rejected survey row does not claim its respondent id", "[io][survey]") {
  // R1's first row has no date: the second R1 row is the first accepted one and stays.
  const auto r = read_survey(
      "respondent;x_rd;y_rd;datum;onveilig\n"
      "R1;150100;410200;;ja\n"
      "R1;150200;410300;2023-04-03;nee\n");
  CHECK(reason_of(r.result, 1) == RejectReason::missing_date);
  CHECK(reason_of(r.result, 2) == std::nullopt);
  CHECK(r.table.size() == 1);
}

TEST_CASE("survey lon/lat outside the RD New extent or at 0/0 are rejected", "[io][survey]") {
  const auto r = read_survey(
      "respondent;lon;lat;datum;onveilig\n"
      "R1;5,3872;52,1552;2023-04-03;ja\n"   // Amersfoort: accepted
      "R2;0;0;2023-04-03;ja\n"              // 0/0: no location
      "R3;-3,70;40,42;2023-04-03;ja\n"      // Madrid: outside RD New
      "R4;52,1552;5,3872;2023-04-03;ja\n",  // exchanged
      "lon = \"lon\"\nlat = \"lat\"");
  CHECK(r.result.counts.read == 4);
  CHECK(r.result.counts.accepted == 1);
  CHECK(reason_of(r.result, 2) == RejectReason::missing_coordinates);
  CHECK(reason_of(r.result, 3) == RejectReason::outside_extent);
  CHECK(reason_of(r.result, 4) == RejectReason::swapped_coordinates);
  CHECK(r.table.x[0] == Approx(155000).margin(5));
}

TEST_CASE("survey, area-count and incident readers share one preamble: rejects keep the record as exported",
          "[io][survey]") {
  // As an incident source's rejects: the CSV line as the export holds it, not GDAL's fields.
  const std::string bad = "R2;150200;410300;gisteren;nee;extra veld";
  const auto r = read_survey("respondent;x_rd;y_rd;datum;onveilig\nR1;150100;410200;2023-04-03;ja\n" + bad + "\n");
  REQUIRE(r.result.rejects.size() == 1);
  CHECK(r.result.rejects[0].reason == RejectReason::bad_date);
  CHECK(r.result.rejects[0].raw == bad);
  // And its checksum, like every source's.
  CHECK(r.result.counts.sha256.size() == 64);
}
