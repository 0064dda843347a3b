// A CSV with its locations in a WKT column not named WKT, and GDAL open options from the
// spec: `geometry = "locatie"` reads the column as the geometry (in the analysis CRS unless
// `crs` says otherwise); `open_options` replace kvo's own for the same key.

#include <catch2/catch.hpp>

#include "io/core/errors.hpp"
#include "io/read/source_open.hpp"
#include "io/read/source_reader.hpp"
#include "support/one_source.hpp"
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
  s.open_options = {"headers=NO", "SEPARATOR=SEMICOLON"};
  const auto o = detail::source_open_options(s);
  CHECK(std::count(o.begin(), o.end(), std::string("HEADERS=YES")) == 0);
  CHECK(std::count(o.begin(), o.end(), std::string("headers=NO")) == 1);
  CHECK(std::count(o.begin(), o.end(), std::string("SEPARATOR=SEMICOLON")) == 1);
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
