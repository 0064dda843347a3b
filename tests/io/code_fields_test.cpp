// Real fire exports split the meldingsclassificatie over three columns; codes out of the
// analysis's scope (assistance calls, a spec's `exclude`) are counted, not rejected.

#include <catch2/catch.hpp>

#include <sstream>

#include "io/core/errors.hpp"
#include "io/read/exclude_audit.hpp"
#include "io/read/source_reader.hpp"
#include "io/read/taxonomy.hpp"
#include "support/one_source.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

// Three classification levels, as fire brigades export them; the shipped fire taxonomy.
const char* kFire =
    "nr;start;mc1;mc2;mc3;x;y\r\n"
    "F1;2023-03-01T10:00;Brand;Buitenbrand;Container;150100;410100\r\n"           // fire
    "F2;2023-03-02T10:00;Alarm;OMS;;150200;410200\r\n"                            // "Alarm / OMS": false alarm
    "F3;2023-03-03T10:00;Hulpverlening;Dier;Te water;150300;410300\r\n"           // excluded by the table
    "F4;2023-03-04T10:00;;;;150400;410400\r\n"                                    // missing_code
    "F5;2023-03-05T10:00;Onbekend;;;150500;410500\r\n"                            // unknown_code
    "F6;2023-03-06T10:00;Alarm;Rookmelder;Woning;150600;410600\r\n"               // excluded by the spec
    "F7;2023-03-07T10:00;alarm;oms;Loos alarm;150700;410700\r\n"                  // false alarm (case)
    "F8;2023-03-08T10:00;Hulpverlening;Persoon;Liftopsluiting;150800;410800\r\n"  // excluded
    "F9;2023-03-09T10:00;Hulpverlening;;;;410900\r\n";                            // no x: a reject first

std::string fire_spec(const std::string& code, const std::string& extra = "") {
  return kvo::test::one_source_spec(
      "name = \"brandweer\"\nkind = \"fire\"\npath = \"brandweer.csv\"\nx = \"x\"\ny = \"y\"\nid = \"nr\"\n"
      "start = \"start\"\ncode = " +
      code + "\n" + extra);
}

struct Fire {
  TempDir dir;
  AnalysisSpec spec;
  IncidentTable table;
  SourceResult result;
  explicit Fire(const std::string& code, const std::string& extra = "") {
    dir.write("areas.geojson", kvo::test::kOneArea);
    dir.write("brandweer.csv", kFire);
    spec = read_spec(dir.write("spec.toml", fire_spec(code, extra)));
    result = read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
  }
  [[nodiscard]] std::string theme_of(const std::string& id) const {
    for (std::size_t i = 0; i < table.size(); ++i)
      if (table.source_id[i] == id) return std::string(kvo::engine::theme_name(table.incidents.theme[i]));
    return "";
  }
  [[nodiscard]] std::string code_of(const std::string& id) const {
    for (std::size_t i = 0; i < table.size(); ++i)
      if (table.source_id[i] == id) return table.codes[table.code[i]];
    return "";
  }
  [[nodiscard]] std::string reason_of(std::int64_t row) const {
    for (const auto& r : result.rejects)
      if (r.row == row) return std::string(reason_code(r.reason));
    return "";
  }
};

}  // namespace

TEST_CASE("a classification over several columns is joined level by level with ' / '", "[io][codes]") {
  const Fire f(R"(["mc1", "mc2", "mc3"])", "exclude = [\"Alarm / Rookmelder\"]\n");
  CHECK(f.theme_of("F1") == "fire");
  CHECK(f.code_of("F1") == "Brand / Buitenbrand / Container");
  CHECK(f.theme_of("F2") == "false_alarm");
  CHECK(f.code_of("F2") == "Alarm / OMS");  // the empty third level left out
  CHECK(f.theme_of("F7") == "false_alarm");
  CHECK(f.reason_of(4) == "missing_code");  // rows count records, header not included
  CHECK(f.reason_of(5) == "unknown_code");
  CHECK(f.reason_of(9) == "missing_coordinates");  // the checks come before the scope
  // read 9 = accepted 3 (F1, F2, F7) + rejected 3 (F4, F5, F9) + excluded 3 (F3, F6, F8).
  CHECK(f.result.counts.read == 9);
  CHECK(f.result.counts.accepted == 3);
  CHECK(f.result.counts.rejected == 3);
  CHECK(f.result.counts.excluded == 3);
  CHECK(f.result.counts.excluded_codes.at("Hulpverlening / Dier / Te water") == 1);
  CHECK(f.result.counts.excluded_codes.at("Hulpverlening / Persoon / Liftopsluiting") == 1);
  CHECK(f.result.counts.excluded_codes.at("Alarm / Rookmelder / Woning") == 1);
  // The spec records both lists as written.
  const auto j = spec_to_json(f.spec);
  CHECK(j["sources"][0]["code"] == nlohmann::json::array({"mc1", "mc2", "mc3"}));
  CHECK(j["sources"][0]["exclude"] == nlohmann::json::array({"Alarm / Rookmelder"}));
}

