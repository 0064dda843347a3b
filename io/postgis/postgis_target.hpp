#pragma once
// An output written to PostGIS: `-o "PG:dbname=kvo host=db active_schema=kvo_centrum"`.
// The text after "PG:" is a libpq connection string; GDAL's own keys (active_schema,
// schemas, tables) are taken out of it, and active_schema names the schema the run fills.

#include <string>
#include <string_view>

namespace kvo::io {

/// Where a run's output goes in PostgreSQL.
struct PostgisTarget {
  std::string conninfo;  ///< for libpq: the connection keys without GDAL's
  std::string schema;    ///< active_schema, or "" (the caller picks one)
  std::string shown;     ///< the target as given, its password replaced by ***
};

/// True for "PG:…" (the GDAL spelling of a PostgreSQL dataset).
[[nodiscard]] bool is_postgis_target(std::string_view target);

/// Parses "PG:key=value …" (values may be 'quoted' with \' and \\) or "PG:postgresql://…".
/// Throws ConfigError for an unterminated quote, a key without '=' or a bad schema name.
[[nodiscard]] PostgisTarget parse_postgis_target(const std::string& target);

/// The schema a target fills: its active_schema, else `fallback`. Throws ConfigError when
/// that is not a valid schema name.
[[nodiscard]] std::string resolved_schema(const PostgisTarget& target, const std::string& fallback);

/// A schema name kvo accepts: 1–48 lower-case ASCII letters, digits and _, starting with a
/// letter (it is safe unquoted in QGIS, GDAL connection strings and psql alike).
[[nodiscard]] bool valid_schema_name(std::string_view name);

/// A valid schema name made from any text (a spec file's stem): lower case, runs of other
/// characters as one _, "kvo_" in front when it does not start with a letter.
[[nodiscard]] std::string schema_name_from(std::string_view text);

/// The target with its password hidden (for messages and summaries).
[[nodiscard]] std::string redacted_target(const std::string& target);

}  // namespace kvo::io
