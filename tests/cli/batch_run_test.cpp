// Several specs in one `kvo run` (one per KVO area, all reading the same national export):
// the export is read once, the specs run side by side, and every output is byte for byte
// the output of that spec run alone.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "io/read/source_reader.hpp"
#include "pipeline/source_cache.hpp"
#include "support/cli_run.hpp"
#include "support/small_town.hpp"

using kvo::test::kvo_cli;
namespace fs = std::filesystem;

namespace {

constexpr auto p = &kvo::test::path_in;

// Pins the run clock so two runs of one spec give the same bytes; restores it after.
class PinnedClock {
 public:
  PinnedClock() {
    if (const char* v = std::getenv("SOURCE_DATE_EPOCH")) saved_ = v, had_ = true;
    ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  }
  ~PinnedClock() {
    if (had_)
      ::setenv("SOURCE_DATE_EPOCH", saved_.c_str(), 1);
    else
      ::unsetenv("SOURCE_DATE_EPOCH");
  }
  PinnedClock(const PinnedClock&) = delete;
  PinnedClock& operator=(const PinnedClock&) = delete;

 private:
  std::string saved_;
  bool had_ = false;
};

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string area_geojson(const std::string& code, const std::string& name, int x0, int y0) {
  const std::string x1 = std::to_string(x0 + 500), y1 = std::to_string(y0 + 500);
  const std::string xs = std::to_string(x0), ys = std::to_string(y0);
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":")" +
         code + R"(","naam":")" + name +
         R"(","soort":"kvo_winkelgebied"},"geometry":{"type":"Polygon","coordinates":[[[)" + xs + "," + ys + "],[" +
         x1 + "," + ys + "],[" + x1 + "," + y1 + "],[" + xs + "," + y1 + "],[" + xs + "," + ys + "]]]}}]}";
}

// A national export (the small town plus records 40 km away) and three KVO areas, each
// with its own spec; all three specs read the same export with the same settings.
void write_batch(const kvo::test::TempDir& dir) {
  kvo::test::write_small_town(dir, 150, 80);
  std::string csv = kvo::test::small_town_police(2023, 150);
  for (int i = 0; i < 40; ++i)
    csv += "FAR" + std::to_string(i) + ";" + (i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28) +
           "-05-2023;10:00;2.5.2 Winkeldiefstal;" + std::to_string(200000 + 13 * i) + ";" +
           std::to_string(450000 + 29 * (i % 7)) + "\r\n";
  dir.write("politie 2023.csv", csv);
  const std::string areas[3][3] = {
      {"WC01", "Winkelcentrum 't Zand", "150000"}, {"BU03", "'s-Gravenhof", "150500"}, {"FAR1", "Verweg", "200000"}};
  for (const auto& a : areas) {
    const int x0 = std::stoi(a[2]), y0 = a[0] == "FAR1" ? 450000 : 410000;
    dir.write("gebied " + a[0] + ".geojson", area_geojson(a[0], a[1], x0, y0));
    std::string spec = kvo::test::small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv",
                                                  "[grid]\ncell_size = 50\n");
    const std::string from = "gebieden 's-Hertogenbosch.geojson", to = "gebied " + a[0] + ".geojson";
    spec.replace(spec.find(from), from.size(), to);
    dir.write("kvo " + a[0] + ".toml", spec);
  }
}

}  // namespace