TEST_CASE("one code column still reads its value as a whole", "[io][codes]") {
  const Fire f("\"mc1\"");
  CHECK(f.theme_of("F1") == "fire");
  CHECK(f.code_of("F1") == "Brand");
  CHECK(f.result.counts.excluded == 2);      // Hulpverlening F3, F8
  CHECK(f.theme_of("F6") == "false_alarm");  // no exclude in this spec
  CHECK(spec_to_json(f.spec)["sources"][0]["code"] == "mc1");
}

TEST_CASE("a code list that is not strings is a spec error naming the key", "[io][codes]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("brandweer.csv", kFire);
  const auto path = dir.write("spec.toml", fire_spec("[1, 2]"));
  try {
    (void)read_spec(path);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("sources[0].code") != std::string::npos);
  }
}

TEST_CASE("a spec's codes may map a code to excluded, as exclude does", "[io][codes]") {
  const Fire f(R"(["mc1", "mc2", "mc3"])", "[sources.codes]\n\"Alarm / Rookmelder\" = \"excluded\"\n");
  CHECK(f.theme_of("F6").empty());
  CHECK(f.theme_of("F2") == "false_alarm");
  // As with exclude: F3, F6, F8 excluded; F4, F5, F9 rejected.
  CHECK(f.result.counts.excluded == 3);
  CHECK(f.result.counts.rejected == 3);
  CHECK(f.result.counts.excluded_codes.at("Alarm / Rookmelder / Woning") == 1);
}

TEST_CASE("a spec's exclude or codes on a parent level overrides the table's more specific rows", "[io][codes]") {
  // The shipped table has "Alarm / OMS" and "Alarm / OMS / Loos alarm" (false_alarm): the
  // spec's "Alarm / OMS" reaches both F2 and F7; "Alarm / Rookmelder" (F6) stays a false alarm.
  const Fire excluded(R"(["mc1", "mc2", "mc3"])", "exclude = [\"Alarm / OMS\"]\n");
  CHECK(excluded.theme_of("F2").empty());
  CHECK(excluded.theme_of("F7").empty());
  CHECK(excluded.theme_of("F6") == "false_alarm");
  CHECK(excluded.result.counts.excluded == 4);  // F2, F7 and the table's F3, F8
  const Fire mapped(R"(["mc1", "mc2", "mc3"])", "[sources.codes]\n\"alarm/oms\" = \"nuisance\"\n");
  CHECK(mapped.theme_of("F2") == "nuisance");
  CHECK(mapped.theme_of("F7") == "nuisance");
  CHECK(mapped.theme_of("F6") == "false_alarm");
}

TEST_CASE("a spec's own more specific row is kept under its parent override", "[io][taxonomy]") {
  std::istringstream csv("code,theme\nA,fire\nA / B,false_alarm\nA / B / C,nuisance\nD / E,vandalism\n");
  Taxonomy t = Taxonomy::parse_csv(csv, "t.csv");
  t.add_override("A / B / X", kvo::engine::ThemeId{0});   // a spec row below ...
  t.add_override("a / b", Taxonomy::kExcluded);           // ... then its parent
  CHECK(t.classify("A / B / C") == Taxonomy::kExcluded);  // the table's row under it is dropped
  CHECK(t.classify("A / B / X / Y") == kvo::engine::ThemeId{0});
  CHECK(t.classify("A / Z") == t.classify("A"));  // beside it: the table still holds
  CHECK(t.classify("D / E") == t.classify("d/e"));
}

