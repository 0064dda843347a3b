#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <random>
#include <string>
#include <vector>

#include "io/gpkg/gpkg_reader.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "support/temp_dir.hpp"

using kvo::io::query_gpkg;
using kvo::io::sql_literal;

namespace {

const std::string kPoints = "punten 't Zand \"oost\"";  // quotes of both kinds in a table name

struct Written {
  std::vector<double> x, y;
};

/// Writes a point layer (random points), a polygon layer, an empty point layer and a table.
Written write_sample(const std::filesystem::path& path) {
  Written w;
  kvo::io::GpkgWriter out(path, "EPSG:28992");
  {
    auto layer = out.create_layer(kPoints, kvo::io::GeometryKind::point, {{"n", kvo::io::FieldType::integer, ""}});
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> ux(150000, 152000), uy(400000, 402000);
    for (int i = 0; i < 3000; ++i) {
      w.x.push_back(ux(rng));
      w.y.push_back(uy(rng));
      layer.set(0, static_cast<std::int64_t>(i));
      layer.set_point(w.x.back(), w.y.back());
      layer.write();
    }
  }
  {
    auto layer = out.create_layer("vlakken", kvo::io::GeometryKind::polygon, {});
    layer.set_polygon({{150000, 400000}, {150500, 400000}, {150500, 400500}, {150000, 400500}});
    layer.write();
    layer.set_polygon({{151000, 401000}, {152000, 401000}, {151500, 402000}});
    layer.write();
  }
  out.create_layer("leeg", kvo::io::GeometryKind::point, {});
  {
    auto table = out.create_layer("tabel", kvo::io::GeometryKind::none, {{"t", kvo::io::FieldType::text, ""}});
    table.set(0, std::string_view("x"));
    table.write();
  }
  out.commit();
  return w;
}

std::string rtreecheck(const std::filesystem::path& path, const std::string& table) {
  return query_gpkg(path, "SELECT rtreecheck(" + sql_literal("rtree_" + table + "_geom") + ")")[0][0];
}

GIntBig count_in(OGRLayer* layer, double x0, double y0, double x1, double y1) {
  layer->SetSpatialFilterRect(x0, y0, x1, y1);
  const GIntBig n = layer->GetFeatureCount(TRUE);
  layer->SetSpatialFilter(nullptr);
  return n;
}

}  // namespace

TEST_CASE("Spatial layers get a bulk-loaded R-tree that SQLite and GDAL accept", "[io][gpkg][rtree]") {
  kvo::test::TempDir dir;
  const auto path = dir.path() / "index 't Zand.gpkg";
  const Written w = write_sample(path);

  CHECK(rtreecheck(path, kPoints) == "ok");
  CHECK(rtreecheck(path, "vlakken") == "ok");
  CHECK(rtreecheck(path, "leeg") == "ok");
  CHECK(query_gpkg(path, "SELECT count(*) FROM " + std::string("\"rtree_punten 't Zand \"\"oost\"\"_geom\""))[0][0] == "3000");
  CHECK(query_gpkg(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree_tabel%'")[0][0] == "0");
  const auto ext = query_gpkg(path,
      "SELECT table_name, column_name, scope FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index' ORDER BY table_name");
  REQUIRE(ext.size() == 3);
  CHECK(ext[0] == std::vector<std::string>{"leeg", "geom", "write-only"});
  CHECK(ext[1][0] == kPoints);
  CHECK(ext[2][0] == "vlakken");
  CHECK(query_gpkg(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_vlakken_geom_%'")[0][0] == "6");

  // GDAL uses the index for spatial filters, and finds what a brute-force scan finds.
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR));
  REQUIRE(ds);
  OGRLayer* points = ds->GetLayerByName(kPoints.c_str());
  REQUIRE(points);
  CHECK(points->TestCapability(OLCFastSpatialFilter));
  for (const auto& box : {std::array<double, 4>{150200, 400300, 150900, 401100}, {151990, 401990, 153000, 403000},
                          {140000, 390000, 140001, 390001}}) {
    GIntBig brute = 0;
    for (std::size_t i = 0; i < w.x.size(); ++i)
      brute += w.x[i] >= box[0] && w.x[i] <= box[2] && w.y[i] >= box[1] && w.y[i] <= box[3];
    CHECK(count_in(points, box[0], box[1], box[2], box[3]) == brute);
  }
  OGRLayer* polygons = ds->GetLayerByName("vlakken");
  CHECK(polygons->TestCapability(OLCFastSpatialFilter));
  CHECK(count_in(polygons, 150400, 400400, 150450, 400450) == 1);
  CHECK(count_in(polygons, 149000, 399000, 153000, 403000) == 2);
}

TEST_CASE("The index follows later edits through GDAL's triggers", "[io][gpkg][rtree]") {
  kvo::test::TempDir dir;
  const auto path = dir.path() / "edit.gpkg";
  write_sample(path);
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName(kPoints.c_str());
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetGeometryDirectly(new OGRPoint(160000, 410000));
    REQUIRE(layer->CreateFeature(f.get()) == OGRERR_NONE);
    REQUIRE(layer->DeleteFeature(1) == OGRERR_NONE);
  }
  CHECK(rtreecheck(path, kPoints) == "ok");
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR));
  OGRLayer* layer = ds->GetLayerByName(kPoints.c_str());
  CHECK(count_in(layer, 159999, 409999, 160001, 410001) == 1);
  CHECK(count_in(layer, 0, 0, 1e6, 1e6) == 3000);  // one added, one deleted
}
