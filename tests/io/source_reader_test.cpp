#include <catch2/catch.hpp>

#include <sstream>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/core/errors.hpp"
#include "io/read/source_reader.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

const char* kAreas = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"A1","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[151000,410000],[151000,411000],[150000,411000],[150000,410000]]]}}]})";

const char* kTaxonomy = "code,label,theme\n2.5.2,Winkeldiefstal,shoplifting\n1.1.1,Diefstal/inbraak woning,burglary\n";

std::string police_spec(const std::string& extra = "") {
  return R"(
as_of = 2024-06-01
[areas]
path = "areas.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "politie"
kind = "police"
path = "politie.csv"
x = "x_rd"
y = "y_rd"
id = "nr"
start = ["van", "tijd_van"]
end = ["tot", "tijd_tot"]
code = "klasse"
date_format = "%d-%m-%Y"
taxonomy = "tax.csv"
)" + extra;
}

// One row per reject reason, plus valid ones; Windows-1252, ';', decimal comma, CRLF.
const char* kPolice =
    "nr;van;tijd_van;tot;tijd_tot;klasse;straat;x_rd;y_rd\r\n"
    "P1;03-02-2023;22:15;06-02-2023;07:30;1.1.1 Diefstal/inbraak woning;Caf\xe9plein;150100,5;410200,25\r\n"
    "P2;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;\"Markt; hoek\r\nKerkstraat\";150500;410500\r\n"
    "P3;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;;410500\r\n"
    "P4;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;n.b.;410500\r\n"
    "P5;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;150500;62500\r\n"
    "P6;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;410500;150500\r\n"
    "P7;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;5,21;51,73\r\n"
    "P8;;12:00;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P9;31-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P10;05-02-2023;12:00;04-02-2023;10:00;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P11;05-02-2031;12:00;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P1;05-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P13;05-02-2023;12:00;;;9.9.9 Onbekend feit;x;150500;410500\r\n"
    "P14;05-02-2023;12:00;;;;x;150500;410500\r\n"
    "P15;05-02-2022;12:00;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n"
    "P16;06-02-2023;09:00;;;2.5.2 WINKELDIEFSTAL;x;150600;410600\r\n";

struct Fixture {
  TempDir dir;
  AnalysisSpec spec;
  Fixture(const std::string& police, const std::string& extra = "") {
    dir.write("areas.geojson", kAreas);
    dir.write("tax.csv", kTaxonomy);
    dir.write("politie.csv", police);
    const auto spec_path = dir.write("spec.toml", police_spec(extra));
    spec = read_spec(spec_path);
  }
  IncidentTable table;
  SourceResult read() { return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table); }
};

RejectReason reason_of(const SourceResult& r, std::int64_t row) {
  for (const auto& j : r.rejects)
    if (j.row == row) return j.reason;
  FAIL("row " << row << " was not rejected");
  return RejectReason::bad_value;
}

}  // namespace

TEST_CASE("every planted fault in a police export is rejected with its reason and counts add up",
          "[io][source]") {
  Fixture f(kPolice);
  const SourceResult r = f.read();
  CHECK(r.counts.read == 16);
  CHECK(r.counts.accepted == 3);
  CHECK(r.counts.rejected == 13);
  CHECK(r.counts.read == r.counts.accepted + r.counts.rejected);
  CHECK(reason_of(r, 3) == RejectReason::missing_coordinates);
  CHECK(reason_of(r, 4) == RejectReason::bad_coordinates);
  CHECK(reason_of(r, 5) == RejectReason::outside_extent);
  CHECK(reason_of(r, 6) == RejectReason::swapped_coordinates);
  CHECK(reason_of(r, 7) == RejectReason::latlon_as_projected);
  CHECK(reason_of(r, 8) == RejectReason::missing_date);
  CHECK(reason_of(r, 9) == RejectReason::bad_date);
  CHECK(reason_of(r, 10) == RejectReason::end_before_start);
  CHECK(reason_of(r, 11) == RejectReason::future_date);
  CHECK(reason_of(r, 12) == RejectReason::duplicate_id);
  CHECK(reason_of(r, 13) == RejectReason::unknown_code);
  CHECK(reason_of(r, 14) == RejectReason::missing_code);
  CHECK(reason_of(r, 15) == RejectReason::outside_period);
}