TEST_CASE("a theme in codes that is neither a theme nor excluded names both in the error", "[io][codes]") {
  TempDir dir;
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("brandweer.csv", kFire);
  const auto path = dir.write("spec.toml", fire_spec("\"mc1\"", "[sources.codes]\n\"Alarm\" = \"uitgesloten\"\n"));
  try {
    (void)read_spec(path);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("'uitgesloten'") != std::string::npos);
    CHECK(std::string(e.what()).find("or excluded") != std::string::npos);
  }
}

namespace {

SourceResult read_fire(const TempDir& dir, const std::string& csv, const std::string& extra = "") {
  dir.write("areas.geojson", kvo::test::kOneArea);
  dir.write("brandweer.csv", csv);
  const auto spec = read_spec(dir.write("spec.toml", fire_spec("\"meldingsclassificatie\"", extra)));
  IncidentTable table;
  return read_source(spec, 0, load_taxonomy(spec, spec.sources[0]), table);
}

}  // namespace

TEST_CASE("excluded codes spelled differently are tallied as one code, under the first spelling", "[io][codes]") {
  TempDir dir;
  const auto r = read_fire(dir,
                           "nr;start;meldingsclassificatie;x;y\r\n"
                           "F1;2023-03-01T10:00;Hulpverlening/Dier/Te water;150100;410100\r\n"
                           "F2;2023-03-02T10:00;hulpverlening / dier / te water;150200;410200\r\n"
                           "F3;2023-03-03T10:00;HULPVERLENING / Dier /  Te_water;150300;410300\r\n"
                           "F4;2023-03-04T10:00;Hulpverlening/Dier/Te water;150400;410400\r\n"
                           "F5;2023-03-05T10:00;Hulpverlening / Persoon / Liftopsluiting;150500;410500\r\n"
                           "F6;2023-03-06T10:00;Brand / Buitenbrand;150600;410600\r\n");
  CHECK(r.counts.excluded == 5);
  CHECK(r.counts.accepted == 1);
  REQUIRE(r.counts.excluded_codes.size() == 2);
  CHECK(r.counts.excluded_codes.at("Hulpverlening/Dier/Te water") == 4);
  CHECK(r.counts.excluded_codes.at("Hulpverlening / Persoon / Liftopsluiting") == 1);
}

TEST_CASE("an exclude entry that excluded no record is reported with the closest known code", "[io][codes]") {
  const Fire f(R"(["mc1", "mc2", "mc3"])",
               "exclude = [\"Alarm / Rookmeldr\", \"Hulpverlening / Dier\", \"Wateroverlast\"]\n"
               "[sources.codes]\n\"brand/binnenbrnd\" = \"excluded\"\n");
  // The misspelt entry leaves F6 in as a false alarm.
  CHECK(f.theme_of("F6") == "false_alarm");
  // "Hulpverlening / Dier" excluded F3: not reported.
  REQUIRE(f.result.unused_excludes.size() == 3);
  const auto& u = f.result.unused_excludes;
  CHECK(u[0].key == "exclude");
  CHECK(u[0].entry == "Alarm / Rookmeldr");
  CHECK(u[0].suggestion == "Alarm / Rookmelder");  // as the export spells it (row F6)
  CHECK(u[1].entry == "Wateroverlast");
  CHECK(u[1].suggestion.empty());  // nothing within 3 edits
  CHECK(u[2].key == "codes");
  CHECK(u[2].entry == "brand/binnenbrnd");
  CHECK(u[2].suggestion == "Brand / Binnenbrand");  // from the fire taxonomy
}

TEST_CASE("exclude entries matching in another case or spacing are used, not reported", "[io][codes]") {
  const Fire f(R"(["mc1", "mc2", "mc3"])", "exclude = [\"alarm/ROOKMELDER\", \"1.3.1\"]\n");
  CHECK(f.result.counts.excluded == 3);  // F3, F6, F8
  REQUIRE(f.result.unused_excludes.size() == 1);
  CHECK(f.result.unused_excludes[0].entry == "1.3.1");
}

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[io][codes]") {
  CHECK(edit_distance("hulpverleningg", "hulpverlening") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("brand", "brand") == 0);
}
