// `kvo export`: the working group's tables as an Excel workbook, read back with GDAL.

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/sheet_rows.hpp"
#include "support/small_town.hpp"

using kvo::io::query_gpkg;
using kvo::test::kvo_cli;
namespace fs = std::filesystem;

namespace {

constexpr auto p = &kvo::test::path_in;

constexpr auto sheet = &kvo::test::sheet_rows;

}  // namespace

TEST_CASE("kvo export writes the change per area and theme, counts, sources and rejects to XLSX", "[cli][export]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  REQUIRE(kvo_cli({"run", p(dir, "vervolgmeting.toml"), "-q", "--baseline", p(dir, "nul.gpkg"), "-o",
                   p(dir, "vervolg.gpkg")})
              .code == 0);
  const auto r = kvo_cli({"export", p(dir, "vervolg.gpkg"), "-o", p(dir, "tabel 't Zand.xlsx"), "--language", "nl"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const fs::path xlsx = dir.path() / "tabel 't Zand.xlsx";
  REQUIRE(fs::exists(xlsx));

  // Every area_change row, with the names and numbers of the GeoPackage.
  const auto change = sheet(xlsx, "Verandering");
  const auto gpkg = dir.path() / "vervolg.gpkg";
  // Rows with incidents in at least one period; the themes that never occurred are left out.
  CHECK(
      change.size() ==
      std::stoul(query_gpkg(gpkg, "SELECT COUNT(*) FROM area_change WHERE count_baseline + count_followup > 0")[0][0]));
  CHECK(change.size() < std::stoul(query_gpkg(gpkg, "SELECT COUNT(*) FROM area_change")[0][0]));
  const auto want = query_gpkg(gpkg,
                               "SELECT count_baseline, count_followup, change FROM area_change "
                               "WHERE name = 'Winkelcentrum ''t Zand' AND theme = 'all'");
  REQUIRE(want.size() == 1);
  const std::map<std::string, std::string> dutch = {{"increase", "Significante toename"},
                                                    {"decrease", "Significante afname"},
                                                    {"no_significant_change", "Geen significante verandering"},
                                                    {"too_few", "Te weinig incidenten om te toetsen"}};
  bool found = false;
  for (const auto& row : change) {
    CHECK(row.at("thema").find('_') == std::string::npos);                          // labels, not codes
    if (const auto dot = row.at("verhouding").find('.'); dot != std::string::npos)  // two decimals at most
      CHECK(row.at("verhouding").size() - dot - 1 <= 2);
    if (row.at("gebied") == "Winkelcentrum 't Zand" && row.at("thema") == "Alle thema's") {
      found = true;
      CHECK(row.at("nulmeting") == want[0][0]);
      CHECK(row.at("vervolgmeting") == want[0][1]);
      CHECK(row.at("klasse") == dutch.at(want[0][2]));
    }
  }
  CHECK(found);
  // The rejects per reason add up to the rejects layer; the sources sheet holds the counts.
  long long rejected = 0;
  for (const auto& row : sheet(xlsx, "Afgewezen")) rejected += std::stoll(row.at("records"));
  CHECK(rejected == std::stoll(query_gpkg(gpkg, "SELECT COUNT(*) FROM rejects")[0][0]));
  const auto sources = sheet(xlsx, "Bronnen");
  REQUIRE(sources.size() == 1);
  CHECK(sources[0].at("bron") == "politie");
  CHECK(std::stoll(sources[0].at("gelezen")) ==
        std::stoll(sources[0].at("geaccepteerd")) + std::stoll(sources[0].at("afgewezen")) +
            std::stoll(sources[0].at("uitgesloten")) + std::stoll(sources[0].at("buiten_studiegebied")));
  CHECK(sheet(xlsx, "Per gebied").size() > 0);

  // English column names on request; a file that is not a kvo output is an error.
  REQUIRE(kvo_cli({"export", p(dir, "vervolg.gpkg"), "-o", p(dir, "table.xlsx"), "--language", "en"}).code == 0);
  CHECK(sheet(dir.path() / "table.xlsx", "Change").front().count("rate_ratio_low") == 1);
  dir.write("leeg.geojson", R"({"type":"FeatureCollection","features":[]})");
  const auto bad = kvo_cli({"export", p(dir, "leeg.geojson"), "-o", p(dir, "x.xlsx")});
  CHECK(bad.code == 1);
  CHECK(bad.err.find("not a kvo output") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "x.xlsx"));
  // .ods is a real OpenDocument spreadsheet; .csv is refused, naming what is supported.
  REQUIRE(kvo_cli({"export", p(dir, "vervolg.gpkg"), "-o", p(dir, "tabel.ods")}).code == 0);
  {
    GDALDatasetUniquePtr ods(GDALDataset::Open(p(dir, "tabel.ods").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ods);
    CHECK(std::string(ods->GetDriver()->GetDescription()) == "ODS");
  }
  const auto csv = kvo_cli({"export", p(dir, "vervolg.gpkg"), "-o", p(dir, "tabel.csv")});
  CHECK(csv.code == 1);
  CHECK(csv.err.find(".xlsx") != std::string::npos);
  CHECK(csv.err.find(".ods") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "tabel.csv"));
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);  // no temporary file left
}

TEST_CASE("kvo export lists the out-of-scope records per source and code, adding up to the sources' counts",
          "[cli][export]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  // Burglary out of scope: the small town's 1.1.1 rows are excluded, not rejected.
  dir.write("buiten scope.toml", kvo::test::small_town_spec_excluding("1.1.1"));
  REQUIRE(kvo_cli({"run", p(dir, "buiten scope.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  REQUIRE(kvo_cli({"export", p(dir, "nul.gpkg"), "-o", p(dir, "tabel.xlsx"), "--language", "en"}).code == 0);
  const auto excluded = sheet(dir.path() / "tabel.xlsx", "Excluded");
  const auto sources = sheet(dir.path() / "tabel.xlsx", "Sources");
  REQUIRE(sources.size() == 1);
  REQUIRE(excluded.size() == 1);
  CHECK(excluded[0].at("source") == "politie");
  CHECK(excluded[0].at("code") == "1.1.1 Diefstal/inbraak woning");
  // write_small_town's police rows alternate 2.5.2 and 1.1.1: 75 of the 150 are burglaries.
  CHECK(excluded[0].at("records") == "75");
  CHECK(sources[0].at("excluded") == "75");
}

TEST_CASE("kvo export and kvo report make a missing output folder, as kvo run does", "[cli][export]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 150, 90);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  const fs::path workbook = dir.path() / "nieuwe map 's-Hertogenbosch" / "tabel.xlsx";
  const auto exported = kvo_cli({"export", p(dir, "nul.gpkg"), "-o", workbook.string()});
  INFO(exported.err);
  CHECK(exported.code == 0);
  CHECK(fs::is_regular_file(workbook));
  const fs::path html = dir.path() / "nieuw rapport" / "2025" / "rapport.html";
  const auto reported = kvo_cli({"report", p(dir, "nul.gpkg"), "-o", html.string()});
  INFO(reported.err);
  CHECK(reported.code == 0);
  CHECK(fs::is_regular_file(html));
  // Nothing is made for an input that is not there.
  const auto missing = kvo_cli({"export", p(dir, "weg.gpkg"), "-o", p(dir, "niet gemaakt/t.xlsx")});
  CHECK(missing.code == 1);
  CHECK_FALSE(fs::exists(dir.path() / "niet gemaakt"));
}
