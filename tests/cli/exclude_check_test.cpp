// A source's exclude list as check and run report it: an entry that excluded nothing (a
// typo) is a warning naming the spec, the source, the entry and the closest known code,
// and the excluded records are tallied per code whatever its spelling.

#include <catch2/catch.hpp>

#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::test::kvo_cli;

namespace {

constexpr auto p = &kvo::test::path_in;

// The fire brigade's export: Dutch column names, one classification column, assistance
// calls spelled three ways (the shipped fire taxonomy excludes "Hulpverlening").
const char* kBrandweer =
    "Incidentnummer;Starttijd;Meldingsclassificatie;X-coördinaat;Y-coördinaat\r\n"
    "B1;2023-03-14T10:00;Brand / Buitenbrand / Container;150100;410100\r\n"
    "B2;2023-04-15T11:00;Alarm / Rookmelder / Woning;150200;410200\r\n"
    "B3;2023-05-16T12:00;Hulpverlening / Dier / Te water;150300;410300\r\n"
    "B4;2023-06-17T13:00;hulpverlening/dier/te water;150400;410400\r\n"
    "B5;2023-07-18T14:00;HULPVERLENING / Dier / Te_water;150450;410450\r\n"
    "B6;2023-08-19T15:00;Hulpverlening / Ongeval / Wegvervoer;150350;410150\r\n";

void write_inputs(const kvo::test::TempDir& dir) {
  kvo::test::write_small_town(dir);
  dir.write("brandweer 's-Hertogenbosch.csv", kBrandweer);
  dir.write("brandweer.toml",
            kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv",
                                       "[[sources]]\nname = \"brandweer\"\nkind = \"fire\"\n"
                                       "path = \"brandweer 's-Hertogenbosch.csv\"\nid = \"Incidentnummer\"\n"
                                       "x = \"X-coördinaat\"\ny = \"Y-coördinaat\"\nstart = \"Starttijd\"\n"
                                       "code = \"Meldingsclassificatie\"\n"
                                       "exclude = [\"Alarm / Rookmeldr\", \"Hulpverlening / Dier\"]\n"));
}

const std::string kWarning =
    "brandweer.toml: source 'brandweer': exclude entry \"Alarm / Rookmeldr\" excluded no record; did you mean "
    "\"Alarm / Rookmelder\"?";

}  // namespace

TEST_CASE("check warns of an exclude entry that excluded no record, naming spec, source and entry", "[cli][codes]") {
  kvo::test::TempDir dir;
  write_inputs(dir);
  const auto r = kvo_cli({"check", p(dir, "brandweer.toml")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find(kWarning) != std::string::npos);
  // "Hulpverlening / Dier" excluded B3–B5: no warning for it.
  CHECK(r.out.find("\"Hulpverlening / Dier\" excluded no record") == std::string::npos);
  // The three spellings of one code are one line, under the first spelling.
  CHECK(r.out.find("excluded      3  Hulpverlening / Dier / Te water\n") != std::string::npos);
  CHECK(r.out.find("hulpverlening/dier/te water") == std::string::npos);
  CHECK(r.out.find("excluded      1  Hulpverlening / Ongeval / Wegvervoer\n") != std::string::npos);
}

TEST_CASE("run warns of an exclude entry that excluded no record", "[cli][codes]") {
  kvo::test::TempDir dir;
  write_inputs(dir);
  const auto r = kvo_cli({"run", p(dir, "brandweer.toml"), "-o", p(dir, "brandweer.gpkg")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("warning: ") != std::string::npos);
  CHECK(r.err.find(kWarning) != std::string::npos);
}
