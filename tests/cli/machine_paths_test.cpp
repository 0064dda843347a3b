// No absolute path of the machine in what a run writes: the manifest (and so the report)
// and the summary JSON name files relative to the spec, or by name, with checksums.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

namespace fs = std::filesystem;

TEST_CASE("the manifest and the summary hold no absolute path of the machine", "[cli][paths]") {
  kvo::test::TempDir dir, elsewhere;
  kvo::test::write_small_town(dir, 60, 40);
  // The follow-up's police export lives in another folder; the output in a third place.
  fs::rename(dir.path() / "politie 2025.csv", elsewhere.path() / "politie 2025.csv");
  std::string followup = kvo::test::small_town_spec("followup", "2025-01-01", "2025-12-31",
                                                    (elsewhere.path() / "politie 2025.csv").string());
  dir.write("vervolgmeting.toml", followup);
  fs::create_directories(elsewhere.path() / "uit");
  const std::string baseline = (elsewhere.path() / "uit" / "nul.gpkg").string();
  const std::string out = (elsewhere.path() / "uit" / "vervolg.gpkg").string();
  const std::string summary = (elsewhere.path() / "samenvatting.json").string();
  REQUIRE(kvo::test::kvo_cli({"run", kvo::test::path_in(dir, "nulmeting.toml"), "-o", baseline, "-q"}).code == 0);
  const auto r = kvo::test::kvo_cli({"run", kvo::test::path_in(dir, "vervolgmeting.toml"), "--baseline", baseline, "-o",
                                     out, "-q", "--summary-json", summary});
  REQUIRE(r.code == 0);

  const auto contents = kvo::io::read_gpkg_contents(out);
  std::string manifest;
  for (const auto& [key, value] : contents.manifest) manifest += key + "=" + value.dump() + "\n";
  std::ifstream in(summary);
  std::stringstream summary_text;
  summary_text << in.rdbuf();
  for (const std::string& text : {manifest, summary_text.str()}) {
    CHECK(text.find(dir.path().string()) == std::string::npos);
    CHECK(text.find(elsewhere.path().string()) == std::string::npos);
    CHECK(text.find(fs::temp_directory_path().string() + "/") == std::string::npos);
  }
  // Files keep their names and checksums.
  CHECK(contents.manifest.at("spec_file")["path"] == "vervolgmeting.toml");
  CHECK(contents.manifest.at("sources")[0]["path"] == "politie 2025.csv");
  CHECK(contents.manifest.at("sources")[0]["sha256"].get<std::string>().size() == 64);
  CHECK(contents.manifest.at("baseline")["path"] == "nul.gpkg");
  CHECK(contents.manifest.at("area_inputs")[0]["path"] == "gebieden 's-Hertogenbosch.geojson");
}
