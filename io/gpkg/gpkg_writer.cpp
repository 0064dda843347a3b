#include "io/gpkg/gpkg_writer.hpp"

#include <signal.h>
#include <unistd.h>
#include <cmath>
#include <cstdlib>

#include <cerrno>

#include "engine/civil_time.hpp"
#include "io/core/clock.hpp"
#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/gpkg_rtree.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace {

OGRFieldType ogr_type(FieldType t) {
  switch (t) {
    case FieldType::integer:
      return OFTInteger;
    case FieldType::integer64:
      return OFTInteger64;
    case FieldType::real:
      return OFTReal;
    case FieldType::text:
      return OFTString;
    case FieldType::datetime:
      return OFTDateTime;
    case FieldType::date:
      return OFTDate;
  }
  return OFTString;
}

OGRwkbGeometryType ogr_geometry(GeometryKind g) {
  switch (g) {
    case GeometryKind::none:
      return wkbNone;
    case GeometryKind::point:
      return wkbPoint;
    case GeometryKind::polygon:
      return wkbPolygon;
    case GeometryKind::multipolygon:
      return wkbMultiPolygon;
  }
  return wkbNone;
}

OGRLinearRing make_ring(const std::vector<engine::Point>& pts) {
  OGRLinearRing ring;
  ring.setNumPoints(static_cast<int>(pts.size()));
  for (std::size_t i = 0; i < pts.size(); ++i) ring.setPoint(static_cast<int>(i), pts[i].x(), pts[i].y());
  ring.closeRings();
  return ring;
}

// GeoPackage and QGIS expect counter-clockwise outer rings is not required; keep Boost's
// rings as they are (OGC simple features allow either) but make sure each is closed.
OGRPolygon make_polygon(const engine::Polygon& poly) {
  OGRPolygon out;
  out.addRing(std::make_unique<OGRLinearRing>(make_ring({poly.outer().begin(), poly.outer().end()})).get());
  for (const auto& inner : poly.inners())
    out.addRing(std::make_unique<OGRLinearRing>(make_ring({inner.begin(), inner.end()})).get());
  return out;
}

}  // namespace

struct LayerWriter::Impl {
  OGRLayer* layer = nullptr;
  OGRFeatureUniquePtr feature;
  std::string name;
  std::int64_t count = 0;
  std::string text;
};

LayerWriter::LayerWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayerWriter::~LayerWriter() = default;
LayerWriter::LayerWriter(LayerWriter&&) noexcept = default;
LayerWriter& LayerWriter::operator=(LayerWriter&&) noexcept = default;

void LayerWriter::set(int field, std::int64_t value) {
  impl_->feature->SetField(field, static_cast<GIntBig>(value));
}
void LayerWriter::set(int field, double value) {
  if (std::isfinite(value))
    impl_->feature->SetField(field, value);
  else
    impl_->feature->SetFieldNull(field);
}
void LayerWriter::set(int field, std::string_view value) {
  impl_->text.assign(value);  // reused buffer: OGR wants a NUL-terminated string
  impl_->feature->SetField(field, impl_->text.c_str());
}
void LayerWriter::set_datetime(int field, std::int64_t utc) {
  const auto day = static_cast<std::int32_t>(engine::floor_div(utc, 86400));
  const auto date = engine::civil_from_days(day);
  const auto sod = static_cast<int>(utc - static_cast<std::int64_t>(day) * 86400);
  impl_->feature->SetField(field, date.year, static_cast<int>(date.month), static_cast<int>(date.day), sod / 3600,
                           (sod / 60) % 60, static_cast<float>(sod % 60), 100 /* UTC */);
}
void LayerWriter::set_null(int field) {
  impl_->feature->SetFieldNull(field);
}
void LayerWriter::set_point(double x, double y) {
  impl_->feature->SetGeometryDirectly(new OGRPoint(x, y));
}
void LayerWriter::set_polygon(const std::vector<engine::Point>& ring) {
  auto* poly = new OGRPolygon();
  OGRLinearRing r = make_ring(ring);
  poly->addRing(&r);
  impl_->feature->SetGeometryDirectly(poly);
}
void LayerWriter::set_multipolygon(const engine::MultiPolygon& geometry) {
  auto* mp = new OGRMultiPolygon();
  for (const auto& poly : geometry) {
    OGRPolygon p = make_polygon(poly);
    mp->addGeometry(&p);
  }
  impl_->feature->SetGeometryDirectly(mp);
}
void LayerWriter::write() {
  impl_->feature->SetFID(OGRNullFID);
  if (impl_->layer->CreateFeature(impl_->feature.get()) != OGRERR_NONE)
    throw IoError("cannot write a feature to layer '" + impl_->name + "': " + CPLGetLastErrorMsg());
  ++impl_->count;
  impl_->feature.reset(OGRFeature::CreateFeature(impl_->layer->GetLayerDefn()));
}
std::int64_t LayerWriter::written() const {
  return impl_->count;
}

