// GDAL writers for the demo: the KVO areas and schouw findings as GeoJSON (WGS84), the
// buurten as a shapefile (RD New) and the fire-brigade export as XLSX; for the country data
// set, polygons as GeoJSON in RD New.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <stdexcept>

#include "data/generator/country.hpp"
#include "data/generator/demo.hpp"

namespace kvo::gen {

namespace fs = std::filesystem;

namespace {

// EPSG:4833 "Amersfoort to WGS 84 (4)" (Helmert, about 1 m): the operation PROJ chooses
// when the NSGI RDNAPTRANS grids are not installed. Written out so that the demo's
// coordinates do not depend on which grids a machine happens to have.
constexpr const char* kRdToWgs84Pipeline =
    "+proj=pipeline "
    "+step +inv +proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 "
    "+x_0=155000 +y_0=463000 +ellps=bessel "
    "+step +proj=push +v_3 "
    "+step +proj=cart +ellps=bessel "
    "+step +proj=helmert +x=565.4171 +y=50.3319 +z=465.5524 +rx=0.398957388243134 +ry=-0.343987817378283 "
    "+rz=1.87740163998045 +s=4.0725 +convention=coordinate_frame "
    "+step +inv +proj=cart +ellps=WGS84 "
    "+step +proj=pop +v_3 "
    "+step +proj=unitconvert +xy_in=rad +xy_out=deg "
    "+step +proj=axisswap +order=2,1";

OGRSpatialReference srs(int epsg) {
  OGRSpatialReference s;
  if (s.importFromEPSG(epsg) != OGRERR_NONE) throw std::runtime_error("unknown EPSG code " + std::to_string(epsg));
  s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return s;
}

class Transformer {
 public:
  Transformer() : rd_(srs(28992)), wgs_(srs(4326)) {
    OGRCoordinateTransformationOptions options;
    if (!options.SetCoordinateOperation(kRdToWgs84Pipeline, false))
      throw std::runtime_error("PROJ rejected the RD → WGS84 pipeline");
    ct_.reset(OGRCreateCoordinateTransformation(&rd_, &wgs_, options));
    if (!ct_) throw std::runtime_error("cannot create the RD → WGS84 transformation");
  }
  Pt operator()(Pt p) const {
    double x = p.x, y = p.y;
    if (!ct_->Transform(1, &x, &y)) throw std::runtime_error("RD → WGS84 transformation failed");
    return {x, y};
  }

 private:
  OGRSpatialReference rd_, wgs_;
  std::unique_ptr<OGRCoordinateTransformation> ct_;
};

void remove_dataset(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (path.extension() == ".shp")
    for (const char* ext : {".shx", ".dbf", ".prj", ".cpg", ".qix"}) {
      fs::path p = path;
      fs::remove(p.replace_extension(ext), ec);
    }
}

GDALDatasetUniquePtr create(const char* driver_name, const fs::path& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (!driver) throw std::runtime_error(std::string("GDAL has no ") + driver_name + " driver");
  remove_dataset(path);
  GDALDatasetUniquePtr ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string() + ": " + CPLGetLastErrorMsg());
  return ds;
}

void add_field(OGRLayer* layer, const char* name, OGRFieldType type, int width = 0) {
  OGRFieldDefn fd(name, type);
  if (width) fd.SetWidth(width);
  if (layer->CreateField(&fd) != OGRERR_NONE) throw std::runtime_error(std::string("cannot create field ") + name);
}

void add(OGRLayer* layer, OGRFeatureUniquePtr& f) {
  if (layer->CreateFeature(f.get()) != OGRERR_NONE)
    throw std::runtime_error(std::string("cannot write a feature: ") + CPLGetLastErrorMsg());
}

OGRPolygon polygon(const Ring& ring, bool to_wgs84) {
  OGRLinearRing r;
  for (const Pt& p : ring) {
    const Pt q = to_wgs84 ? rd_to_wgs84(p) : p;
    r.addPoint(q.x, q.y);
  }
  r.closeRings();
  OGRPolygon poly;
  poly.addRing(&r);
  return poly;
}

// GDAL 3.6 has no GDALDataset::Close(): close, then look for an error it reported.
void close(GDALDatasetUniquePtr& ds, const fs::path& path) {
  CPLErrorReset();
  ds.reset();
  if (CPLGetLastErrorType() == CE_Failure)
    throw std::runtime_error("cannot finish writing " + path.string() + ": " + CPLGetLastErrorMsg());
}

}  // namespace

Pt rd_to_wgs84(Pt rd) {
  static const Transformer t;
  return t(rd);
}

