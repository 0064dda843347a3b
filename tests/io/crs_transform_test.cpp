#include <catch2/catch.hpp>

#include "io/core/crs_transform.hpp"
#include "io/core/errors.hpp"

using namespace kvo::io;

// The RD New origin: Amersfoort, the Onze Lieve Vrouwetoren, at WGS84 52.15517 N 5.38721 E,
// is RD (155000, 463000) by definition (Kadaster, RDNAPTRANS).
TEST_CASE("WGS84 lon/lat of Amersfoort transforms to RD New near 155000, 463000", "[io][crs]") {
  CrsTransform t("EPSG:4326", "EPSG:28992");
  double x = 5.38721, y = 52.15517;  // GIS order: longitude first
  t.transform(&x, &y, 1);
  CHECK(x == Approx(155000).margin(5));
  CHECK(y == Approx(463000).margin(5));
}

TEST_CASE("RD New transforms back to WGS84 in longitude-latitude order", "[io][crs]") {
  CrsTransform t("EPSG:28992", "EPSG:4326");
  double x = 155000, y = 463000;
  t.transform(&x, &y, 1);
  CHECK(x == Approx(5.38721).margin(1e-4));
  CHECK(y == Approx(52.15517).margin(1e-4));
}

TEST_CASE("the same CRS is an identity and unknown CRSs are input errors", "[io][crs]") {
  CrsTransform same("EPSG:28992", "EPSG:28992");
  CHECK(same.is_identity());
  double x = 1, y = 2;
  same.transform(&x, &y, 1);
  CHECK(x == 1);
  CHECK_THROWS_AS(CrsTransform("EPSG:999999", "EPSG:28992"), InputError);
  CHECK(is_geographic_crs("EPSG:4326"));
  CHECK_FALSE(is_geographic_crs("EPSG:28992"));
}