struct GpkgWriter::Impl {
  fs::path target;
  fs::path temp;
  std::string crs;
  OGRSpatialReference srs;
  GDALDatasetUniquePtr ds;
  bool in_transaction = false;
  bool committed = false;
  bool pinned_date = false;           ///< OGR_CURRENT_DATE was set by this writer
  std::vector<SpatialTable> spatial;  ///< feature tables that get an R-tree at commit

  void open_vector() {
    if (ds) return;
    ds.reset(GDALDataset::Open(temp.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_UPDATE));
    if (!ds) throw IoError("cannot reopen the GeoPackage being written", at(temp.string()));
  }
  void end_transaction() {
    if (ds && in_transaction) {
      if (ds->CommitTransaction() != OGRERR_NONE)
        throw IoError(std::string("cannot commit to the GeoPackage: ") + CPLGetLastErrorMsg(), at(temp.string()));
      in_transaction = false;
    }
  }
  void close() {
    end_transaction();
    ds.reset();
  }
};

namespace {

// Temporaries ".STEM.tmp-PID.gpkg" (and their journals) that a killed run left next to
// the target: removed when process PID no longer exists. Another live run's are kept.
void remove_stale_temps(const fs::path& target) {
  const std::string prefix = "." + target.stem().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dot = rest.find(".gpkg");
    if (dot == 0 || dot == std::string::npos || rest.find_first_not_of("0123456789") != dot) continue;
    const std::string tail = rest.substr(dot);
    if (tail != ".gpkg" && tail != ".gpkg-journal" && tail != ".gpkg-wal" && tail != ".gpkg-shm") continue;
    const long pid = std::strtol(rest.substr(0, dot).c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    fs::remove(it->path(), rm);
  }
}

}  // namespace