void write_kvo_areas(const fs::path& path, const Town& town) {
  auto ds = create("GeoJSON", path);
  OGRSpatialReference wgs = srs(4326);
  const char* options[] = {"COORDINATE_PRECISION=7", "RFC7946=NO", nullptr};
  OGRLayer* layer = ds->CreateLayer("kvo_gebieden", &wgs, wkbPolygon, const_cast<char**>(options));
  if (!layer) throw std::runtime_error("cannot create layer in " + path.string());
  add_field(layer, "code", OFTString);
  add_field(layer, "naam", OFTString);
  add_field(layer, "soort", OFTString);
  for (const KvoArea* a : {&town.shopping, &town.business}) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("code", a->code.c_str());
    f->SetField("naam", a->name.c_str());
    f->SetField("soort", a->kind.c_str());
    OGRPolygon poly = polygon(a->drawn, true);
    f->SetGeometry(&poly);
    add(layer, f);
  }
  close(ds, path);
}

void write_buurten(const fs::path& path, const Town& town) {
  auto ds = create("ESRI Shapefile", path);
  OGRSpatialReference rd = srs(28992);
  // A fixed "last update" date keeps the .dbf byte-identical between runs.
  const char* options[] = {"ENCODING=UTF-8", "DBF_DATE_LAST_UPDATE=2025-12-31", "SPATIAL_INDEX=NO", nullptr};
  OGRLayer* layer = ds->CreateLayer("buurten", &rd, wkbPolygon, const_cast<char**>(options));
  if (!layer) throw std::runtime_error("cannot create layer in " + path.string());
  add_field(layer, "BU_CODE", OFTString, 10);
  add_field(layer, "BU_NAAM", OFTString, 60);
  for (const Buurt& b : town.buurten) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("BU_CODE", b.code.c_str());
    f->SetField("BU_NAAM", b.name.c_str());
    OGRPolygon poly = polygon(b.ring, false);
    if (!poly.IsValid()) throw std::runtime_error("buurt " + b.code + " is not a valid polygon");
    f->SetGeometry(&poly);
    add(layer, f);
  }
  close(ds, path);
}

void write_schouw(const fs::path& path, const SchouwFile& file) {
  auto ds = create("GeoJSON", path);
  OGRSpatialReference wgs = srs(4326);
  const char* options[] = {"COORDINATE_PRECISION=7", "RFC7946=NO", nullptr};
  OGRLayer* layer = ds->CreateLayer(fs::path(file.name).stem().string().c_str(), &wgs, wkbPoint,
                                    const_cast<char**>(options));
  if (!layer) throw std::runtime_error("cannot create layer in " + path.string());
  add_field(layer, "id", OFTString);
  add_field(layer, "datum", OFTString);
  add_field(layer, "categorie", OFTString);
  add_field(layer, "opmerking", OFTString);
  for (const SchouwRecord& r : file.rows) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("id", r.id.c_str());
    f->SetField("datum", r.date.c_str());
    f->SetField("categorie", r.category.c_str());
    f->SetField("opmerking", r.remark.c_str());
    if (r.has_geometry) {
      const Pt ll = rd_to_wgs84(r.p);
      OGRPoint pt(ll.x, ll.y);
      f->SetGeometry(&pt);
    }
    add(layer, f);
  }
  close(ds, path);
}

void write_fire_xlsx(const fs::path& path, const FireFile& file) {
  auto ds = create("XLSX", path);
  OGRLayer* layer = ds->CreateLayer("incidenten", nullptr, wkbNone, nullptr);
  if (!layer) throw std::runtime_error("cannot create sheet in " + path.string());
  add_field(layer, "incidentnummer", OFTString);
  add_field(layer, "starttijd", OFTString);
  add_field(layer, "meldingsclassificatie", OFTString);
  add_field(layer, "prioriteit", OFTInteger);
  add_field(layer, "breedtegraad", OFTReal);
  add_field(layer, "lengtegraad", OFTReal);
  for (const FireRecord& r : file.rows) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("incidentnummer", r.id.c_str());
    f->SetField("starttijd", r.start.c_str());
    f->SetField("meldingsclassificatie", r.classification.c_str());
    f->SetField("prioriteit", r.priority);
    if (r.has_coordinates) {
      f->SetField("breedtegraad", r.lat);
      f->SetField("lengtegraad", r.lon);
    }
    add(layer, f);
  }
  close(ds, path);
}

void write_rd_polygons(const fs::path& path, const std::string& layer_name, const std::vector<std::string>& fields,
                       const std::vector<TextPolygon>& polygons) {
  auto ds = create("GeoJSON", path);
  OGRSpatialReference rd = srs(28992);
  const char* options[] = {"COORDINATE_PRECISION=2", "RFC7946=NO", nullptr};
  OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), &rd, wkbPolygon, const_cast<char**>(options));
  if (!layer) throw std::runtime_error("cannot create layer in " + path.string());
  for (const std::string& name : fields) add_field(layer, name.c_str(), OFTString);
  for (const TextPolygon& p : polygons) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    for (std::size_t i = 0; i < fields.size(); ++i) f->SetField(static_cast<int>(i), p.values.at(i).c_str());
    OGRPolygon poly = polygon(p.ring, false);
    if (!poly.IsValid()) throw std::runtime_error(p.values.at(0) + " is not a valid polygon");
    f->SetGeometry(&poly);
    add(layer, f);
  }
  close(ds, path);
}

}  // namespace kvo::gen
