// A police export in XLSX with a title, an export date and a blank row above its header,
// run end to end with header_row: counts add up in the summary, the rejects layer names
// the record and its sheet row, and the resolved spec records the key.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "io/gpkg/gpkg_reader.hpp"
#include "pipeline/source_cache.hpp"
#include "support/cli_run.hpp"
#include "support/sheet_file.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;
namespace fs = std::filesystem;

namespace {

constexpr auto p = &kvo::test::path_in;
constexpr int kValid = 40;
constexpr int kHeaderRow = 4;
constexpr int kBadRow = kHeaderRow + 1 + kValid;  // right after the valid records

std::string spec_text(int header_row) {
  return "title = \"KVO Winkelcentrum 't Zand\"\nas_of = 2026-01-31\n"
         "[areas]\npath = \"gebieden 's-Hertogenbosch.geojson\"\nid = \"code\"\nname = \"naam\"\n"
         "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n"
         "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"politie-export 't Zand.xlsx\"\n"
         "header_row = " +
         std::to_string(header_row) +
         "\nx = \"X-co\xc3\xb6rdinaat\"\ny = \"Y-co\xc3\xb6rdinaat\"\nid = \"registratienummer\"\n"
         "start = \"pleegdatum\"\ncode = \"maatschappelijke klasse\"\ntaxonomy = \"tax.csv\"\n"
         "[hotspots]\npermutations = 99\n[density]\ncell_size = 50\n";
}

// Rows 1–3 title, date, blank; row 4 the header; kValid records inside the areas; one
// impossible date (kBadRow); two valid records 40 km away (outside the study region).
void write_export(const kvo::test::TempDir& dir) {
  std::vector<kvo::test::SheetRow> rows = {
      {"Politie-export Winkelcentrum 't Zand"},
      {"Ge\xc3\xabxporteerd op 15-01-2024 10:32"},
      {},
      {"registratienummer", "pleegdatum", "X-co\xc3\xb6rdinaat", "Y-co\xc3\xb6rdinaat", "maatschappelijke klasse"}};
  for (int i = 0; i < kValid; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "%02d-%02d-2023", 1 + i % 28, 1 + i % 12);
    rows.push_back({"PL" + std::to_string(i), date, std::to_string(150050 + 20 * i), std::to_string(410050 + 10 * i),
                    i % 2 ? "2.5.2 Winkeldiefstal" : "1.1.1 Diefstal/inbraak woning"});
  }
  rows.push_back({"PL-BAD", "31-02-2023", "150500", "410500", "2.5.2 Winkeldiefstal"});
  rows.push_back({"PL-VER1", "01-03-2023", "200000", "450000", "2.5.2 Winkeldiefstal"});
  rows.push_back({"PL-VER2", "02-03-2023", "200100", "450100", "2.5.2 Winkeldiefstal"});
  kvo::test::write_sheet(dir.path() / "politie-export 't Zand.xlsx", "Export", rows);
}

}  // namespace

TEST_CASE("kvo run reads an XLSX export below its title rows and its counts add up", "[cli][header_row]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 10, 10);
  write_export(dir);
  dir.write("export.toml", spec_text(kHeaderRow));
  const auto r = kvo_cli(
      {"run", p(dir, "export.toml"), "-q", "-o", p(dir, "nul.gpkg"), "--summary-json", p(dir, "samenvatting.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::ifstream in(dir.path() / "samenvatting.json");
  const auto t = nlohmann::json::parse(in)["totals"];
  CHECK(t["read"] == kValid + 3);
  CHECK(t["accepted"] == kValid);
  CHECK(t["rejected"] == 1);
  CHECK(t["outside_study_region"] == 2);
  CHECK(t["read"].get<int>() == t["accepted"].get<int>() + t["rejected"].get<int>() + t["excluded"].get<int>() +
                                    t["outside_study_region"].get<int>());

  const fs::path out = dir.path() / "nul.gpkg";
  const auto rejects = query_gpkg(out, "SELECT row, reason, detail FROM rejects");
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0][0] == std::to_string(kBadRow - kHeaderRow));
  CHECK(rejects[0][1] == "bad_date");
  CHECK(rejects[0][2].find("(sheet row " + std::to_string(kBadRow) + ")") != std::string::npos);
  const auto spec = nlohmann::json::parse(query_gpkg(out, "SELECT value FROM run_manifest WHERE key = 'spec'")[0][0]);
  CHECK(spec["sources"][0]["header_row"] == kHeaderRow);
}

TEST_CASE("kvo check names the file and header_row when the header row is past the sheet", "[cli][header_row]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 10, 10);
  write_export(dir);
  dir.write("export.toml", spec_text(kBadRow + 10));
  const auto r = kvo_cli({"check", p(dir, "export.toml")});
  CHECK(r.code == 1);
  CHECK(r.err.find("politie-export 't Zand.xlsx") != std::string::npos);
  CHECK(r.err.find("header_row") != std::string::npos);
}

TEST_CASE("a source read with another header_row is not taken from the source cache", "[cli][header_row]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 10, 10);
  const auto taxonomy = kvo::io::Taxonomy::read_csv(dir.path() / "tax.csv");
  const auto key = [&](int header_row) {
    const auto spec = kvo::io::parse_spec(spec_text(header_row), dir.path() / "export.toml");
    return kvo::cli::source_read_key(spec, 0, taxonomy, {});
  };
  CHECK(key(kHeaderRow) != key(1));
  CHECK(key(kHeaderRow) == key(kHeaderRow));
}

TEST_CASE("kvo check refuses an open option the driver does not know", "[cli][header_row][open_options]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 10, 10);
  dir.write("politie export 2023.txt",
            "registratienummer;pleegdatum;X-co\xc3\xb6rdinaat;Y-co\xc3\xb6rdinaat;maatschappelijke klasse\n"
            "PL1;03-02-2023;150100;410200;2.5.2 Winkeldiefstal\n");
  std::string spec = spec_text(1);
  const std::string xlsx = "politie-export 't Zand.xlsx\"\nheader_row = 1\n";
  spec.replace(spec.find(xlsx), xlsx.size(), "politie export 2023.txt\"\nopen_options = [\"SEPARATOR=SEMICOLON\"]\n");
  dir.write("export.toml", spec);
  const auto r = kvo_cli({"check", p(dir, "export.toml")});
  CHECK(r.code == 1);
  INFO(r.err);
  CHECK(r.err.find("export.toml") != std::string::npos);
  CHECK(r.err.find("source 'politie'") != std::string::npos);
  CHECK(r.err.find("no open option 'SEPARATOR'") != std::string::npos);
  CHECK(r.err.find("MERGE_SEPARATOR") != std::string::npos);
}
