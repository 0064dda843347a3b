#include <catch2/catch.hpp>

#include <cpl_minixml.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <cstdlib>
#include <set>

#include "io/gpkg/gpkg_reader.hpp"
#include "qgis/qgis_project.hpp"
#include "support/layer_styles_fixture.hpp"
#include "support/report_process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;

namespace {

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// Unpacks one entry of a zip held in memory with GDAL's own zip reader (/vsizip/).
std::string unzip_entry(const std::string& zip, const std::string& entry, std::vector<std::string>* names = nullptr) {
  GDALAllRegister();
  const std::string mem = "/vsimem/qgis_project_test.zip";  // /vsizip/ knows archives by extension
  VSILFILE* f = VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(zip.data())),
                                     zip.size(), FALSE);
  REQUIRE(f);
  VSIFCloseL(f);
  if (names) {
    char** list = VSIReadDir(("/vsizip/" + mem).c_str());
    for (char** p = list; p && *p; ++p) names->emplace_back(*p);
    CSLDestroy(list);
  }
  std::string out;
  if (VSILFILE* in = VSIFOpenL(("/vsizip/" + mem + "/" + entry).c_str(), "rb")) {
    char buf[65536];
    std::size_t n = 0;
    while ((n = VSIFReadL(buf, 1, sizeof buf, in)) > 0) out.append(buf, n);
    VSIFCloseL(in);
  }
  VSIUnlink(mem.c_str());
  return out;
}

struct Project {
  std::string qgs;
  std::string metadata;
  std::vector<std::string> entries;
};

Project read_project(const std::filesystem::path& gpkg) {
  // The columns are declared BLOB but hold text, as QGIS writes them; read them as text.
  const auto rows = query_gpkg(gpkg, "SELECT name, CAST(metadata AS TEXT), CAST(content AS TEXT) FROM qgis_projects");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == "kvo");
  Project p;
  p.metadata = rows[0][1];
  p.qgs = unzip_entry(from_hex(rows[0][2]), "kvo.qgs", &p.entries);
  return p;
}

const CPLXMLNode* child(const CPLXMLNode* node, const char* name) {
  for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext)
    if (c->eType == CXT_Element && std::string(c->pszValue) == name) return c;
  return nullptr;
}

std::string text_of(const CPLXMLNode* node) {
  for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext)
    if (c->eType == CXT_Text) return c->pszValue;
  return {};
}

void collect(const CPLXMLNode* node, const char* name, std::vector<const CPLXMLNode*>& out) {
  for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext) {
    if (c->eType != CXT_Element) continue;
    if (std::string(c->pszValue) == name) out.push_back(c);
    collect(c, name, out);
  }
}

struct XmlDoc {
  CPLXMLNode* root = nullptr;
  explicit XmlDoc(const std::string& text) : root(CPLParseXMLString(text.c_str())) {}
  ~XmlDoc() { CPLDestroyXMLNode(root); }
  XmlDoc(const XmlDoc&) = delete;
  XmlDoc& operator=(const XmlDoc&) = delete;
  [[nodiscard]] const CPLXMLNode* qgis() const {
    for (const CPLXMLNode* n = root; n; n = n->psNext)
      if (n->eType == CXT_Element && std::string(n->pszValue) == "qgis") return n;
    return nullptr;
  }
};

std::set<std::string> tables_of(const std::filesystem::path& gpkg) {
  std::set<std::string> out;
  for (const auto& r : query_gpkg(gpkg, "SELECT table_name FROM gpkg_contents WHERE table_name <> 'layer_styles'"))
    out.insert(r[0]);
  return out;
}

}  // namespace

