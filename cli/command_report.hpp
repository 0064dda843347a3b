#pragma once
// `kvo report OUT.gpkg -o report.html`: the self-contained HTML report (report/report_html.hpp).

#include <filesystem>
#include <iosfwd>
#include <string>

namespace kvo::cli {

/// What `kvo report` was asked for.
struct ReportCommand {
  std::filesystem::path gpkg;    ///< the kvo GeoPackage to report on
  std::filesystem::path output;  ///< -o; empty = OUT.html next to the GeoPackage
  std::string language;          ///< --language nl|en; empty = the spec's
};

/// Runs `kvo report`; 0 done, 1 failed (message on `err`, naming the file).
int command_report(const ReportCommand& command, std::ostream& out, std::ostream& err);

}  // namespace kvo::cli
