#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/core/errors.hpp"
#include "io/gpkg/gpkg_blob.hpp"

using kvo::io::gpkg_blob_envelope;

namespace {

using Bytes = std::vector<unsigned char>;

Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

void put(Bytes& b, std::uint64_t v, int bytes, bool little) {
  for (int i = 0; i < bytes; ++i) {
    const int shift = 8 * (little ? i : bytes - 1 - i);
    b.push_back(static_cast<unsigned char>((v >> shift) & 0xff));
  }
}
void put_double(Bytes& b, double d, bool little) { put(b, std::bit_cast<std::uint64_t>(d), 8, little); }

/// GeoPackage header: magic, version 0, flags, srs_id 28992.
Bytes header(unsigned char flags) {
  Bytes b = {'G', 'P', 0, flags};
  put(b, 28992, 4, flags & 1);
  return b;
}

void check_envelope(const std::optional<kvo::io::Envelope>& e, double minx, double maxx, double miny, double maxy) {
  REQUIRE(e);
  CHECK(e->minx == minx);
  CHECK(e->maxx == maxx);
  CHECK(e->miny == miny);
  CHECK(e->maxy == maxy);
}

}  // namespace

TEST_CASE("A point blob as GDAL writes it (no envelope) yields the point", "[io][gpkg_blob]") {
  // Written by GDAL 3.6 for RD New (155909.94, 407734.56): 'GP', v0, flags 0x01, srs 28992, WKB point.
  const Bytes blob = from_hex("47500001407100000101000000" "52B81E852F080341" "D7A3703DDAE21841");
  check_envelope(gpkg_blob_envelope(blob), 155909.94, 155909.94, 407734.56, 407734.56);
}

TEST_CASE("The header envelope is used when present, in either byte order", "[io][gpkg_blob]") {
  for (const bool little : {true, false}) {
    Bytes b = header(static_cast<unsigned char>((1 << 1) | (little ? 1 : 0)));  // envelope code 1: minx, maxx, miny, maxy
    for (double d : {10.0, 20.0, 30.0, 45.5}) put_double(b, d, little);
    b.push_back(1);  // WKB that must not be needed: a truncated polygon
    check_envelope(gpkg_blob_envelope(b), 10.0, 20.0, 30.0, 45.5);
  }
}

TEST_CASE("Without an envelope the WKB is walked: polygon and 3D multipolygon", "[io][gpkg_blob]") {
  SECTION("little-endian polygon") {
    Bytes b = header(0x01);
    b.push_back(1);
    put(b, 3, 4, true);  // polygon
    put(b, 1, 4, true);  // one ring
    put(b, 4, 4, true);  // four points
    for (auto [x, y] : {std::pair{1.0, 5.0}, {4.0, 2.0}, {3.0, 9.0}, {1.0, 5.0}}) {
      put_double(b, x, true);
      put_double(b, y, true);
    }
    check_envelope(gpkg_blob_envelope(b), 1.0, 4.0, 2.0, 9.0);
  }
  SECTION("big-endian ISO Z multipolygon of two triangles: z is skipped") {
    Bytes b = header(0x00);
    b.push_back(0);
    put(b, 1006, 4, false);  // MultiPolygon Z
    put(b, 2, 4, false);
    for (double off : {0.0, 100.0}) {
      b.push_back(0);
      put(b, 1003, 4, false);  // Polygon Z
      put(b, 1, 4, false);
      put(b, 4, 4, false);
      for (auto [x, y] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {0.0, 0.0}}) {
        put_double(b, x + off, false);
        put_double(b, y - off, false);
        put_double(b, 1e9, false);  // z, far outside: must not enter the envelope
      }
    }
    check_envelope(gpkg_blob_envelope(b), 0.0, 101.0, -100.0, 1.0);
  }
}

TEST_CASE("Empty geometries have no envelope", "[io][gpkg_blob]") {
  CHECK_FALSE(gpkg_blob_envelope(header(0x11)));  // empty flag set
  Bytes b = header(0x01);
  b.push_back(1);
  put(b, 1, 4, true);
  put_double(b, NAN, true);
  put_double(b, NAN, true);  // POINT EMPTY as GDAL writes it
  CHECK_FALSE(gpkg_blob_envelope(b));
  Bytes nan_envelope = header(0x03);
  for (double d : {1.0, 2.0, static_cast<double>(NAN), 4.0}) put_double(nan_envelope, d, true);
  CHECK_FALSE(gpkg_blob_envelope(nan_envelope));  // a non-finite envelope is not indexed
}

TEST_CASE("Malformed blobs are an error, not a crash", "[io][gpkg_blob]") {
  CHECK_THROWS_AS(gpkg_blob_envelope(from_hex("4751000140710000")), kvo::io::IoError);        // bad magic
  CHECK_THROWS_AS(gpkg_blob_envelope(from_hex("475000014071")), kvo::io::IoError);            // short header
  CHECK_THROWS_AS(gpkg_blob_envelope(from_hex("47500001407100000101000000AA")), kvo::io::IoError);  // truncated point
  CHECK_THROWS_AS(gpkg_blob_envelope(from_hex("475000014071000001FF000000")), kvo::io::IoError);   // unknown type
}