TEST_CASE("the embedded project is a zipped .qgs that parses as QGIS project XML and names every layer",
          "[io][qgis]") {
  TempDir dir;
  const auto gpkg = dir.path() / "nulmeting 2023.gpkg";
  kvo::test::write_fixture_gpkg(gpkg);
  const Project p = read_project(gpkg);
  CHECK(p.entries == std::vector<std::string>{"kvo.qgs"});
  XmlDoc doc(p.qgs);
  const CPLXMLNode* qgis = doc.qgis();
  REQUIRE(qgis);
  CHECK(std::string(CPLGetXMLValue(qgis, "version", "")).rfind("3.22", 0) == 0);
  CHECK(std::string(CPLGetXMLValue(qgis, "projectname", "")) == "KVO Winkelcentrum 't Zand — test");

  std::vector<const CPLXMLNode*> layers;
  collect(child(qgis, "projectlayers"), "maplayer", layers);
  std::set<std::string> named, ids;
  for (const auto* l : layers) {
    const std::string source = text_of(child(l, "datasource"));
    const std::string type = CPLGetXMLValue(l, "type", "");
    ids.insert(text_of(child(l, "id")));
    // Relative to the GeoPackage the project is read from, as QGIS writes such projects.
    if (type == "raster") {
      REQUIRE(source.rfind("GPKG:./nulmeting 2023.gpkg:", 0) == 0);
      named.insert(source.substr(std::string("GPKG:./nulmeting 2023.gpkg:").size()));
      CHECK(text_of(child(l, "provider")) == "gdal");
    } else {
      REQUIRE(source.rfind("./nulmeting 2023.gpkg|layername=", 0) == 0);
      named.insert(source.substr(std::string("./nulmeting 2023.gpkg|layername=").size()));
      CHECK(text_of(child(l, "provider")) == "ogr");
    }
    CHECK(!text_of(child(l, "layername")).empty());
  }
  CHECK(named == tables_of(gpkg));
  CHECK(ids.size() == layers.size());

  // The layer tree shows each map layer once, by id.
  std::vector<const CPLXMLNode*> tree;
  collect(child(qgis, "layer-tree-group"), "layer-tree-layer", tree);
  std::set<std::string> tree_ids;
  for (const auto* t : tree) tree_ids.insert(CPLGetXMLValue(t, "id", ""));
  CHECK(tree_ids == ids);
  CHECK(tree.size() == layers.size());

  // The survey layers (3 indicators × 2 periods) sit in a group of their own, named by
  // their indicator; no survey layer is in a period group.
  std::vector<const CPLXMLNode*> groups;
  collect(child(qgis, "layer-tree-group"), "layer-tree-group", groups);
  std::map<std::string, std::vector<std::string>> in_group;
  for (const auto* g : groups)
    for (const CPLXMLNode* c = g->psChild; c; c = c->psNext)
      if (c->eType == CXT_Element && std::string(c->pszValue) == "layer-tree-layer")
        in_group[CPLGetXMLValue(g, "name", "")].push_back(CPLGetXMLValue(c, "name", ""));
  REQUIRE(in_group.count("Survey") == 1);
  CHECK(in_group["Survey"].size() == 6);
  CHECK(in_group["Survey"].front() == "Survey: Feels unsafe – Follow-up");
  for (const auto& [group, names] : in_group)
    for (const auto& name : names)
      if (group != "Survey") CHECK(name.find("Survey") == std::string::npos);
}

TEST_CASE("the project opens zoomed to the study area in the analysis CRS", "[io][qgis]") {
  TempDir dir;
  const auto gpkg = dir.path() / "out.gpkg";
  kvo::test::write_fixture_gpkg(gpkg);
  XmlDoc doc(read_project(gpkg).qgs);
  const CPLXMLNode* qgis = doc.qgis();
  REQUIRE(qgis);
  const CPLXMLNode* canvas = child(qgis, "mapcanvas");
  REQUIRE(canvas);
  // The fixture's areas span x 150000–151000, y 410000–410800; 5 % margin on each side.
  CHECK(std::stod(CPLGetXMLValue(canvas, "extent.xmin", "0")) == Approx(149950));
  CHECK(std::stod(CPLGetXMLValue(canvas, "extent.xmax", "0")) == Approx(151050));
  CHECK(std::stod(CPLGetXMLValue(canvas, "extent.ymin", "0")) == Approx(409960));
  CHECK(std::stod(CPLGetXMLValue(canvas, "extent.ymax", "0")) == Approx(410840));
  CHECK(std::string(CPLGetXMLValue(canvas, "destinationsrs.spatialrefsys.authid", "")) == "EPSG:28992");
  CHECK(std::string(CPLGetXMLValue(qgis, "projectCrs.spatialrefsys.authid", "")) == "EPSG:28992");
  CHECK(std::string(CPLGetXMLValue(qgis, "ProjectViewSettings.DefaultViewExtent.xmin", "")) == "149950");
}

TEST_CASE("rasters in the project carry a pseudocolour ramp over their shared value range", "[io][qgis]") {
  TempDir dir;
  const auto gpkg = dir.path() / "out.gpkg";
  kvo::test::write_fixture_gpkg(gpkg);
  XmlDoc doc(read_project(gpkg).qgs);
  std::vector<const CPLXMLNode*> layers;
  collect(child(doc.qgis(), "projectlayers"), "maplayer", layers);
  std::map<std::string, std::string> max_by_raster;
  for (const auto* l : layers) {
    if (std::string(CPLGetXMLValue(l, "type", "")) != "raster") continue;
    const CPLXMLNode* renderer = CPLGetXMLNode(const_cast<CPLXMLNode*>(l), "pipe.rasterrenderer");
    REQUIRE(renderer);
    CHECK(std::string(CPLGetXMLValue(renderer, "type", "")) == "singlebandpseudocolor");
    std::vector<const CPLXMLNode*> items;
    collect(renderer, "item", items);
    const std::string name = text_of(child(l, "datasource"));
    // Round class values: the densities peak at 3.99 (steps of 1 up to 4), the change at
    // ±2.53 (steps of 1 to ±3).
    CHECK(items.size() == (name.find("change") != std::string::npos ? 7u : 5u));
    for (const auto* item : items) {
      const std::string value = CPLGetXMLValue(item, "value", "");
      CHECK(value.find('.') == std::string::npos);
      CHECK(std::string(CPLGetXMLValue(item, "label", "")) == value);
    }
    max_by_raster[name.substr(name.rfind(':') + 1)] = CPLGetXMLValue(renderer, "classificationMax", "");
  }
  REQUIRE(max_by_raster.size() == 3);
  CHECK(max_by_raster["density_baseline"] == max_by_raster["density_followup"]);
}

