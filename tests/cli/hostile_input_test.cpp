// Hostile paths, outputs and environments: each a clear error or a kept promise, never a
// crash, a hang or a silently overwritten file.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

namespace fs = std::filesystem;

namespace {
using kvo::test::kvo_cli;
using kvo::test::Outcome;
constexpr auto p = &kvo::test::path_in;
std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Copies a zip (an XLSX workbook) member by member, keeping only the first half of `cut`.
void copy_zip_cutting(const fs::path& from, const fs::path& to, const std::string& cut) {
  const std::string root = "/vsizip/" + from.string();
  char** names = VSIReadDirRecursive(root.c_str());
  void* zip = CPLCreateZip(to.c_str(), nullptr);
  REQUIRE(zip);
  for (int i = 0; names && names[i]; ++i) {
    const std::string name = names[i];
    if (name.empty() || name.back() == '/') continue;
    vsi_l_offset size = 0;
    GByte* bytes = nullptr;
    REQUIRE(VSIIngestFile(nullptr, (root + "/" + name).c_str(), &bytes, &size, -1));
    const auto keep = name == cut ? size / 2 : size;
    REQUIRE(CPLCreateFileInZip(zip, name.c_str(), nullptr) == CE_None);
    REQUIRE(CPLWriteFileInZip(zip, bytes, static_cast<int>(keep)) == CE_None);
    REQUIRE(CPLCloseFileInZip(zip) == CE_None);
    VSIFree(bytes);
  }
  CSLDestroy(names);
  REQUIRE(CPLCloseZip(zip) == CE_None);
}
}  // namespace

TEST_CASE("a truncated XLSX sheet fails its source instead of reading as a shorter export", "[cli][hostile]") {
  kvo::test::TempDir dir;
  const fs::path demo = fs::path(KVO_SOURCE_DIR) / "data" / "demo";
  copy_zip_cutting(demo / "brandweer_2023.xlsx", dir.path() / "brandweer 't Zand.xlsx", "xl/worksheets/sheet1.xml");
  const std::string spec =
      "as_of = 2026-01-31\n[[areas]]\npath = \"" + (demo / "kvo_gebieden.geojson").string() +
      "\"\nid = \"code\"\n[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n"
      "[[sources]]\nname = \"brandweer\"\nkind = \"fire\"\npath = \"brandweer 't Zand.xlsx\"\n"
      "layer = \"incidenten\"\nid = \"incidentnummer\"\nlon = \"lengtegraad\"\nlat = \"breedtegraad\"\n"
      "start = \"starttijd\"\ncode = \"meldingsclassificatie\"\n";
  dir.write("brand.toml", spec);
  const auto r = kvo_cli({"check", p(dir, "brand.toml")});
  CHECK(r.code == 1);
  CHECK(r.err.find("brandweer 't Zand.xlsx") != std::string::npos);
  CHECK(r.err.find("damaged or truncated") != std::string::npos);
  // The whole workbook still reads.
  fs::copy_file(demo / "brandweer_2023.xlsx", dir.path() / "brandweer 't Zand.xlsx",
                fs::copy_options::overwrite_existing);
  CHECK(kvo_cli({"check", p(dir, "brand.toml")}).code == 0);
}

TEST_CASE("with --summary-json -, stdout holds nothing but the JSON", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  const auto r = kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "--summary-json", "-"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);  // throws on any line that is not JSON
  CHECK(j["status"] == "ok");
  CHECK(r.err.find("ok  ") != std::string::npos);  // the human line went to stderr
}

TEST_CASE("a summary with bytes that are not UTF-8 is written, not aborted", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  const std::string odd = "uit\xe9.gpkg";  // a Windows-1252 'é' in a file name
  const auto r = kvo_cli(
      {"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, odd), "--summary-json", p(dir, "samenvatting.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(slurp(dir.path() / "samenvatting.json"));
  CHECK(j["output"].get<std::string>().find("uit\xef\xbf\xbd.gpkg") != std::string::npos);  // U+FFFD
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("an -o naming one of the run's inputs is refused and the input is kept", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  for (const std::string input :
       {"politie 2023.csv", "nulmeting.toml", "gebieden 's-Hertogenbosch.geojson", "tax.csv"}) {
    const std::string before = slurp(dir.path() / input);
    const auto r = kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, input)});
    INFO(input << ": " << r.err);
    CHECK(r.code == 1);
    CHECK(r.err.find("would overwrite") != std::string::npos);
    CHECK(slurp(dir.path() / input) == before);
  }
  // The same file under another name (a hard link) is the same input.
  fs::create_hard_link(dir.path() / "politie 2023.csv", dir.path() / "alias.gpkg");
  CHECK(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "alias.gpkg")}).code == 1);
  // And the baseline of a follow-up.
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "nul.gpkg")}).code == 0);
  const std::string baseline = slurp(dir.path() / "nul.gpkg");
  const auto r =
      kvo_cli({"run", p(dir, "vervolgmeting.toml"), "-q", "--baseline", p(dir, "nul.gpkg"), "-o", p(dir, "nul.gpkg")});
  CHECK(r.code == 1);
  CHECK(r.err.find("--baseline") != std::string::npos);
  CHECK(slurp(dir.path() / "nul.gpkg") == baseline);
}