GpkgWriter::GpkgWriter(fs::path target, const std::string& crs) : impl_(std::make_unique<Impl>()) {
  detail::ensure_gdal_registered();
  impl_->target = fs::absolute(target);
  impl_->crs = crs;
  const fs::path dir = impl_->target.parent_path();
  if (!fs::is_directory(dir)) throw IoError("the output folder does not exist", at(dir.string()));
  // Hidden, next to the target (same file system, so the final rename is atomic), and
  // still ending in .gpkg so GDAL accepts it when it is reopened.
  impl_->temp = dir / ("." + impl_->target.stem().string() + ".tmp-" + std::to_string(::getpid()) + ".gpkg");
  fs::remove(impl_->temp);
  remove_stale_temps(impl_->target);
  impl_->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (impl_->srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw IoError("unknown CRS '" + crs + "'");
  // Reproducible timestamps in gpkg_contents when SOURCE_DATE_EPOCH is set; scoped to this
  // writer's thread and lifetime (reset in the destructor).
  if (run_time_pinned()) {
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", iso_utc(run_time_utc()).c_str());
    impl_->pinned_date = true;
  }
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw IoError("GDAL has no GeoPackage driver");
  detail::GdalErrorCollector errors;
  impl_->ds.reset(driver->Create(impl_->temp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!impl_->ds) throw IoError("cannot create the GeoPackage: " + errors.messages(), at(impl_->temp.string()));
}

GpkgWriter::~GpkgWriter() {
  if (impl_ && impl_->pinned_date) CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
  if (impl_ && !impl_->committed) {
    impl_->ds.reset();  // no commit: the open transaction is rolled back
    std::error_code ec;
    fs::remove(impl_->temp, ec);
    fs::remove(fs::path(impl_->temp.string() + "-journal"), ec);
  }
}

const fs::path& GpkgWriter::temp_path() const {
  return impl_->temp;
}

LayerWriter GpkgWriter::create_layer(const std::string& name, GeometryKind geometry,
                                     const std::vector<FieldDef>& fields, const std::string& description) {
  impl_->open_vector();
  impl_->end_transaction();
  // The spatial index is bulk-loaded at commit (io/gpkg/gpkg_rtree.hpp), not filled row by row.
  std::vector<std::string> opts = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"};
  if (!description.empty()) opts.push_back("DESCRIPTION=" + description);
  opts.push_back("IDENTIFIER=" + name);
  std::vector<const char*> copts;
  for (const auto& o : opts) copts.push_back(o.c_str());
  copts.push_back(nullptr);
  detail::GdalErrorCollector errors;
  OGRLayer* layer = impl_->ds->CreateLayer(name.c_str(), geometry == GeometryKind::none ? nullptr : &impl_->srs,
                                           ogr_geometry(geometry), const_cast<char**>(copts.data()));
  if (!layer) throw IoError("cannot create layer '" + name + "': " + errors.messages(), at(impl_->temp.string()));
  for (const auto& f : fields) {
    OGRFieldDefn def(f.name.c_str(), ogr_type(f.type));
    if (!f.alias.empty()) def.SetAlternativeName(f.alias.c_str());
    if (layer->CreateField(&def) != OGRERR_NONE)
      throw IoError("cannot create field '" + f.name + "' in layer '" + name + "': " + errors.messages());
  }
  if (geometry != GeometryKind::none) impl_->spatial.push_back({name, "geom", "fid"});
  if (impl_->ds->StartTransaction() == OGRERR_NONE) impl_->in_transaction = true;
  auto impl = std::make_unique<LayerWriter::Impl>();
  impl->layer = layer;
  impl->name = name;
  impl->feature.reset(OGRFeature::CreateFeature(layer->GetLayerDefn()));
  return LayerWriter(std::move(impl));
}

void GpkgWriter::write_raster(const RasterDef& def, const std::vector<float>& data) {
  if (data.size() != static_cast<std::size_t>(def.columns) * static_cast<std::size_t>(def.rows))
    throw IoError("raster '" + def.name + "' has the wrong number of cells");
  impl_->close();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDatasetUniquePtr src(mem->Create("", def.columns, def.rows, 1, GDT_Float32, nullptr));
  double gt[6] = {def.origin_x, def.cell_size_m, 0, def.origin_y, 0, -def.cell_size_m};
  src->SetGeoTransform(gt);
  src->SetSpatialRef(&impl_->srs);
  GDALRasterBand* band = src->GetRasterBand(1);
  band->SetNoDataValue(def.nodata);
  if (!def.units.empty()) band->SetUnitType(def.units.c_str());
  if (band->RasterIO(GF_Write, 0, 0, def.columns, def.rows, const_cast<float*>(data.data()), def.columns, def.rows,
                     GDT_Float32, 0, 0) != CE_None)
    throw IoError("cannot fill raster '" + def.name + "'");
  const std::string table = "RASTER_TABLE=" + def.name;
  const std::string ident = "RASTER_IDENTIFIER=" + def.name;
  const std::string descr = "RASTER_DESCRIPTION=" + def.description;
  const std::string field = "FIELD_NAME=" + (def.band_name.empty() ? def.name : def.band_name);
  const std::string quantity = "QUANTITY_DEFINITION=" + (def.band_name.empty() ? def.name : def.band_name);
  const std::string uom = "UOM=" + def.units;
  const char* opts[] = {"APPEND_SUBDATASET=YES",
                        table.c_str(),
                        ident.c_str(),
                        descr.c_str(),
                        "TILE_FORMAT=TIFF",
                        "BLOCKSIZE=256",
                        field.c_str(),
                        quantity.c_str(),
                        def.units.empty() ? nullptr : uom.c_str(),
                        nullptr};
  detail::GdalErrorCollector errors;
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDatasetUniquePtr out(
      gpkg->CreateCopy(impl_->temp.string().c_str(), src.get(), FALSE, const_cast<char**>(opts), nullptr, nullptr));
  if (!out) throw IoError("cannot write raster '" + def.name + "': " + errors.messages(), at(impl_->temp.string()));
}

void GpkgWriter::execute_sql(const std::string& sql) {
  impl_->open_vector();
  impl_->end_transaction();
  detail::GdalErrorCollector errors;
  CPLErrorReset();
  { const detail::SqlResult result(*impl_->ds, sql, nullptr); }
  if (CPLGetLastErrorType() >= CE_Failure) throw IoError("SQL failed: " + errors.messages(), at(impl_->temp.string()));
}

void GpkgWriter::commit() {
  impl_->close();
  write_spatial_indexes(impl_->temp, impl_->spatial);
  std::error_code ec;
  // Replacing an output keeps its permissions (a 0600 file stays private).
  if (const auto st = fs::status(impl_->target, ec); !ec && fs::is_regular_file(st))
    fs::permissions(impl_->temp, st.permissions(), fs::perm_options::replace, ec);
  ec.clear();
  fs::rename(impl_->temp, impl_->target, ec);
  if (ec) throw IoError("cannot move the finished GeoPackage into place: " + ec.message(), at(impl_->target.string()));
  impl_->committed = true;
}

}  // namespace kvo::io
