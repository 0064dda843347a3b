#pragma once
// A throw-away PostgreSQL + PostGIS server for one test (tests/support/postgis_server.sh),
// stopped and removed afterwards. Without the Debian packages the test is a ctest skip.

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "support/report_process.hpp"
#include "support/skip.hpp"

namespace kvo::test {

class PostgisServer {
 public:
  PostgisServer() {
    // Short and plain: a Unix socket path has at most 107 bytes.
    std::string pattern = (std::filesystem::temp_directory_path() / "kvo-pg-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) skip_test("cannot create a folder for the PostgreSQL server");
    dir_ = pattern;
    const auto started = run_command(shell_quote(script()) + " start " + shell_quote(dir_.string()), true);
    if (started.status == kSkipReturnCode) {
      remove();
      skip_test(started.output);
    }
    if (started.status != 0) {
      remove();
      throw std::runtime_error("the test PostgreSQL server did not start: " + started.output);
    }
    conninfo_ = started.output.substr(0, started.output.find('\n'));
  }
  ~PostgisServer() {
    run_command(shell_quote(script()) + " stop " + shell_quote(dir_.string()));
    remove();
  }
  PostgisServer(const PostgisServer&) = delete;
  PostgisServer& operator=(const PostgisServer&) = delete;

  /// The libpq connection string of the test database.
  [[nodiscard]] const std::string& conninfo() const { return conninfo_; }
  /// "PG:<conninfo>" plus extra keys, as kvo's -o takes it.
  [[nodiscard]] std::string target(const std::string& extra = {}) const {
    return "PG:" + conninfo_ + (extra.empty() ? "" : " " + extra);
  }
  /// The rows of a query, one per line, fields separated by '|' (psql -At).
  std::string psql(const std::string& sql) const {
    const auto r =
        run_command("psql -X -At -v ON_ERROR_STOP=1 -d " + shell_quote(conninfo_) + " -c " + shell_quote(sql), true);
    if (r.status != 0) throw std::runtime_error("psql failed: " + r.output);
    std::string out = r.output;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

 private:
  static std::string script() { return std::string(KVO_SOURCE_DIR) + "/tests/support/postgis_server.sh"; }
  void remove() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path dir_;
  std::string conninfo_;
};

}  // namespace kvo::test
