#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/layer_styles_fixture.hpp"
#include "support/report_process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Opens the GeoPackage's project and each vector table with QGIS itself and prints what
// QGIS made of them as one JSON line.
const char* kQgisProbe = R"py(
import json, sys
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer, QgsMapLayerType
from qgis.PyQt.QtCore import QUrl, QUrlQuery
app = QgsApplication([], False)
app.initQgis()
path = sys.argv[1]
url = QUrl()
url.setScheme('geopackage')
url.setPath(path)
query = QUrlQuery()
query.addQueryItem('projectName', 'kvo')
url.setQuery(query)
project = QgsProject.instance()
out = {'read': project.read(url.toString()), 'crs': project.crs().authid(), 'layers': [], 'tables': {}}
for layer in project.mapLayers().values():
    item = {'name': layer.name(), 'valid': layer.isValid(), 'raster': layer.type() == QgsMapLayerType.RasterLayer}
    renderer = layer.renderer()
    item['renderer'] = renderer.type() if renderer is not None else ''
    out['layers'].append(item)
for table in sys.argv[2:]:
    layer = QgsVectorLayer(path + '|layername=' + table, table, 'ogr')
    aliases = [layer.attributeAlias(i) for i in range(len(layer.fields()))]
    renderer = layer.renderer()
    theme = layer.fields().indexOf('theme')
    shown = ''
    if theme >= 0 and layer.featureCount() > 0:
        setup = layer.editorWidgetSetup(theme)
        formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
        value = next(layer.getFeatures())[theme]
        shown = formatter.representValue(layer, theme, setup.config(), None, value) + '|' + str(value)
    out['tables'][table] = {'valid': layer.isValid(), 'aliased': any(aliases), 'theme_shown': shown,
                            'renderer': renderer.type() if renderer is not None else ''}
print('KVO-JSON ' + json.dumps(out))
app.exitQgis()
)py";

std::vector<std::string> vector_tables(const fs::path& gpkg) {
  std::vector<std::string> out;
  for (const auto& r : kvo::io::query_gpkg(gpkg, "SELECT table_name FROM gpkg_contents WHERE data_type IN "
                                                 "('features', 'attributes') AND table_name <> 'layer_styles'"))
    out.push_back(r[0]);
  return out;
}

}  // namespace

TEST_CASE("a kvo run output has a default QGIS style for every vector layer and an embedded project",
          "[e2e][qgis]") {
  TempDir dir;
  const fs::path spec = kvo::test::write_run_inputs(dir, "nl");
  const fs::path gpkg = dir.path() / "nulmeting.gpkg";
  std::ostringstream out, err;
  REQUIRE(kvo::cli::run({"run", spec.string(), "-o", gpkg.string(), "--quiet"}, out, err) == 0);
  const auto tables = vector_tables(gpkg);
  REQUIRE(tables.size() >= 4);
  for (const auto& t : tables) {
    INFO("layer " << t
                  << " needs a default row in layer_styles (pipeline/analysis.cpp must call io::write_qgis_styling)");
    const auto rows = kvo::io::query_gpkg(gpkg, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'layer_styles'");
    REQUIRE(rows[0][0] == "1");
    CHECK(kvo::io::query_gpkg(gpkg, "SELECT COUNT(*) FROM layer_styles WHERE useAsDefault = 1 AND f_table_schema = '' "
                                    "AND f_table_name = " + kvo::io::sql_literal(t))[0][0] == "1");
  }
  CHECK(kvo::io::query_gpkg(gpkg, "SELECT COUNT(*) FROM qgis_projects WHERE name = 'kvo'")[0][0] == "1");
  const std::string validator = kvo::test::gpkg_validator();
  if (!validator.empty()) {
    const auto v = kvo::test::run_command("/usr/bin/python3 " + kvo::test::shell_quote(validator) + " " +
                                              kvo::test::shell_quote(gpkg.string()),
                                          true);
    INFO(v.output);
    CHECK(v.status == 0);
  }
}

TEST_CASE("QGIS opens the embedded project headless with every layer valid and every table styled",
          "[e2e][qgis][slow]") {
  if (!fs::exists("/usr/bin/python3") || kvo::test::run_command("/usr/bin/python3 -c 'import qgis.core'").status != 0) {
    kvo::test::skip_test(
        "python3-qgis is not installed (Debian package python3-qgis): skipping the check that QGIS opens the "
        "embedded project");
  }
  TempDir dir;
  const fs::path gpkg = dir.path() / "vervolgmeting 2025.gpkg";
  kvo::test::write_fixture_gpkg(gpkg);
  const fs::path script = dir.write("probe.py", kQgisProbe);
  std::string command = "QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/python3 " + kvo::test::shell_quote(script.string()) +
                        " " + kvo::test::shell_quote(gpkg.string());
  const auto tables = vector_tables(gpkg);
  for (const auto& t : tables) command += " " + kvo::test::shell_quote(t);
  const auto r = kvo::test::run_command(command);
  const auto at = r.output.find("KVO-JSON ");
  INFO(r.output);
  REQUIRE(at != std::string::npos);
  const auto j = nlohmann::json::parse(r.output.substr(at + 9, r.output.find('\n', at) - at - 9));
  CHECK(j["read"] == true);
  CHECK(j["crs"] == "EPSG:28992");
  std::size_t rasters = 0;
  for (const auto& l : j["layers"]) {
    INFO("project layer " << l["name"]);
    CHECK(l["valid"] == true);
    if (l["raster"] == true) {
      ++rasters;
      CHECK(l["renderer"] == "singlebandpseudocolor");
    }
  }
  CHECK(rasters == 3);
  CHECK(j["layers"].size() >= tables.size() + rasters);
  // Opening a table on its own applies its default style from layer_styles.
  for (const auto& t : tables) {
    INFO("table " << t);
    CHECK(j["tables"][t]["valid"] == true);
    CHECK(j["tables"][t]["aliased"] == true);
  }
  CHECK(j["tables"]["hotspot_cells"]["renderer"] == "RuleRenderer");
  // Theme codes are shown by their readable names (the fixture's first hot spot row is theme 'all').
  CHECK(j["tables"]["hotspot_cells"]["theme_shown"] == "All themes|all");
  CHECK(j["tables"]["incidents"]["renderer"] == "categorizedSymbol");
}