TEST_CASE("a batch of specs gives each spec's own output, byte for byte", "[cli][batch]") {
  const PinnedClock clock;
  kvo::test::TempDir alone, batch;
  write_batch(alone);
  write_batch(batch);
  const std::vector<std::string> codes = {"WC01", "BU03", "FAR1"};
  for (const auto& code : codes) {
    const auto r =
        kvo_cli({"run", p(alone, "kvo " + code + ".toml"), "-q", "--summary-json", p(alone, "kvo " + code + ".json")});
    INFO(r.err);
    REQUIRE(r.code == 0);
  }
  const auto r = kvo_cli({"run", p(batch, "kvo WC01.toml"), p(batch, "kvo BU03.toml"), p(batch, "kvo FAR1.toml"), "-q",
                          "--threads", "2", "--summary-json", p(batch, "batch.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  // The lines come in the order of the specs, whichever finished first.
  const auto first = r.out.find("kvo WC01.toml"), second = r.out.find("kvo BU03.toml"),
             third = r.out.find("kvo FAR1.toml");
  CHECK(first < second);
  CHECK(second < third);
  CHECK(r.out.find("3 of 3 specs done") != std::string::npos);

  std::ifstream batch_json(batch.path() / "batch.json");
  const auto runs = nlohmann::json::parse(batch_json)["runs"];
  REQUIRE(runs.size() == 3);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto& code = codes[i];
    INFO(code);
    const std::string gpkg = "kvo " + code + ".gpkg";
    REQUIRE(fs::exists(batch.path() / gpkg));
    const std::string a = bytes_of(alone.path() / gpkg), b = bytes_of(batch.path() / gpkg);
    CHECK(a.size() > 10000);
    CHECK(a == b);
    std::ifstream alone_json(alone.path() / ("kvo " + code + ".json"));
    CHECK(nlohmann::json::parse(alone_json) == runs[i]);
  }
  // Each output holds its own area's incidents only: the far area's 40, the town's not.
  CHECK(runs[2]["totals"]["accepted"] == 40);
  CHECK(runs[2]["totals"]["outside_study_region"] == 150);
}

TEST_CASE("a source read with the same settings is read once and copied unchanged", "[cli][batch]") {
  kvo::test::TempDir dir;
  write_batch(dir);
  const auto spec_a = kvo::io::read_spec(dir.path() / "kvo WC01.toml");
  const auto spec_b = kvo::io::read_spec(dir.path() / "kvo BU03.toml");
  const auto taxonomy = kvo::io::load_taxonomy(spec_a, spec_a.sources[0]);
  kvo::cli::SourceCache cache;
  kvo::io::IncidentTable direct, first, second;
  const auto direct_result = kvo::io::read_source(spec_a, 0, taxonomy, direct);
  const auto first_result = cache.read(spec_a, 0, taxonomy, first, {}, {});
  const auto second_result = cache.read(spec_b, 0, taxonomy, second, {}, {});
  CHECK(cache.reads() == 1);
  for (const auto* t : {&first, &second}) {
    REQUIRE(t->size() == direct.size());
    CHECK(t->incidents.x == direct.incidents.x);
    CHECK(t->incidents.start_utc == direct.incidents.start_utc);
    CHECK(t->row == direct.row);
    CHECK(t->codes == direct.codes);
    CHECK(t->code == direct.code);
    for (std::size_t i = 0; i < direct.size(); i += 17) CHECK(t->source_id[i] == direct.source_id[i]);
  }
  CHECK(second_result.counts.read == direct_result.counts.read);
  CHECK(second_result.counts.rejected == 3);
  CHECK(second_result.rejects.size() == 3);

  // Another reference date makes other rejects: read again, not copied.
  auto spec_c = spec_b;
  spec_c.periods[0].range.from_day += 100;  // from mid-April: the earlier records fall outside
  kvo::io::IncidentTable third;
  const auto third_result = cache.read(spec_c, 0, taxonomy, third, {}, {});
  CHECK(cache.reads() == 2);
  CHECK(third_result.counts.rejected > 3);
}

TEST_CASE("a source appended after another keeps its own origin and codes", "[cli][batch]") {
  kvo::test::TempDir dir;
  write_batch(dir);
  const auto spec = kvo::io::read_spec(dir.path() / "kvo WC01.toml");
  const auto taxonomy = kvo::io::load_taxonomy(spec, spec.sources[0]);
  // Direct: two reads into one table. Copied: each read alone, then appended.
  kvo::io::IncidentTable direct, one, two, copied;
  (void)kvo::io::read_source(spec, 0, taxonomy, direct);
  (void)kvo::io::read_source(spec, 0, taxonomy, direct);
  (void)kvo::io::read_source(spec, 0, taxonomy, one);
  (void)kvo::io::read_source(spec, 0, taxonomy, two);
  copied.append_source(one);
  copied.append_source(two);
  REQUIRE(copied.size() == direct.size());
  REQUIRE(copied.origins.size() == 2);
  CHECK(copied.incidents.source == direct.incidents.source);
  CHECK(copied.incidents.source.back() == 1);
  CHECK(copied.codes == direct.codes);
  CHECK(copied.code == direct.code);
  for (std::size_t i = 0; i < direct.size(); ++i) REQUIRE(copied.source_id[i] == direct.source_id[i]);
}
