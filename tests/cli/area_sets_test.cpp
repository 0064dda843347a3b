// A spec with two [[areas]] tables (buurten and a KVO area over part of one buurt): every
// incident and respondent counts in its area of each table. Expected counts come from the
// generator's formula for the police rows (tests/support/small_town.hpp), not from kvo.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::io::sql_literal;
namespace fs = std::filesystem;

namespace {

int kvo_run(std::vector<std::string> args, std::string& err_text) {
  std::ostringstream out, err;
  const int code = kvo::cli::run(args, out, err);
  err_text = err.str();
  return code;
}

std::string rd_square(const char* code, const char* name, double x0, double y0, double w, double h) {
  std::ostringstream s;
  s << R"({"type":"Feature","properties":{"code":")" << code << R"(","naam":")" << name
    << R"("},"geometry":{"type":"Polygon","coordinates":[[[)" << x0 << "," << y0 << "],[" << x0 << "," << y0 + h
    << "],[" << x0 + w << "," << y0 + h << "],[" << x0 + w << "," << y0 << "],[" << x0 << "," << y0 << "]]]}}";
  return s.str();
}

std::string collection(const std::string& features) {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)" +
         features + "]}";
}

// Buurt BU01 is the west half of the 1 km square the police rows fall in, BU02 the east
// half; the KVO area WC01 is the 300 m square in BU01's south-west corner.
void write_two_sets(const kvo::test::TempDir& dir) {
  kvo::test::write_small_town(dir);
  dir.write("buurten 's-Hertogenbosch.geojson",
            collection(rd_square("BU01", "'s-Hertogenbosch Centrum", 150000, 410000, 500, 1000) + "," +
                       rd_square("BU02", "De Kruiskamp", 150500, 410000, 500, 1000)));
  dir.write("kvo gebieden.geojson", collection(rd_square("WC01", "Winkelcentrum 't Zand", 150000, 410000, 300, 300)));
  // Ten respondents in 2023: four in the KVO area (all feel unsafe), six elsewhere in BU01.
  std::string survey = "respondent;x_rd;y_rd;datum;onveilig\n";
  for (int r = 0; r < 10; ++r)
    survey += "R" + std::to_string(r) + ";" + (r < 4 ? "150100" : "150400") + ";" + (r < 4 ? "410100" : "410800") +
              ";15-06-2023;" + (r < 4 ? "ja" : "nee") + "\n";
  dir.write("enquete.csv", survey);
  const std::string areas =
      "[[areas]]\npath = \"buurten 's-Hertogenbosch.geojson\"\nid = \"code\"\nname = \"naam\"\nkind = \"buurt\"\n"
      "[[areas]]\npath = \"kvo gebieden.geojson\"\nid = \"code\"\nname = \"naam\"\nkind = \"kvo_winkelgebied\"\n";
  const std::string survey_source =
      "[[sources]]\nname = \"enquete\"\nkind = \"survey\"\npath = \"enquete.csv\"\nid = \"respondent\"\n"
      "x = \"x_rd\"\ny = \"y_rd\"\nstart = \"datum\"\ndate_format = \"%d-%m-%Y\"\n"
      "[sources.indicators]\nfeels_unsafe = { field = \"onveilig\", yes = [\"ja\"], no = [\"nee\"] }\n";
  auto spec = [&](const std::string& period, const std::string& from, const std::string& to, const std::string& csv,
                  const std::string& extra) {
    std::string s = kvo::test::small_town_spec(period, from, to, csv, extra);
    // Swap the single [areas] table of the small town for the two tables.
    const auto begin = s.find("[areas]"), end = s.find("[periods.");
    return s.substr(0, begin) + areas + s.substr(end);
  };
  dir.write("twee sets nul.toml", spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv", survey_source));
  dir.write("twee sets vervolg.toml", spec("followup", "2025-01-01", "2025-12-31", "politie 2025.csv", ""));
}

// Expected counts per area from the generator's coordinates (its 3 bad rows are rejected).
struct Expected {
  int bu01 = 0, bu02 = 0, wc01 = 0, shoplifting_bu01 = 0;
};
Expected expected_counts(int n) {
  Expected e;
  for (int i = 0; i < n; ++i) {
    const double f = i % 3 == 0 ? 0.3 : 1.0;
    const double x = 150000 + (i * 37 % 1000) * f, y = 410000 + (i * 91 % 1000) * f;
    // A point on the BU01/BU02 edge goes to BU01: equal areas, lower index.
    (x <= 150500 ? e.bu01 : e.bu02) += 1;
    if (x <= 150500 && i % 2) ++e.shoplifting_bu01;
    if (x <= 150300 && y <= 410300) ++e.wc01;
  }
  return e;
}

std::string one(const fs::path& gpkg, const std::string& sql) {
  const auto rows = query_gpkg(gpkg, sql);
  REQUIRE(rows.size() == 1);
  return rows[0][0];
}

}  // namespace

TEST_CASE("with buurten and a KVO area, every incident counts in its buurt and in the KVO area", "[cli][run][areas]") {
  kvo::test::TempDir dir;
  write_two_sets(dir);
  const fs::path out = dir.path() / "twee sets 't Zand.gpkg";
  std::string err;
  REQUIRE(kvo_run({"run", (dir.path() / "twee sets nul.toml").string(), "-o", out.string(), "--quiet"}, err) == 0);
  const Expected e = expected_counts(300);
  REQUIRE(e.wc01 > 0);
  REQUIRE(e.bu01 + e.bu02 == 300);
  auto count = [&](const char* area, const char* theme) {
    return std::stoi(one(out, "SELECT count FROM area_stats WHERE period = 'baseline' AND area_id = " +
                                  sql_literal(area) + " AND theme = " + sql_literal(theme)));
  };
  // The buurt under the KVO area keeps its incidents; the buurten hold every incident.
  CHECK(count("BU01", "all") == e.bu01);
  CHECK(count("BU02", "all") == e.bu02);
  CHECK(count("WC01", "all") == e.wc01);
  CHECK(count("BU01", "shoplifting") == e.shoplifting_bu01);
  CHECK(std::stoi(one(out, "SELECT SUM(count) FROM area_stats WHERE theme = 'all' AND kind = 'buurt'")) == 300);

  // The areas carry their set; the incidents their area in each set (names from the files).
  CHECK(query_gpkg(out, "SELECT area_id, area_set FROM areas ORDER BY area_id") ==
        std::vector<std::vector<std::string>>{
            {"BU01", "buurten_s_hertogenbosch"}, {"BU02", "buurten_s_hertogenbosch"}, {"WC01", "kvo_gebieden"}});
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id_buurten_s_hertogenbosch = 'BU01'")) == e.bu01);
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id_kvo_gebieden = 'WC01'")) == e.wc01);
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id_kvo_gebieden IS NULL")) == 300 - e.wc01);
  // area_id is the most specific area: the KVO area where there is one, else the buurt.
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id = 'WC01'")) == e.wc01);
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id = 'BU01'")) == e.bu01 - e.wc01);

  // The temporal profile of BU01 spreads all of its incidents (weights sum to the count).
  CHECK(std::stod(one(out, "SELECT SUM(weight) FROM temporal_profile WHERE area_id = 'BU01' AND theme = 'all'")) ==
        Approx(e.bu01));
  // Respondents count in the buurt and in the KVO area: 4 of 10 feel unsafe in BU01, 4 of 4 in WC01.
  CHECK(query_gpkg(out, "SELECT area_id, n, estimate FROM survey_indicators ORDER BY area_id") ==
        std::vector<std::vector<std::string>>{{"BU01", "10", "0.4"}, {"WC01", "4", "1"}});
}

TEST_CASE("a follow-up reads the area sets back from its baseline and compares whole buurten", "[cli][run][areas]") {
  kvo::test::TempDir dir;
  write_two_sets(dir);
  const fs::path base = dir.path() / "nul.gpkg", follow = dir.path() / "vervolg.gpkg";
  std::string err;
  REQUIRE(kvo_run({"run", (dir.path() / "twee sets nul.toml").string(), "-o", base.string(), "--quiet"}, err) == 0);
  INFO(err);
  REQUIRE(kvo_run({"run", (dir.path() / "twee sets vervolg.toml").string(), "--baseline", base.string(), "-o",
                   follow.string(), "--quiet"},
                  err) == 0);
  const Expected e0 = expected_counts(300), e1 = expected_counts(200);
  CHECK(query_gpkg(follow,
                   "SELECT count_baseline, count_followup FROM area_change WHERE area_id = 'BU01' AND theme = 'all'") ==
        std::vector<std::vector<std::string>>{{std::to_string(e0.bu01), std::to_string(e1.bu01)}});
  CHECK(query_gpkg(follow,
                   "SELECT count_baseline, count_followup FROM area_change WHERE area_id = 'WC01' AND theme = 'all'") ==
        std::vector<std::vector<std::string>>{{std::to_string(e0.wc01), std::to_string(e1.wc01)}});
  CHECK(std::stoi(one(follow, "SELECT COUNT(DISTINCT area_set) FROM areas")) == 2);
  CHECK(std::stoi(one(follow,
                      "SELECT COUNT(*) FROM incidents WHERE period = 'followup' AND "
                      "area_id_buurten_s_hertogenbosch = 'BU01'")) == e1.bu01);
}

TEST_CASE("an [[areas]] table's set name must be safe as a field name; tables sharing a name form one set",
          "[cli][run][areas]") {
  kvo::test::TempDir dir;
  write_two_sets(dir);
  std::string spec;
  {
    std::ifstream in(dir.path() / "twee sets nul.toml");
    spec.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = spec.find("kind = \"kvo_winkelgebied\"\n");
  std::string bad = spec, shared = spec;
  bad.insert(at, "set = \"KVO 't Zand\"\n");
  dir.write("bad.toml", bad);
  std::string err;
  CHECK(kvo_run({"run", (dir.path() / "bad.toml").string(), "-o", (dir.path() / "bad.gpkg").string(), "--quiet"},
                err) == 1);
  CHECK(err.find("areas[1].set") != std::string::npos);
  // Both tables named "gebieden": one set, so the smallest area wins (WC01 over BU01).
  shared.insert(at, "set = \"gebieden\"\n");
  shared.insert(shared.find("kind = \"buurt\"\n"), "set = \"gebieden\"\n");
  dir.write("shared.toml", shared);
  const fs::path out = dir.path() / "shared.gpkg";
  REQUIRE(kvo_run({"run", (dir.path() / "shared.toml").string(), "-o", out.string(), "--quiet"}, err) == 0);
  const Expected e = expected_counts(300);
  CHECK(std::stoi(one(out, "SELECT count FROM area_stats WHERE area_id = 'BU01' AND theme = 'all'")) ==
        e.bu01 - e.wc01);
  CHECK(std::stoi(one(out, "SELECT COUNT(*) FROM incidents WHERE area_id_gebieden = 'WC01'")) == e.wc01);
}