TEST_CASE("0,00;0,00 coordinates are missing coordinates, not degrees in RD columns", "[io][source]") {
  Fixture f(
      "nr;van;tijd_van;tot;tijd_tot;klasse;straat;x_rd;y_rd\r\n"
      "P1;03-02-2023;22:15;;;2.5.2 Winkeldiefstal;x;0,00;0,00\r\n"
      "P2;03-02-2023;22:15;;;2.5.2 Winkeldiefstal;x;0;0\r\n"
      "P3;03-02-2023;22:15;;;2.5.2 Winkeldiefstal;x;0,00;51,73\r\n"  // one zero: still degrees
      "P4;03-02-2023;22:15;;;2.5.2 Winkeldiefstal;x;150500;410500\r\n");
  const SourceResult r = f.read();
  CHECK(r.counts.read == 4);
  CHECK(r.counts.accepted == 1);
  CHECK(reason_of(r, 1) == RejectReason::missing_coordinates);
  CHECK(reason_of(r, 2) == RejectReason::missing_coordinates);
  CHECK(reason_of(r, 3) == RejectReason::latlon_as_projected);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::latlon_as_projected)] == 1);
}

TEST_CASE("lon/lat 0/0 is a missing location, not a point off Africa outside the extent", "[io][source]") {
  TempDir dir;
  dir.write("areas.geojson", kAreas);
  dir.write("tax.csv", kTaxonomy);
  dir.write("politie.csv",
            "nr;van;klasse;lon;lat\n"
            "P1;03-02-2023;2.5.2 Winkeldiefstal;0,000000;0,000000\n"
            "P2;03-02-2023;2.5.2 Winkeldiefstal;0;0\n"
            "P3;03-02-2023;2.5.2 Winkeldiefstal;5,3872;52,1552\n");
  const auto spec = read_spec(dir.write("spec.toml", R"(
as_of = 2024-06-01
[areas]
path = "areas.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "politie"
kind = "police"
path = "politie.csv"
lon = "lon"
lat = "lat"
id = "nr"
start = "van"
code = "klasse"
date_format = "%d-%m-%Y"
taxonomy = "tax.csv"
)"));
  IncidentTable table;
  const auto r = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  CHECK(r.counts.read == 3);
  CHECK(r.counts.accepted == 1);
  CHECK(reason_of(r, 1) == RejectReason::missing_coordinates);
  CHECK(reason_of(r, 2) == RejectReason::missing_coordinates);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::outside_extent)] == 0);
}

TEST_CASE("accepted police records carry RD coordinates, the time window, theme and row", "[io][source]") {
  Fixture f(kPolice);
  const SourceResult r = f.read();
  const auto& inc = f.table.incidents;
  REQUIRE(inc.size() == 3);
  CHECK(inc.x[0] == Approx(150100.5));
  CHECK(inc.y[0] == Approx(410200.25));
  // 03-02-2023 22:15 CET → 21:15Z; 06-02-2023 07:30 CET → 06:30Z: a 57¼-hour window.
  CHECK(inc.end_utc[0] - inc.start_utc[0] == 57 * 3600 + 15 * 60);
  CHECK(kvo::engine::theme_name(inc.theme[0]) == "burglary");
  CHECK(f.table.row[1] == 2);  // the quoted field with an embedded newline is one record
  CHECK(kvo::engine::theme_name(inc.theme[2]) == "shoplifting");  // label matched case-insensitively
  CHECK(f.table.source_id[2] == "P16");
  CHECK(inc.end_utc[1] == kvo::engine::kNoTime);
}

TEST_CASE("a rejected CSV record keeps its original line with a useful detail", "[io][source]") {
  Fixture f(kPolice);
  const SourceResult r = f.read();
  const Reject* swapped = nullptr;
  for (const auto& j : r.rejects)
    if (j.row == 6) swapped = &j;
  REQUIRE(swapped);
  CHECK(swapped->raw == "P6;04-02-2023;12:00;;;2.5.2 Winkeldiefstal;x;410500;150500");
  CHECK(swapped->detail.find("exchanged") != std::string::npos);
  CHECK(swapped->field == "x_rd");
}

TEST_CASE("a missing field is an input error naming the file and the field", "[io][source]") {
  Fixture f(kPolice);
  f.spec.sources[0].code_fields = {"maatschappelijke_klasse"};
  try {
    f.read();
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK(m.find("politie.csv") != std::string::npos);
    CHECK(m.find("maatschappelijke_klasse") != std::string::npos);
  }
}

