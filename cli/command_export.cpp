#include "cli/command_export.hpp"

#include <ostream>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "io/postgis/postgis_publish.hpp"
#include "report/table_export.hpp"

namespace kvo::cli {

int command_export(const ExportCommand& command, std::ostream& out) {
  if (io::is_postgis_target(command.output.string())) {
    // The GeoPackage as it is, layers, rasters and styles, into one PostGIS schema.
    io::read_gpkg_contents(command.gpkg);  // a kvo output, or a clear error
    const io::PostgisTarget pg = io::parse_postgis_target(command.output.string());
    const io::PublishResult r =
        io::publish_to_postgis(command.gpkg, pg, io::schema_name_from(command.gpkg.stem().string()));
    out << "ok  " << command.gpkg.string() << " -> " << pg.shown << " (schema " << r.schema << ": " << r.vector_tables
        << " tables, " << r.raster_tables << " rasters, " << r.styles << " styles)\n";
    return kExitOk;
  }
  std::filesystem::path workbook = command.output;
  if (workbook.empty()) workbook = std::filesystem::path(command.gpkg).replace_extension(".xlsx");
  io::export_workbook(command.gpkg, workbook, command.language);  // .xlsx or .ods, else a clear error
  out << "ok  " << command.gpkg.string() << " -> " << workbook.string() << "\n";
  return kExitOk;
}

}  // namespace kvo::cli
