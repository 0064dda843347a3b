// A Windows-1252 export's header names ("X-coördinaat" with the byte 0xF6) are read in the
// source's encoding, so the spec can name them in UTF-8, and a missing field's error lists
// them readably.

#include <catch2/catch.hpp>

#include "io/core/errors.hpp"
#include "io/read/source_reader.hpp"
#include "support/one_source.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

// Windows-1252 bytes: 0xF6 = ö, 0xE9 = é.
const char* kPolice =
    "nr;pleegdatum;maatschappelijke klasse;X-co\xf6rdinaat;Y-co\xf6rdinaat;omschrijving\xe9\r\n"
    "P1;04-02-2023;2.5.2 Winkeldiefstal;150100;410100;x\r\n"
    "P2;05-02-2023;2.5.2 Winkeldiefstal;150200;410200;y\r\n";

std::string spec_text(const std::string& encoding, const std::string& x) {
  return kvo::test::one_source_spec("name = \"politie\"\nkind = \"police\"\npath = \"politie.csv\"\nencoding = \"" +
                                    encoding + "\"\nx = \"" + x +
                                    "\"\ny = \"Y-coördinaat\"\nid = \"nr\"\nstart = \"pleegdatum\"\n"
                                    "code = \"maatschappelijke klasse\"\ndate_format = \"%d-%m-%Y\"\n");
}

SourceResult read(const TempDir& dir, const std::string& encoding, const std::string& x, IncidentTable& table) {
  const auto spec = read_spec(dir.write("spec.toml", spec_text(encoding, x)));
  return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
}

}  // namespace

TEST_CASE("Windows-1252 header names are matched by their UTF-8 spelling", "[io][encoding]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("politie.csv", kPolice);
  for (const char* encoding : {"windows-1252", "auto"}) {
    INFO(encoding);
    IncidentTable table;
    const auto r = read(dir, encoding, "X-coördinaat", table);
    CHECK(r.counts.accepted == 2);
    REQUIRE(table.size() == 2);
    CHECK(table.incidents.x[1] == 150200.0);
  }
  // ASCII case does not matter, as with GDAL's own lookup.
  IncidentTable table;
  CHECK(read(dir, "windows-1252", "x-coördinaat", table).counts.accepted == 2);
}

TEST_CASE("a missing field's error lists the header names readably", "[io][encoding]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("politie.csv", kPolice);
  IncidentTable table;
  try {
    (void)read(dir, "windows-1252", "X-coordinaat", table);
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK(m.find("no field 'X-coordinaat'") != std::string::npos);
    CHECK(m.find("X-coördinaat, Y-coördinaat, omschrijvingé") != std::string::npos);
  }
}

TEST_CASE("with encoding utf-8 a Windows-1252 header is shown safely, with a hint", "[io][encoding]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("politie.csv", kPolice);
  IncidentTable table;
  try {
    (void)read(dir, "utf-8", "X-coördinaat", table);
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK(is_valid_utf8(m));  // no raw 0xF6 byte in the message
    CHECK(m.find("X-co\\xF6rdinaat, Y-co\\xF6rdinaat, omschrijving\\xE9") != std::string::npos);
    CHECK(m.find("the header is not valid UTF-8: is the file windows-1252? set encoding = \"windows-1252\" or "
                 "\"auto\"") != std::string::npos);
  }
}
