// The PostGIS output's connection string, schema names and raster tiles: no server needed.

#include <catch2/catch.hpp>

#include <cstring>

#include "io/core/errors.hpp"
#include "io/postgis/postgis_target.hpp"
#include "io/postgis/raster_wkb.hpp"

using namespace kvo::io;

TEST_CASE("A PG: output takes GDAL's schema keys out of the libpq connection string", "[postgis]") {
  const auto t = parse_postgis_target("PG:host=db.example dbname='kvo data' active_schema=centrum user=analist");
  CHECK(t.schema == "centrum");
  CHECK(t.conninfo == "host='db.example' dbname='kvo data' user='analist'");
  CHECK(parse_postgis_target("PG:dbname=kvo schemas=noord,zuid").schema == "noord");
  CHECK(parse_postgis_target("PG:dbname=kvo").schema.empty());
  // A quoted value keeps its quote and backslash, escaped again for libpq.
  CHECK(parse_postgis_target(R"(PG:dbname='it\'s' host = /tmp)").conninfo == R"(dbname='it\'s' host='/tmp')");
}

TEST_CASE("A PG: output never shows its password", "[postgis]") {
  const auto t = parse_postgis_target("PG:dbname=kvo password=geheim user=a");
  CHECK(t.shown == "PG:dbname=kvo password=*** user=a");
  CHECK(t.conninfo.find("geheim") != std::string::npos);  // libpq still gets it
  CHECK(redacted_target("PG:password='ge heim' dbname=kvo") == "PG:password=*** dbname=kvo");
  CHECK(redacted_target("PG:postgresql://analist:geheim@db/kvo") == "PG:postgresql://analist:***@db/kvo");
}

TEST_CASE("A PG: output with a bad schema or a broken string is refused", "[postgis]") {
  CHECK_THROWS_AS(parse_postgis_target("PG:dbname=kvo active_schema=Centrum"), ConfigError);
  CHECK_THROWS_AS(parse_postgis_target("PG:dbname=kvo active_schema='t Zand'"), ConfigError);
  CHECK_THROWS_AS(parse_postgis_target("PG:dbname='kvo"), ConfigError);
  CHECK_THROWS_AS(parse_postgis_target("PG:dbname"), ConfigError);
}

TEST_CASE("A spec's file name makes a plain schema name", "[postgis]") {
  CHECK(schema_name_from("Nulmeting 2023") == "nulmeting_2023");
  CHECK(schema_name_from("Winkelcentrum 't Zand") == "winkelcentrum_t_zand");
  CHECK(schema_name_from("'s-Hertogenbosch") == "s_hertogenbosch");
  CHECK(schema_name_from("2023") == "kvo_2023");
  CHECK(schema_name_from("") == "kvo");
  CHECK(valid_schema_name(schema_name_from(std::string(100, 'a'))));
  CHECK_FALSE(valid_schema_name("1abc"));
  CHECK_FALSE(valid_schema_name("a-b"));
}

namespace {

template <typename T>
T read_at(const std::string& bytes, std::size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}

}  // namespace

TEST_CASE("A raster tile is written in PostGIS's raster WKB layout", "[postgis]") {
  // A 2 × 2 window of a 3-column grid: cells 1 2 / 4 5 of 1 2 3 / 4 5 6.
  const float grid[] = {1, 2, 3, 4, 5, 6};
  RasterTile t;
  t.west = 155000;
  t.north = 463000;
  t.cell_size = 10;
  t.srid = 28992;
  t.width = 2;
  t.height = 2;
  t.nodata = -9999;
  t.cells = grid;
  t.row_stride = 3;
  const std::string wkb = raster_wkb(t);
  // RFC 2: 61 header bytes, then per band 1 flag byte, the nodata value and the cells.
  REQUIRE(wkb.size() == 61 + 1 + 4 + 4 * 4);
  CHECK(read_at<std::uint8_t>(wkb, 0) == 1);    // little endian
  CHECK(read_at<std::uint16_t>(wkb, 1) == 0);   // version
  CHECK(read_at<std::uint16_t>(wkb, 3) == 1);   // bands
  CHECK(read_at<double>(wkb, 5) == 10.0);       // scale x
  CHECK(read_at<double>(wkb, 13) == -10.0);     // scale y: north up
  CHECK(read_at<double>(wkb, 21) == 155000.0);  // upper-left x
  CHECK(read_at<double>(wkb, 29) == 463000.0);  // upper-left y
  CHECK(read_at<double>(wkb, 37) == 0.0);       // skew x
  CHECK(read_at<double>(wkb, 45) == 0.0);       // skew y
  CHECK(read_at<std::int32_t>(wkb, 53) == 28992);
  CHECK(read_at<std::uint16_t>(wkb, 57) == 2);    // width
  CHECK(read_at<std::uint16_t>(wkb, 59) == 2);    // height
  CHECK(read_at<std::uint8_t>(wkb, 61) == 0x4A);  // has nodata | 32BF (10)
  CHECK(read_at<float>(wkb, 62) == -9999.0f);
  CHECK(read_at<float>(wkb, 66) == 1.0f);
  CHECK(read_at<float>(wkb, 70) == 2.0f);
  CHECK(read_at<float>(wkb, 74) == 4.0f);
  CHECK(read_at<float>(wkb, 78) == 5.0f);
  CHECK_FALSE(tile_is_empty(t));
  const float empty[] = {-9999, -9999, 7, -9999, -9999, 7};
  t.cells = empty;
  CHECK(tile_is_empty(t));
  t.width = 0;
  CHECK_THROWS(raster_wkb(t));
}
