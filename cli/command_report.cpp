#include "cli/command_report.hpp"

#include <ostream>

#include "cli/run.hpp"
#include "report/report_html.hpp"

namespace kvo::cli {

int command_report(const ReportCommand& command, std::ostream& out, std::ostream& /*err*/) {
  std::filesystem::path html = command.output;
  if (html.empty()) html = std::filesystem::path(command.gpkg).replace_extension(".html");
  io::write_report(command.gpkg, html, {command.language, {}});
  out << "ok  " << command.gpkg.string() << " -> " << html.string() << "\n";
  return kExitOk;
}

}  // namespace kvo::cli
