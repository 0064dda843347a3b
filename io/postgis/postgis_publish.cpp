#include "io/postgis/postgis_publish.hpp"

#include <gdal_utils.h>

#include <stdlib.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "io/postgis/pg_connection.hpp"
#include "io/postgis/raster_wkb.hpp"

namespace kvo::io {

namespace fs = std::filesystem;
using detail::PgConnection;
using detail::PgParam;

namespace {

constexpr int kTile = 256;  // the GeoPackage's own tile size

struct GpkgTables {
  std::vector<std::string> vector, raster;
  std::vector<std::pair<std::string, std::string>> descriptions;  ///< table → gpkg_contents description
};

GpkgTables gpkg_tables(const fs::path& gpkg) {
  GpkgTables t;
  for (const auto& row : query_gpkg(gpkg,
                                    "SELECT table_name, data_type, description FROM gpkg_contents WHERE "
                                    "table_name <> 'layer_styles' ORDER BY rowid")) {
    if (row[1] == "features" || row[1] == "attributes")
      t.vector.push_back(row[0]);
    else if (row[1] == "2d-gridded-coverage")
      t.raster.push_back(row[0]);
    else
      continue;
    t.descriptions.emplace_back(row[0], row[2]);
  }
  return t;
}

std::string shown_at(const PostgisTarget& target, const std::string& schema) {
  return target.shown + " (schema " + schema + ")";
}

// PostGIS is there, or is made available when the user may create extensions.
void require_postgis(PgConnection& pg, bool rasters, const std::string& shown) {
  std::vector<std::string> wanted = {"postgis"};
  if (rasters) wanted.push_back("postgis_raster");
  for (const auto& ext : wanted) {
    if (!pg.query("SELECT 1 FROM pg_extension WHERE extname = $1", {ext}).empty()) continue;
    try {
      pg.exec("CREATE EXTENSION IF NOT EXISTS " + pg.identifier(ext));
    } catch (const IoError& e) {
      throw IoError("the database has no " + ext + " extension and kvo may not create it (" + e.message() +
                        "); ask the database owner to run CREATE EXTENSION " + ext + ";",
                    at(shown));
    }
  }
}

bool schema_exists(PgConnection& pg, const std::string& schema) {
  return !pg.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", {schema}).empty();
}

// An existing schema is replaced only when it is a kvo output (or empty).
void refuse_foreign_schema(PgConnection& pg, const std::string& schema, const std::string& shown) {
  if (!schema_exists(pg, schema)) return;
  const auto kvo = pg.query(
      "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname = 'run_manifest'",
      {schema});
  if (!kvo.empty()) return;
  const auto objects = pg.query(
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'f', 'p')",
      {schema});
  if (objects.at(0).at(0).value_or("0") != "0")
    throw ConfigError("schema '" + schema +
                          "' exists and is not a kvo output (it has tables but no run_manifest); kvo replaces "
                          "only its own schemas: choose another active_schema",
                      at(shown, 0, "active_schema"));
}

void copy_vector_tables(const fs::path& gpkg, const PostgisTarget& target, const std::string& staging,
                        const std::vector<std::string>& tables) {
  if (tables.empty()) return;
  detail::ensure_gdal_registered();
  detail::GdalErrorCollector errors;
  GDALDatasetUniquePtr src = detail::open_vector(gpkg);
  std::string dst_name = "PG:" + target.conninfo;
  if (target.conninfo.find("://") == std::string::npos) dst_name += " schemas=" + staging;
  GDALDatasetUniquePtr dst(GDALDataset::Open(dst_name.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!dst) throw IoError("cannot open the database with GDAL: " + errors.messages(), at(target.shown));
  std::vector<std::string> args = {"-lco", "GEOMETRY_NAME=geom", "-lco",         "FID=fid",
                                   "-lco", "LAUNDER=NO",         "-lco",         "SCHEMA=" + staging,
                                   "-lco", "SPATIAL_INDEX=GIST", "-preserve_fid"};
  args.insert(args.end(), tables.begin(), tables.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
  if (!options) throw IoError("GDAL refused the copy options: " + errors.messages());
  GDALDatasetH src_handle = GDALDataset::ToHandle(src.get());
  int usage_error = 0;
  GDALDatasetH out =
      GDALVectorTranslate(nullptr, GDALDataset::ToHandle(dst.get()), 1, &src_handle, options, &usage_error);
  GDALVectorTranslateOptionsFree(options);
  if (!out || usage_error || !errors.messages().empty())
    throw IoError("copying the layers into PostgreSQL failed: " + errors.messages(), at(target.shown));
  dst.reset();  // closing commits GDAL's last transaction
}

// COMMENT ON takes no parameters: the server quotes the literal itself (format %I, %L).
void comment_table(PgConnection& pg, const std::string& schema, const std::string& table, const std::string& text) {
  if (text.empty()) return;
  const auto sql =
      pg.query("SELECT format('COMMENT ON TABLE %I.%I IS %L', $1::text, $2::text, $3::text)", {schema, table, text});
  pg.exec(sql.at(0).at(0).value());
}

int run_srid(PgConnection& pg, const fs::path& gpkg, const std::string& staging, const std::string& raster) {
  const auto from_vectors =
      pg.query("SELECT srid FROM geometry_columns WHERE f_table_schema = $1 AND srid > 0 LIMIT 1", {staging});
  if (!from_vectors.empty()) return std::stoi(from_vectors[0][0].value());
  const auto auth = query_gpkg(gpkg,
                               "SELECT s.organization, s.organization_coordsys_id FROM gpkg_tile_matrix_set t "
                               "JOIN gpkg_spatial_ref_sys s ON s.srs_id = t.srs_id WHERE t.table_name = " +
                                   sql_literal(raster));
  if (!auth.empty()) {
    const auto found =
        pg.query("SELECT srid FROM spatial_ref_sys WHERE upper(auth_name) = upper($1) AND auth_srid = $2::integer",
                 {auth[0][0], auth[0][1]});
    if (!found.empty()) return std::stoi(found[0][0].value());
  }
  throw IoError("the raster '" + raster + "' has a CRS that PostGIS's spatial_ref_sys does not list");
}

std::int64_t copy_raster(PgConnection& pg, const fs::path& gpkg, const std::string& staging, const std::string& table,
                         int srid) {
  detail::GdalErrorCollector errors;
  const std::string name = "GPKG:" + gpkg.string() + ":" + table;
  GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  if (!ds) throw IoError("cannot read raster '" + table + "': " + errors.messages(), at(gpkg.string()));
  const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
  double gt[6];
  ds->GetGeoTransform(gt);
  GDALRasterBand* band = ds->GetRasterBand(1);
  int has_nodata = 0;
  const auto nodata = static_cast<float>(band->GetNoDataValue(&has_nodata));
  // Tiles of 256 × 256 cells as raster2pgsql makes them: the last column and row of tiles
  // narrower, so the table covers exactly the GeoPackage raster's extent.
  const int tiles_x = (cols + kTile - 1) / kTile, tiles_y = (rows + kTile - 1) / kTile;
  std::vector<float> cells(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows), nodata);
  if (band->RasterIO(GF_Read, 0, 0, cols, rows, cells.data(), cols, rows, GDT_Float32, 0, 0) != CE_None)
    throw IoError("cannot read raster '" + table + "': " + errors.messages(), at(gpkg.string()));
  const std::string qualified = pg.identifier(staging) + "." + pg.identifier(table);
  pg.exec("CREATE TABLE " + qualified + " (rid integer PRIMARY KEY, rast raster)");
  pg.exec("BEGIN");
  std::int64_t written = 0;
  for (int ty = 0; ty < tiles_y; ++ty)
    for (int tx = 0; tx < tiles_x; ++tx) {
      RasterTile tile;
      tile.west = gt[0] + gt[1] * tx * kTile;
      tile.north = gt[3] + gt[5] * ty * kTile;
      tile.cell_size = gt[1];
      tile.srid = srid;
      tile.width = std::min(kTile, cols - tx * kTile);
      tile.height = std::min(kTile, rows - ty * kTile);
      tile.nodata = nodata;
      tile.cells = cells.data() + static_cast<std::size_t>(ty) * kTile * static_cast<std::size_t>(cols) +
                   static_cast<std::size_t>(tx) * kTile;
      tile.row_stride = static_cast<std::size_t>(cols);
      if (tile_is_empty(tile)) continue;
      pg.exec("INSERT INTO " + qualified + " (rid, rast) VALUES ($1::integer, ST_RastFromWKB($2::bytea))",
              {PgParam{std::to_string(ty * tiles_x + tx + 1), false}, PgParam{raster_wkb(tile), true}});
      ++written;
    }
  pg.exec("COMMIT");
  pg.exec("CREATE INDEX ON " + qualified + " USING gist (ST_ConvexHull(rast))");
  if (written > 0)
    // srid, scale x/y, (not block size x/y: edge tiles differ), same alignment, (not regular
    // blocking), bands, pixel types, nodata, out-db, extent.
    pg.query(
        "SELECT AddRasterConstraints($1::name, $2::name, 'rast'::name, true, true, true, false, false, true, "
        "false, true, true, true, true, true)",
        {staging, table});
  return written;
}

struct StyleRow {
  std::string table, geometry_column, name, qml, sld, as_default, description, owner, ui;
};

std::vector<StyleRow> gpkg_styles(const fs::path& gpkg, const GpkgTables& tables) {
  std::vector<StyleRow> out;
  if (query_gpkg(gpkg, "SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").empty()) return out;
  for (auto& r : query_gpkg(gpkg,
                            "SELECT f_table_name, f_geometry_column, styleName, styleQML, styleSLD, "
                            "useAsDefault, description, owner, ui FROM layer_styles ORDER BY id")) {
    StyleRow s{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]};
    if (std::find(tables.raster.begin(), tables.raster.end(), s.table) != tables.raster.end())
      s.geometry_column = "rast";
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::string> null_if_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// QGIS's own definition of the table (QGIS creates it the same way when it saves a style).
void ensure_layer_styles(PgConnection& pg) {
  pg.exec(
      "CREATE TABLE IF NOT EXISTS public.layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, "
      "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, "
      "stylesld xml, useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, "
      "update_time timestamp DEFAULT CURRENT_TIMESTAMP)");
}

// The first `max` characters of UTF-8 text (PostgreSQL's varchar(n) counts characters).
std::string first_characters(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == max) return text.substr(0, i);
  }
  return text;
}

// A layer_styles table made by an older QGIS or by hand may limit stylename and owner to
// varchar(30): names are shortened to fit rather than failing the run.
std::size_t column_limit(PgConnection& pg, const std::string& column) {
  const auto rows = pg.query(
      "SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = "
      "'public' AND table_name = 'layer_styles' AND column_name = $1",
      {column});
  if (rows.empty() || !rows[0][0]) return std::string::npos;
  return static_cast<std::size_t>(std::stoul(*rows[0][0]));
}

int replace_styles(PgConnection& pg, const std::string& schema, const std::vector<StyleRow>& styles) {
  const std::size_t name_limit = column_limit(pg, "stylename"), owner_limit = column_limit(pg, "owner");
  pg.query("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = $1",
           {schema});
  for (const auto& s : styles)
    pg.exec(
        "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
        "stylename, styleqml, stylesld, useasdefault, description, owner, ui) VALUES (current_database(), $1, "
        "$2, $3, $4, $5::xml, $6::xml, $7::boolean, $8, $9, $10::xml)",
        {PgParam{schema}, PgParam{s.table}, PgParam{null_if_empty(s.geometry_column)},
         PgParam{first_characters(s.name, name_limit)}, PgParam{s.qml}, PgParam{null_if_empty(s.sld)},
         PgParam{s.as_default == "1" ? "true" : "false"}, PgParam{null_if_empty(s.description)},
         PgParam{null_if_empty(first_characters(s.owner, owner_limit))}, PgParam{null_if_empty(s.ui)}});
  return static_cast<int>(styles.size());
}

}  // namespace

