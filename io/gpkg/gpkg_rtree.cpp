#include "io/gpkg/gpkg_rtree.hpp"

#include <sqlite3.h>

#include <memory>

#include "io/core/errors.hpp"
#include "io/gpkg/gpkg_blob.hpp"
#include "io/gpkg/rtree_pack.hpp"
#include "io/gpkg/sql_text.hpp"

namespace kvo::io {

namespace {

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

class Connection {
 public:
  explicit Connection(const std::filesystem::path& path) : path_(path.string()) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) fail("cannot open for indexing");
  }
  void exec(const std::string& sql) {
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail("SQL failed");
  }
  Stmt prepare(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) fail("SQL failed");
    return Stmt(raw);
  }
  /// Steps a statement that returns no row and resets it for the next bindings.
  void run(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) fail("SQL failed");
    sqlite3_reset(s);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw IoError("spatial index: " + what + ": " + (db_ ? sqlite3_errmsg(db_.get()) : "out of memory"), at(path_));
  }

 private:
  std::string path_;
  Db db_;
};

std::string rtree_name(const SpatialTable& t) {
  return "rtree_" + t.table + "_" + t.geometry_column;
}

/// The triggers that keep the index in step with later edits, as GDAL 3.6 writes them
/// (GeoPackage 1.2 extension F.3).
std::string trigger_sql(const SpatialTable& t) {
  const std::string r = rtree_name(t);
  const std::string tbl = sql_identifier(t.table), g = sql_identifier(t.geometry_column),
                    fid = sql_identifier(t.fid_column), rt = sql_identifier(r);
  const std::string insert_new = "INSERT OR REPLACE INTO " + rt + " VALUES (NEW." + fid + ",ST_MinX(NEW." + g +
                                 "), ST_MaxX(NEW." + g + "),ST_MinY(NEW." + g + "), ST_MaxY(NEW." + g + "));";
  std::string sql;
  sql += "CREATE TRIGGER " + sql_identifier(r + "_insert") + " AFTER INSERT ON " + tbl + " WHEN (new." + g +
         " NOT NULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN " + insert_new + " END;";
  sql += "CREATE TRIGGER " + sql_identifier(r + "_update1") + " AFTER UPDATE OF " + g + " ON " + tbl + " WHEN OLD." +
         fid + " = NEW." + fid + " AND (NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN " + insert_new +
         " END;";
  sql += "CREATE TRIGGER " + sql_identifier(r + "_update2") + " AFTER UPDATE OF " + g + " ON " + tbl + " WHEN OLD." +
         fid + " = NEW." + fid + " AND (NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + rt +
         " WHERE id = OLD." + fid + "; END;";
  sql += "CREATE TRIGGER " + sql_identifier(r + "_update3") + " AFTER UPDATE ON " + tbl + " WHEN OLD." + fid +
         " != NEW." + fid + " AND (NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + rt +
         " WHERE id = OLD." + fid + "; " + insert_new + " END;";
  sql += "CREATE TRIGGER " + sql_identifier(r + "_update4") + " AFTER UPDATE ON " + tbl + " WHEN OLD." + fid +
         " != NEW." + fid + " AND (NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + rt +
         " WHERE id IN (OLD." + fid + ", NEW." + fid + "); END;";
  sql += "CREATE TRIGGER " + sql_identifier(r + "_delete") + " AFTER DELETE ON " + tbl + " WHEN old." + g +
         " NOT NULL BEGIN DELETE FROM " + rt + " WHERE id = OLD." + fid + "; END;";
  return sql;
}

std::vector<RtreeEntry> read_entries(Connection& db, const SpatialTable& t) {
  std::vector<RtreeEntry> entries;
  Stmt count = db.prepare("SELECT count(*) FROM " + sql_identifier(t.table));
  if (sqlite3_step(count.get()) == SQLITE_ROW)
    entries.reserve(static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0)));
  Stmt rows = db.prepare("SELECT " + sql_identifier(t.fid_column) + ", " + sql_identifier(t.geometry_column) +
                         " FROM " + sql_identifier(t.table));
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW) {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(rows.get(), 1));
    const int size = sqlite3_column_bytes(rows.get(), 1);
    if (!data) continue;  // NULL geometry: not indexed
    if (auto e = gpkg_blob_envelope({data, static_cast<std::size_t>(size)}))
      entries.push_back(rtree_entry(sqlite3_column_int64(rows.get(), 0), *e));
  }
  if (rc != SQLITE_DONE) db.fail("cannot read " + t.table);
  return entries;
}

void fill_index(Connection& db, const SpatialTable& t) {
  const std::string r = rtree_name(t);
  std::size_t node_bytes = 0;
  {
    Stmt size = db.prepare("SELECT length(data) FROM " + sql_identifier(r + "_node") + " WHERE nodeno = 1");
    if (sqlite3_step(size.get()) == SQLITE_ROW)
      node_bytes = static_cast<std::size_t>(sqlite3_column_int64(size.get(), 0));
  }
  if (node_bytes == 0) db.fail("no root node in " + r);
  db.exec("DELETE FROM " + sql_identifier(r + "_node"));
  Stmt node = db.prepare("INSERT INTO " + sql_identifier(r + "_node") + "(nodeno, data) VALUES (?, ?)");
  Stmt parent = db.prepare("INSERT INTO " + sql_identifier(r + "_parent") + "(nodeno, parentnode) VALUES (?, ?)");
  Stmt rowid = db.prepare("INSERT INTO " + sql_identifier(r + "_rowid") + "(rowid, nodeno) VALUES (?, ?)");
  RtreeSink sink;
  sink.node = [&](std::int64_t no, std::span<const unsigned char> data) {
    sqlite3_bind_int64(node.get(), 1, no);
    sqlite3_bind_blob(node.get(), 2, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
    db.run(node.get());
  };
  sink.parent = [&](std::int64_t no, std::int64_t up) {
    sqlite3_bind_int64(parent.get(), 1, no);
    sqlite3_bind_int64(parent.get(), 2, up);
    db.run(parent.get());
  };
  sink.rowid = [&](std::int64_t id, std::int64_t no) {
    sqlite3_bind_int64(rowid.get(), 1, id);
    sqlite3_bind_int64(rowid.get(), 2, no);
    db.run(rowid.get());
  };
  pack_rtree(read_entries(db, t), node_bytes, sink);
}

}  // namespace

void write_spatial_indexes(const std::filesystem::path& gpkg, const std::vector<SpatialTable>& tables) {
  if (tables.empty()) return;
  // The virtual tables are created and committed on one connection, and filled through
  // their shadow tables on a fresh one, so no open R-tree object holds stale state.
  {
    Connection db(gpkg);
    db.exec("BEGIN");
    db.exec(
        "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
        "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
        "extension_name))");
    for (const auto& t : tables) {
      db.exec("CREATE VIRTUAL TABLE " + sql_identifier(rtree_name(t)) + " USING rtree(id, minx, maxx, miny, maxy)");
      db.exec("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (" +
              sql_literal(t.table) + ", " + sql_literal(t.geometry_column) +
              ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
    }
    db.exec("COMMIT");
  }
  Connection db(gpkg);
  db.exec("BEGIN");
  for (const auto& t : tables) {
    fill_index(db, t);
    db.exec(trigger_sql(t));
  }
  db.exec("COMMIT");
}

}  // namespace kvo::io
