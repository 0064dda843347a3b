#pragma once
// Quoting text for SQL (SQLite, GeoPackage) and QGIS expressions, which share the rules:
// names of tables and fields go in double quotes, values in single quotes, and the quote
// character is doubled inside. Everything from data or specs goes through these.

#include <string>
#include <string_view>

namespace kvo::io {

/// A quoted SQL string literal ('…' with embedded quotes doubled), safe for any text.
std::string sql_literal(std::string_view text);

/// A quoted SQL identifier ("…" with embedded double quotes doubled), safe for any name.
std::string sql_identifier(std::string_view name);

}  // namespace kvo::io
