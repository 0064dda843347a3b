// An export covers more than the study areas (a national police export): the records far
// from the areas are neither accepted nor rejected but counted as outside_study_region,
// and the output holds only the areas and their context.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;
namespace fs = std::filesystem;

namespace {

constexpr auto p = &kvo::test::path_in;

// The small town's export plus records elsewhere in the country (valid, 40 km away),
// one that is far away and broken, and one just beside the areas (their context).
void write_national_export(const kvo::test::TempDir& dir) {
  kvo::test::write_small_town(dir, 120, 80);
  std::string csv = kvo::test::small_town_police(2023, 120);
  for (int i = 0; i < 5; ++i)
    csv += "FAR" + std::to_string(i) + ";0" + std::to_string(i + 1) +
           "-03-2023;10:00;2.5.2 Winkeldiefstal;200000;45000" + std::to_string(i) + "\r\n";
  csv += "FARBAD;31-02-2023;10:00;2.5.2 Winkeldiefstal;200000;450000\r\n";
  csv += "NEAR;01-04-2023;10:00;2.5.2 Winkeldiefstal;151001;410500\r\n";
  dir.write("politie 2023.csv", csv);
}

}  // namespace

TEST_CASE("records far from the study areas are counted outside, not accepted or rejected", "[cli][scope]") {
  kvo::test::TempDir dir;
  write_national_export(dir);
  const auto r = kvo_cli(
      {"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nul.gpkg"), "--summary-json", p(dir, "samenvatting.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::ifstream in(dir.path() / "samenvatting.json");
  const auto j = nlohmann::json::parse(in);
  const auto& t = j["totals"];
  // 120 town rows + 3 bad + 5 far + 1 far and broken + 1 near.
  CHECK(t["read"] == 130);
  CHECK(t["rejected"] == 4);  // the broken far row is a reject: checks come before the region
  CHECK(t["outside_study_region"] == 5);
  CHECK(t["accepted"] == 121);
  CHECK(t["read"].get<int>() ==
        t["accepted"].get<int>() + t["rejected"].get<int>() + t["outside_study_region"].get<int>());
  CHECK(j["sources"][0]["outside_study_region"] == 5);

  const fs::path out = dir.path() / "nul.gpkg";
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM incidents")[0][0] == "121");
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM incidents WHERE source_id LIKE 'FAR%'")[0][0] == "0");
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM incidents WHERE source_id = 'NEAR'")[0][0] == "1");
  CHECK(query_gpkg(out, "SELECT COUNT(*) FROM rejects WHERE raw LIKE 'FARBAD%'")[0][0] == "1");
  const auto region =
      nlohmann::json::parse(query_gpkg(out, "SELECT value FROM run_manifest WHERE key = 'study_region'")[0][0]);
  CHECK(region["outside_study_region"] == 5);
  CHECK(region["margin_m"].get<double>() > 1.0);
  // The region is the areas' envelope (150000..151000 × 410000..411000) grown by the margin.
  CHECK(region["region"][0].get<double>() == Approx(150000 - region["margin_m"].get<double>()));
  CHECK(region["region"][3].get<double>() == Approx(411000 + region["margin_m"].get<double>()));
}

TEST_CASE("check shows the records outside the study region per source", "[cli][scope]") {
  kvo::test::TempDir dir;
  write_national_export(dir);
  const auto r = kvo_cli({"check", p(dir, "nulmeting.toml")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("outside") != std::string::npos);
  // politie: read 130, accepted 121, rejected 4, outside 5.
  CHECK(r.out.find("130       121         4         5") != std::string::npos);
}

TEST_CASE("the run's summary line adds up: read = accepted + rejected + outside + excluded", "[cli][scope]") {
  kvo::test::TempDir dir;
  write_national_export(dir);
  // Four road accidents in the town: a police code the taxonomy marks out of scope.
  std::string csv;
  for (int i = 0; i < 4; ++i)
    csv += "ONG" + std::to_string(i) + ";1" + std::to_string(i) + "-05-2023;08:30;1.3.1 Ongevallen (weg);150500;41050" +
           std::to_string(i) + "\r\n";
  std::ofstream(dir.path() / "politie 2023.csv", std::ios::app | std::ios::binary) << csv;
  std::ofstream(dir.path() / "tax.csv", std::ios::app) << "1.3.1,Ongevallen (weg),excluded\n";
  const auto r = kvo_cli({"run", p(dir, "nulmeting.toml"), "-o", p(dir, "nul 's-Hertogenbosch.gpkg")});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  // 130 rows as above plus 4 excluded: 121 accepted, 4 rejected, 5 outside, 4 excluded.
  CHECK(r.out.find("(134 read = 121 accepted + 4 rejected + 5 outside + 4 excluded)") != std::string::npos);
  // The line's own terms add up.
  const auto open = r.out.find("  (") + 2, close = r.out.find(')', open);
  REQUIRE(close != std::string::npos);
  std::istringstream terms(r.out.substr(open + 1, close - open - 1));
  long read = 0, term = 0, sum = 0;
  std::string word;
  terms >> read >> word >> word;  // "134 read ="
  while (terms >> term >> word) {
    sum += term;
    terms >> word;  // "+" (nothing after the last term)
  }
  CHECK(sum == read);
}
