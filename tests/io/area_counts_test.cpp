#include <catch2/catch.hpp>

#include "io/read/area_counts_reader.hpp"
#include "io/read/source_reader.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;

TEST_CASE("open police data per buurt and month feeds area counts, unknown codes are rejects", "[io][area_counts]") {
  kvo::test::TempDir dir;
  dir.write("buurten.geojson",
            R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"BU01","naam":"'s-Gravenhof"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[151000,410000],[151000,411000],[150000,411000],[150000,410000]]]}}]})");
  dir.write("tax.csv", "code,label,theme\n2.5.2,Winkeldiefstal,shoplifting\n");
  dir.write("open.csv",
            "buurtcode;maand;soort_misdrijf;aantal\n"
            "BU01;2023-01;2.5.2 Winkeldiefstal;3\n"
            "BU01;2023-02;2.5.2 Winkeldiefstal;4\n"
            "BU99;2023-02;2.5.2 Winkeldiefstal;1\n"
            "BU01;2023-13;2.5.2 Winkeldiefstal;1\n"
            "BU01;2023-03;9.9.9 Onbekend;1\n"
            "BU01;2023-03;2.5.2 Winkeldiefstal;-2\n"
            "BU01;2022-12;2.5.2 Winkeldiefstal;5\n");
  const auto spec_path = dir.write("spec.toml", R"(
as_of = 2024-06-01
[areas]
path = "buurten.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "open data"
kind = "area_counts"
path = "open.csv"
area = "buurtcode"
month = "maand"
code = "soort_misdrijf"
count = "aantal"
taxonomy = "tax.csv"
)");
  const auto spec = read_spec(spec_path);
  const auto areas = read_areas(spec);
  kvo::engine::AreaCounts counts;
  const auto r = read_area_counts_source(spec, 0, areas, load_taxonomy(spec, spec.sources[0]), counts);
  CHECK(r.counts.read == 7);
  CHECK(r.counts.accepted == 2);
  CHECK(r.counts.rejected == 5);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::unknown_area)] == 1);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::bad_date)] == 1);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::unknown_code)] == 1);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::bad_value)] == 1);
  CHECK(r.counts.by_reason[static_cast<std::size_t>(RejectReason::outside_period)] == 1);
  REQUIRE(counts.count.size() == 2);
  CHECK(counts.count[0] + counts.count[1] == 7);
  // A rejected row keeps its line as exported (the shared reader preamble), with its row.
  REQUIRE(r.rejects.size() == 5);
  CHECK(r.rejects[0].row == 3);
  CHECK(r.rejects[0].raw == "BU99;2023-02;2.5.2 Winkeldiefstal;1");
}