void check_postgis_target(const PostgisTarget& target, const std::string& fallback) {
  const std::string schema = resolved_schema(target, fallback);
  PgConnection pg(target.conninfo, shown_at(target, schema));
  require_postgis(pg, false, shown_at(target, schema));
  refuse_foreign_schema(pg, schema, shown_at(target, schema));
}

PublishStaging::PublishStaging() {
  std::string pattern = (fs::temp_directory_path() / "kvo-publish-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw IoError("cannot create a temporary folder", at(pattern));
  dir_ = pattern;
}

PublishStaging::~PublishStaging() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

PublishResult publish_to_postgis(const fs::path& gpkg, const PostgisTarget& target, const std::string& fallback) {
  PublishResult result;
  result.schema = resolved_schema(target, fallback);
  const std::string& schema = result.schema;
  const std::string shown = shown_at(target, schema);
  const std::string staging = schema + "_kvo_new";
  const GpkgTables tables = gpkg_tables(gpkg);
  const std::vector<StyleRow> styles = gpkg_styles(gpkg, tables);

  PgConnection pg(target.conninfo, shown);
  // Two runs into the same schema take turns (released when the connection closes).
  pg.query("SELECT pg_advisory_lock(hashtext($1))", {"kvo output " + schema});
  require_postgis(pg, !tables.raster.empty(), shown);
  refuse_foreign_schema(pg, schema, shown);
  pg.exec("DROP SCHEMA IF EXISTS " + pg.identifier(staging) + " CASCADE");  // a killed run's
  pg.exec("CREATE SCHEMA " + pg.identifier(staging));
  try {
    copy_vector_tables(gpkg, target, staging, tables.vector);
    for (const auto& raster : tables.raster) {
      result.raster_tiles += copy_raster(pg, gpkg, staging, raster, run_srid(pg, gpkg, staging, raster));
      ++result.raster_tables;
    }
    for (const auto& [table, description] : tables.descriptions) comment_table(pg, staging, table, description);
    result.vector_tables = static_cast<int>(tables.vector.size());
    ensure_layer_styles(pg);
    pg.exec("BEGIN");
    pg.exec("DROP SCHEMA IF EXISTS " + pg.identifier(schema) + " CASCADE");
    pg.exec("ALTER SCHEMA " + pg.identifier(staging) + " RENAME TO " + pg.identifier(schema));
    result.styles = replace_styles(pg, schema, styles);
    pg.exec("COMMIT");
  } catch (...) {
    try {
      pg.exec("ROLLBACK");  // only a warning when no transaction is open
      pg.exec("DROP SCHEMA IF EXISTS " + pg.identifier(staging) + " CASCADE");
    } catch (...) {  // the first error is the one to report
    }
    throw;
  }
  return result;
}

}  // namespace kvo::io