TEST_CASE("WGS84 lon/lat fields are transformed and swapped ones are rejected", "[io][source]") {
  TempDir dir;
  dir.write("areas.geojson", kAreas);
  dir.write("tax.csv", "classification,theme\nBrand,fire\nAlarm,false_alarm\n");
  GDALAllRegister();
  {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
    REQUIRE(drv);
    GDALDatasetUniquePtr ds(drv->Create((dir.path() / "brandweer.xlsx").string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* l = ds->CreateLayer("incidenten", nullptr, wkbNone, nullptr);
    for (const char* name : {"incidentnummer", "starttijd", "meldingsclassificatie"}) {
      OGRFieldDefn fd(name, OFTString);
      REQUIRE(l->CreateField(&fd) == OGRERR_NONE);
    }
    for (const char* name : {"breedtegraad", "lengtegraad"}) {
      OGRFieldDefn fd(name, OFTReal);
      REQUIRE(l->CreateField(&fd) == OGRERR_NONE);
    }
    auto add = [&](const char* id, const char* t, const char* c, double lat, double lon) {
      OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(l->GetLayerDefn()));
      feat->SetField("incidentnummer", id);
      feat->SetField("starttijd", t);
      feat->SetField("meldingsclassificatie", c);
      feat->SetField("breedtegraad", lat);
      feat->SetField("lengtegraad", lon);
      REQUIRE(l->CreateFeature(feat.get()) == OGRERR_NONE);
    };
    add("B1", "2023-03-04T13:22:00", "Brand / Buitenbrand / Container", 52.15517, 5.38721);
    add("B2", "2023-03-05T01:00:00", "Alarm / OMS / Loos alarm", 5.38721, 52.15517);
    add("B3", "2023-03-06T02:00:00", "Hulpverlening / Dier / Te water", 52.15, 5.38);
  }
  const auto spec_path = dir.write("spec.toml", R"(
as_of = 2024-06-01
[areas]
path = "areas.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "brandweer"
kind = "fire"
path = "brandweer.xlsx"
lat = "breedtegraad"
lon = "lengtegraad"
id = "incidentnummer"
start = "starttijd"
code = "meldingsclassificatie"
taxonomy = "tax.csv"
)");
  const auto spec = read_spec(spec_path);
  IncidentTable table;
  const auto r = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  CHECK(r.counts.read == 3);
  REQUIRE(r.counts.accepted == 1);
  CHECK(table.incidents.x[0] == Approx(155000).margin(5));
  CHECK(table.incidents.y[0] == Approx(463000).margin(5));
  CHECK(kvo::engine::theme_name(table.incidents.theme[0]) == "fire");
  CHECK(reason_of(r, 2) == RejectReason::swapped_coordinates);
  CHECK(reason_of(r, 3) == RejectReason::unknown_code);
}

TEST_CASE("the shipped taxonomies map codes, labels and fire classification prefixes", "[io][taxonomy]") {
  const auto police = Taxonomy::read_csv(taxonomy_dir() / "police.csv");
  CHECK(kvo::engine::theme_name(*police.classify("2.5.2 Winkeldiefstal")) == "shoplifting");
  CHECK(kvo::engine::theme_name(*police.classify("Winkeldiefstal")) == "shoplifting");
  CHECK(kvo::engine::theme_name(*police.classify("1.2.3 Diefstal van brom-, snor-, fietsen")) == "bicycle_theft");
  CHECK_FALSE(police.classify("9.9.9 Onbekend feit").has_value());
  const auto fire = Taxonomy::read_csv(taxonomy_dir() / "fire.csv");
  CHECK(kvo::engine::theme_name(*fire.classify("Brand / Buitenbrand / Container")) == "fire");
  CHECK(kvo::engine::theme_name(*fire.classify("Alarm / OMS / Loos alarm")) == "false_alarm");
  // The other first levels of the meldingsclassificatie are known but out of scope; a
  // value outside the classification is not in the table.
  CHECK(fire.classify("Hulpverlening / Dier / Te water") == Taxonomy::kExcluded);
  CHECK(fire.classify("hulpverlening/ongeval/wegvervoer") == Taxonomy::kExcluded);
  CHECK(fire.classify("Dienstverlening / Assistentie politie") == Taxonomy::kExcluded);
  CHECK(fire.classify("Ongeval / Wegvervoer / Letsel") == Taxonomy::kExcluded);
  CHECK(fire.classify("VEILIGHEID EN OPENBARE ORDE / Bommelding") == Taxonomy::kExcluded);
  CHECK_FALSE(fire.classify("Overig / Onbekend").has_value());
  // Every published police code is known: in a theme or excluded.
  CHECK(police.classify("1.3.1 Ongevallen (weg)") == Taxonomy::kExcluded);
  CHECK(kvo::engine::theme_name(*police.classify("2.4.2 Huisvredebreuk")) == "nuisance");
  CHECK(kvo::engine::theme_name(*police.classify("1.4.1")) == "violence");
  const auto obs = Taxonomy::read_csv(taxonomy_dir() / "observation.csv");
  CHECK(kvo::engine::theme_name(*obs.classify("graffiti")) == "vandalism");
  CHECK(kvo::engine::theme_name(*obs.classify("Kapotte_Verlichting")) == "maintenance");
  // Separators: '_' reads as a space, case and spacing do not matter.
  CHECK(kvo::engine::theme_name(*obs.classify("Kapotte verlichting")) == "maintenance");
  CHECK(kvo::engine::theme_name(*obs.classify("  ONVEILIGE   oversteek ")) == "access_parking");
  // The categories docs/spec.md names as common, as walk-through forms spell them.
  for (const char* category : {"Verlichting", "Groen", "Zwerfvuil", "Tegels", "Bestrating", "Donkere plek"})
    CHECK(kvo::engine::theme_name(*obs.classify(category)) == "maintenance");
  CHECK(kvo::engine::theme_name(*obs.classify("Graffiti")) == "vandalism");
  CHECK(kvo::engine::theme_name(*obs.classify("Hangplek")) == "nuisance");
  for (const char* category : {"Oversteek", "Parkeren", "Fout parkeren", "foutparkeren"})
    CHECK(kvo::engine::theme_name(*obs.classify(category)) == "access_parking");
}

TEST_CASE("a taxonomy table names its themes or 'excluded'; an unknown theme lists them all", "[io][taxonomy]") {
  std::istringstream good("code,theme\nA,burglary\nB,excluded\n");
  const auto t = Taxonomy::parse_csv(good, "t.csv");
  CHECK(t.classify("a") == kvo::engine::ThemeId{0});
  CHECK(t.classify("B") == Taxonomy::kExcluded);
  CHECK(t.entries()[1] == std::pair<std::string, std::string>{"b", "excluded"});
  std::istringstream bad("code,theme\nA,inbraak\n");
  try {
    (void)Taxonomy::parse_csv(bad, "t.csv");
    FAIL("no error");
  } catch (const kvo::io::InputError& e) {
    const std::string m = e.what();
    CHECK(m.find("unknown theme 'inbraak'") != std::string::npos);
    CHECK(m.find("burglary, robbery, street_robbery") != std::string::npos);
    CHECK(m.find("access_parking, excluded") != std::string::npos);
  }
}

TEST_CASE("a record without a time of day covers its whole local day and is counted", "[io][source]") {
  Fixture f(
      "nr;van;tijd_van;tot;tijd_tot;klasse;x_rd;y_rd\r\n"
      "D1;07-02-2023;;;;2.5.2 Winkeldiefstal;150500;410500\r\n"                 // plain day: 24 h
      "D2;26-03-2023;;;;2.5.2 Winkeldiefstal;150500;410500\r\n"                 // clocks forward: 23 h
      "D3;29-10-2023;;;;2.5.2 Winkeldiefstal;150500;410500\r\n"                 // clocks back: 25 h
      "D4;28-10-2023;22:00;29-10-2023;;2.5.2 Winkeldiefstal;150500;410500\r\n"  // end date only
      "D5;07-02-2023;00:00;;;2.5.2 Winkeldiefstal;150500;410500\r\n");          // a real midnight
  const SourceResult r = f.read();
  const auto& inc = f.table.incidents;
  REQUIRE(inc.size() == 5);
  auto z = [](int y, unsigned m, unsigned d, int h) {
    return static_cast<std::int64_t>(kvo::engine::days_from_civil({y, m, d})) * 86400 + h * 3600;
  };
  CHECK(inc.start_utc[0] == z(2023, 2, 6, 23));
  CHECK(inc.end_utc[0] == z(2023, 2, 7, 23));
  CHECK(inc.end_utc[1] - inc.start_utc[1] == 23 * 3600);
  CHECK(inc.end_utc[2] - inc.start_utc[2] == 25 * 3600);
  // The end of 29 October is 30 October 00:00 CET = 29 October 23:00Z, not 24 h after its 00:00 CEST.
  CHECK(inc.end_utc[3] == z(2023, 10, 29, 23));
  CHECK(inc.end_utc[4] == kvo::engine::kNoTime);
  CHECK(r.counts.time_unknown == 3);
}