TEST_CASE("qgis_projects has QGIS's schema and metadata, and the zip's CRC-32 is the standard one",
          "[io][qgis]") {
  TempDir dir;
  const auto gpkg = dir.path() / "out.gpkg";
  kvo::test::write_fixture_gpkg(gpkg);
  std::vector<std::string> columns;
  for (const auto& c : query_gpkg(gpkg, "PRAGMA table_info(qgis_projects)")) columns.push_back(c[1]);
  CHECK(columns == std::vector<std::string>{"name", "metadata", "content"});
  const auto meta = nlohmann::json::parse(read_project(gpkg).metadata);
  CHECK(meta.contains("last_modified_time"));
  CHECK(meta["last_modified_user"] == "kvo");

  // CRC-32 check value of "123456789" is 0xCBF43926 (the CRC catalogue's reference value);
  // it sits little-endian at offset 14 of the local file header.
  const std::string zip = make_qgz("123456789", "a.qgs");
  REQUIRE(zip.size() > 18);
  CHECK(static_cast<unsigned char>(zip[14]) == 0x26);
  CHECK(static_cast<unsigned char>(zip[15]) == 0x39);
  CHECK(static_cast<unsigned char>(zip[16]) == 0xF4);
  CHECK(static_cast<unsigned char>(zip[17]) == 0xCB);
  CHECK(unzip_entry(zip, "a.qgs") == "123456789");
  const std::string big(200000, 'x');
  const std::string packed = make_qgz(big, "b.qgs");
  CHECK(packed.size() < big.size() / 10);  // deflated
  CHECK(unzip_entry(packed, "b.qgs") == big);
}

TEST_CASE("styles and project are byte-identical for the same inputs under SOURCE_DATE_EPOCH", "[io][qgis][slow]") {
  const char* old = std::getenv("SOURCE_DATE_EPOCH");
  const std::string saved = old ? old : "";
  ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  TempDir a, b;
  kvo::test::write_fixture_gpkg(a.path() / "out.gpkg");
  kvo::test::write_fixture_gpkg(b.path() / "out.gpkg");
  if (old) ::setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
  else ::unsetenv("SOURCE_DATE_EPOCH");
  CPLSetConfigOption("OGR_CURRENT_DATE", nullptr);  // GpkgWriter leaves it set for the process
  const std::string styles = "SELECT f_table_name, styleName, styleQML, useAsDefault, update_time FROM layer_styles ORDER BY id";
  CHECK(query_gpkg(a.path() / "out.gpkg", styles) == query_gpkg(b.path() / "out.gpkg", styles));
  const std::string project = "SELECT name, CAST(metadata AS TEXT), CAST(content AS TEXT) FROM qgis_projects";
  const auto pa = query_gpkg(a.path() / "out.gpkg", project);
  CHECK(pa == query_gpkg(b.path() / "out.gpkg", project));
  CHECK(pa.at(0).at(1).find("2026-01-01T00:00:00") != std::string::npos);
}

TEST_CASE("GDAL's validate_gpkg.py accepts the styled GeoPackage", "[io][qgis][slow]") {
  const std::string validator = kvo::test::gpkg_validator();
  if (validator.empty() || !std::filesystem::exists("/usr/bin/python3")) {
    kvo::test::skip_test(
        "GDAL's validate_gpkg.py (Debian package python3-gdal) is not installed: skipping the validation");
  }
  TempDir dir;
  for (bool followup : {true, false}) {
    kvo::test::FixtureOptions o;
    o.followup = followup;
    const auto gpkg = dir.path() / (followup ? "both.gpkg" : "baseline.gpkg");
    kvo::test::write_fixture_gpkg(gpkg, o);
    // --extra --warning-as-error: also the declared text lengths (layer_styles.styleName).
    const auto r = kvo::test::run_command("/usr/bin/python3 " + kvo::test::shell_quote(validator) +
                                              " --extra --warning-as-error " + kvo::test::shell_quote(gpkg.string()),
                                          true);
    INFO(r.output);
    CHECK(r.status == 0);
  }
}
