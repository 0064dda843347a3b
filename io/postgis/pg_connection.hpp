#pragma once
// Internal to io/postgis: one libpq connection (RAII) and its results, parameters always
// bound, never spliced into SQL text.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace kvo::io::detail {

/// The rows of a query as text (NULL as nullopt).
using PgRows = std::vector<std::vector<std::optional<std::string>>>;

/// A text or binary parameter of a statement; nullopt is NULL.
struct PgParam {
  std::optional<std::string> value;
  bool binary = false;
};

class PgConnection {
 public:
  /// Connects; throws IoError naming `shown` (the target without its password).
  PgConnection(const std::string& conninfo, const std::string& shown);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  /// Runs one statement with bound parameters ($1, $2, …); returns its rows. Throws IoError
  /// with the server's message.
  PgRows exec(const std::string& sql, const std::vector<PgParam>& params = {});
  /// exec() for text parameters only.
  PgRows query(const std::string& sql, const std::vector<std::string>& params);
  /// An identifier quoted for SQL ("name", embedded quotes doubled).
  [[nodiscard]] std::string identifier(std::string_view name) const;

 private:
  pg_conn* conn_ = nullptr;
  std::string shown_;
};

}  // namespace kvo::io::detail