TEST_CASE("a FIFO, a symlink loop or a folder as input is a clear error, not a hang or a crash", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  REQUIRE(::mkfifo((dir.path() / "pijp.csv").c_str(), 0600) == 0);
  fs::create_symlink(dir.path() / "lus b.csv", dir.path() / "lus a.csv");
  fs::create_symlink(dir.path() / "lus a.csv", dir.path() / "lus b.csv");
  fs::create_directory(dir.path() / "map.csv");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"pijp.csv", "not a regular file"}, {"lus a.csv", "symbolic links"}, {"map.csv", "cannot open"}};
  for (const auto& [name, words] : cases) {
    dir.write("stuk.toml", kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", name));
    for (const char* command : {"check", "run"}) {
      const auto r = kvo_cli({command, p(dir, "stuk.toml")});
      INFO(command << " " << name << ": " << r.err);
      CHECK(r.code == 1);
      CHECK(r.err.find(name) != std::string::npos);
      CHECK(r.err.find(words) != std::string::npos);
      CHECK(r.err.find("internal error") == std::string::npos);
    }
  }
  // A spec that is a FIFO: refused before anything reads from it.
  REQUIRE(::mkfifo((dir.path() / "spec.toml").c_str(), 0600) == 0);
  const auto r = kvo_cli({"check", p(dir, "spec.toml")});
  CHECK(r.code == 1);
  CHECK(r.err.find("not a regular file") != std::string::npos);
}

TEST_CASE("replacing an output keeps its permissions", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  const auto out = dir.path() / "privé.gpkg";
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", out.string()}).code == 0);
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", out.string()}).code == 0);
  CHECK((fs::status(out).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("temporaries of killed runs are removed, those of live runs kept", "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  // A pid above the kernel's maximum (2^22) cannot be alive.
  const std::string dead = ".uit.tmp-4194999.gpkg", live = ".uit.tmp-" + std::to_string(::getppid()) + ".gpkg";
  dir.write(dead, "half a GeoPackage");
  dir.write(dead + "-journal", "journal");
  dir.write(live, "another run at work");
  dir.write(".uit.tmp-notes.txt", "not ours");
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "uit.gpkg")}).code == 0);
  CHECK_FALSE(fs::exists(dir.path() / dead));
  CHECK_FALSE(fs::exists(dir.path() / (dead + "-journal")));
  CHECK(fs::exists(dir.path() / live));
  CHECK(fs::exists(dir.path() / ".uit.tmp-notes.txt"));
}

TEST_CASE("a source that rejects every record fails check and run unless max_reject_share allows it",
          "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  // Every row lacks its coordinates: nothing is accepted.
  dir.write("leeg.csv",
            "nr;van;tijd;klasse;x_rd;y_rd\r\nA;01-01-2023;10:00;2.5.2 Winkeldiefstal;;\r\n"
            "B;01-02-2023;10:00;2.5.2 Winkeldiefstal;;\r\n");
  dir.write("leeg.toml", kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "leeg.csv"));
  const auto c = kvo_cli({"check", p(dir, "leeg.toml")});
  CHECK(c.code == 1);
  CHECK(c.out.find("FAIL") != std::string::npos);
  CHECK(c.out.find("rejected 2 of 2") != std::string::npos);
  const auto r = kvo_cli({"run", p(dir, "leeg.toml"), "-q"});
  CHECK(r.code == 1);
  CHECK(r.err.find("every record") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "leeg.gpkg"));
  dir.write("leeg.toml",
            "max_reject_share = 1\n" + kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "leeg.csv"));
  CHECK(kvo_cli({"check", p(dir, "leeg.toml")}).code == 0);
}

TEST_CASE("a rejected CSV record keeps its original bytes: NUL, fields past the header, quoted CRLF",
          "[cli][hostile]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 60, 40);
  std::string csv = kvo::test::small_town_police(2023, 60);
  csv += "N1;01-01-2023;10:00;9.9.9 Onbekend;150100;410100;nog;twee velden\r\n";
  csv += "N2;01-01-2023;10:00;\"9.9.9 Onbekend\r\nop twee regels\";150100;410100\r\n";
  csv += std::string("N3;01-01-2023;10:00;9.9.9 Onb\0ekend;150100;410100\r\n", 50);
  dir.write("politie 2023.csv", csv);
  REQUIRE(kvo_cli({"run", p(dir, "nulmeting.toml"), "-q", "-o", p(dir, "uit.gpkg")}).code == 0);
  const auto raw = [&](const std::string& id) {
    const auto rows =
        kvo::io::query_gpkg(dir.path() / "uit.gpkg", "SELECT raw FROM rejects WHERE raw LIKE '" + id + ";%'");
    return rows.empty() ? std::string("(none)") : rows[0][0];
  };
  CHECK(raw("N1") == "N1;01-01-2023;10:00;9.9.9 Onbekend;150100;410100;nog;twee velden");
  CHECK(raw("N2") == "N2;01-01-2023;10:00;\"9.9.9 Onbekend\\x0D\\x0Aop twee regels\";150100;410100");
  CHECK(raw("N3") == "N3;01-01-2023;10:00;9.9.9 Onb\\x00ekend;150100;410100");
  // Nothing lost: read = accepted + rejected still holds.
  const auto contents = kvo::io::read_gpkg_contents(dir.path() / "uit.gpkg");
  const auto& src = contents.manifest.at("sources")[0];
  CHECK(src["read"].get<int>() == 66);
  CHECK(src["accepted"].get<int>() + src["rejected"].get<int>() == 66);
}
