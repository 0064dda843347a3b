#include "cli/command_export.hpp"

#include <ostream>

#include "cli/run.hpp"
#include "io/gpkg/xlsx_export.hpp"

namespace kvo::cli {

int command_export(const ExportCommand& command, std::ostream& out) {
  std::filesystem::path xlsx = command.output;
  if (xlsx.empty()) xlsx = std::filesystem::path(command.gpkg).replace_extension(".xlsx");
  io::export_xlsx(command.gpkg, xlsx, command.language);
  out << "ok  " << command.gpkg.string() << " -> " << xlsx.string() << "\n";
  return kExitOk;
}

}  // namespace kvo::cli
