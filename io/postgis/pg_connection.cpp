#include "io/postgis/pg_connection.hpp"

#include <libpq-fe.h>

#include "io/core/errors.hpp"

namespace kvo::io::detail {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

PgConnection::PgConnection(const std::string& conninfo, const std::string& shown) : shown_(shown) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw IoError("cannot connect to PostgreSQL: " + why, at(shown_));
  }
  // Messages in a form we can show; no notices on stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  exec("SET client_min_messages = warning");
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

PgRows PgConnection::exec(const std::string& sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), lengths.data(),
                        formats.data(), 0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw IoError("PostgreSQL: " + trimmed(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_)), at(shown_));
  PgRows rows;
  const int n = PQntuples(r.get()), cols = PQnfields(r.get());
  rows.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < cols; ++c)
      row.push_back(PQgetisnull(r.get(), i, c) ? std::nullopt : std::optional<std::string>(PQgetvalue(r.get(), i, c)));
  }
  return rows;
}

PgRows PgConnection::query(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<PgParam> bound;
  for (const auto& p : params) bound.push_back({p, false});
  return exec(sql, bound);
}

std::string PgConnection::identifier(std::string_view name) const {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace kvo::io::detail
