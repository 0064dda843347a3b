// `kvo export`'s workbook from a hand-written GeoPackage, read back with GDAL: order (KVO
// areas first), area kinds, labels in the language, rounding, the 0/0 rows left out,
// ODS, and refused extensions.

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/core/errors.hpp"
#include "io/gpkg/gpkg_writer.hpp"
#include "report/table_export.hpp"
#include "support/sheet_rows.hpp"
#include "support/temp_dir.hpp"

using namespace kvo::io;
using kvo::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr auto sheet = &kvo::test::sheet_rows;

kvo::engine::MultiPolygon square(double x0, double y0) {
  kvo::engine::Polygon p;
  for (const auto& pt :
       std::vector<kvo::engine::Point>{{x0, y0}, {x0, y0 + 100}, {x0 + 100, y0 + 100}, {x0 + 100, y0}, {x0, y0}})
    p.outer().push_back(pt);
  return {p};
}

// Two buurten named before the KVO area alphabetically, and one KVO area of the
// partnership's own kind; area_change with a 0/0 row and unrounded numbers.
fs::path write_gpkg(const TempDir& dir) {
  const fs::path path = dir.path() / "vervolg.gpkg";
  GpkgWriter out(path, "EPSG:28992");
  {
    auto l = out.create_layer(
        "areas", GeometryKind::multipolygon,
        {{"area_id", FieldType::text, ""}, {"name", FieldType::text, ""}, {"kind", FieldType::text, ""}});
    const char* rows[][3] = {{"BU01", "Aa-buurt", "buurt"},
                             {"WC01", "Winkelcentrum 't Zand", "kvo_winkelgebied"},
                             {"BU02", "Binnenstad", "buurt"},
                             {"HT01", "Haven", "kvo_haventerrein"}};
    double x = 150000;
    for (const auto& r : rows) {
      l.set(0, std::string_view(r[0]));
      l.set(1, std::string_view(r[1]));
      l.set(2, std::string_view(r[2]));
      l.set_multipolygon(square(x, 410000));
      l.write();
      x += 100;
    }
  }
  {
    auto l = out.create_layer("area_change", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"name", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"count_baseline", FieldType::integer64, ""},
                               {"count_followup", FieldType::integer64, ""},
                               {"rate_ratio", FieldType::real, ""},
                               {"rr_low", FieldType::real, ""},
                               {"rr_high", FieldType::real, ""},
                               {"q", FieldType::real, ""},
                               {"change", FieldType::text, ""}});
    struct Row {
      const char *id, *name, *theme;
      std::int64_t c0, c1;
      double rr, lo, hi, q;
      const char* change;
    };
    const Row rows[] = {
        {"BU01", "Aa-buurt", "all", 58, 57, 0.9827586206896552, 0.6801234, 1.4212345, 0.91234567,
         "no_significant_change"},
        {"BU01", "Aa-buurt", "internal_fraud", 0, 0, 0.0, 0.0, 0.0, 1.0, "too_few"},
        {"WC01", "Winkelcentrum 't Zand", "shoplifting", 10, 25, 2.5, 1.2049876, 5.5551, 0.0123456789, "increase"},
        {"WC01", "Winkelcentrum 't Zand", "all", 40, 61, 1.525, 1.0249, 2.2750001, 0.00098765, "increase"},
        {"WC01", "Winkelcentrum 't Zand", "access_parking", 0, 0, 0.0, 0.0, 0.0, 1.0, "too_few"},
        {"HT01", "Haven", "all", 5, 3, 0.6, 0.1, 2.9, 1.0, "too_few"},
    };
    double x = 150000;
    for (const auto& r : rows) {
      l.set(0, std::string_view(r.id));
      l.set(1, std::string_view(r.name));
      l.set(2, std::string_view(r.theme));
      l.set(3, r.c0);
      l.set(4, r.c1);
      l.set(5, r.rr);
      l.set(6, r.lo);
      l.set(7, r.hi);
      l.set(8, r.q);
      l.set(9, std::string_view(r.change));
      l.set_multipolygon(square(x, 410000));
      l.write();
    }
  }
  {
    auto l = out.create_layer("area_stats", GeometryKind::multipolygon,
                              {{"area_id", FieldType::text, ""},
                               {"name", FieldType::text, ""},
                               {"period", FieldType::text, ""},
                               {"theme", FieldType::text, ""},
                               {"count", FieldType::integer64, ""},
                               {"per_ha_year", FieldType::real, ""}});
    l.set(0, std::string_view("WC01"));
    l.set(1, std::string_view("Winkelcentrum 't Zand"));
    l.set(2, std::string_view("baseline"));
    l.set(3, std::string_view("shoplifting"));
    l.set(4, std::int64_t{10});
    l.set(5, 0.0123456);
    l.set_multipolygon(square(150100, 410000));
    l.write();
  }
  {
    auto l = out.create_layer("run_manifest", GeometryKind::none,
                              {{"key", FieldType::text, ""}, {"value", FieldType::text, ""}});
    l.set(0, std::string_view("sources"));
    l.set(1, std::string_view(R"([{"name":"politie","kind":"police","read":12,"accepted":10,"rejected":2,)"
                              R"("excluded":0,"outside_study_region":0}])"));
    l.write();
  }
  out.commit();
  return path;
}

}  // namespace

TEST_CASE("the workbook's change sheet lists KVO areas first, with their kind, and leaves out 0/0 rows",
          "[io][export]") {
  TempDir dir;
  const auto gpkg = write_gpkg(dir);
  const auto xlsx = dir.path() / "tabel.xlsx";
  export_workbook(gpkg, xlsx, "nl");
  const auto change = sheet(xlsx, "Verandering");
  // 6 rows, two without incidents in either period: 4 left. KVO areas (Haven, Winkelcentrum)
  // first by name, then the buurt; within an area the totals first, then the themes.
  REQUIRE(change.size() == 4);
  std::vector<std::string> order;
  for (const auto& r : change) order.push_back(r.at("gebied") + " / " + r.at("thema"));
  CHECK(order == std::vector<std::string>{"Haven / Alle thema's", "Winkelcentrum 't Zand / Alle thema's",
                                          "Winkelcentrum 't Zand / Winkeldiefstal", "Aa-buurt / Alle thema's"});
  CHECK(change[0].at("soort_gebied") == "kvo_haventerrein");  // a kind kvo does not know: its code
  CHECK(change[1].at("soort_gebied") == "KVO-winkelgebied");
  CHECK(change[3].at("soort_gebied") == "Buurt");
  CHECK(change[1].at("klasse") == "Significante toename");
  CHECK(change[3].at("klasse") == "Geen significante verandering");
  CHECK(change[0].at("klasse") == "Te weinig incidenten om te toetsen");
  // Rounded: ratios to 2 decimals, q to 3 significant digits.
  CHECK(change[3].at("verhouding") == "0.98");
  CHECK(change[3].at("verhouding_laag") == "0.68");
  CHECK(change[3].at("verhouding_hoog") == "1.42");
  CHECK(change[3].at("q_waarde") == "0.912");
  CHECK(change[2].at("q_waarde") == "0.0123");
  CHECK(std::stod(change[1].at("q_waarde")) == 0.000988);
  CHECK(change[1].at("verhouding_hoog") == "2.28");
  CHECK(change[1].at("nulmeting") == "40");
  // Counts per area: period and theme in Dutch, the rate to 3 significant digits.
  const auto stats = sheet(xlsx, "Per gebied");
  REQUIRE(stats.size() == 1);
  CHECK(stats[0].at("periode") == "Nulmeting");
  CHECK(stats[0].at("thema") == "Winkeldiefstal");
  CHECK(stats[0].at("per_ha_per_jaar") == "0.0123");
  CHECK(sheet(xlsx, "Bronnen")[0].at("soort") == "Politie");
  // The notes say what was left out.
  const auto notes = sheet(xlsx, "Toelichting");
  REQUIRE(!notes.empty());
  CHECK(notes[0].at("toelichting").find("2 rijen zonder incidenten") != std::string::npos);

  // English labels on request.
  const auto en = dir.path() / "table.xlsx";
  export_workbook(gpkg, en, "en");
  const auto change_en = sheet(en, "Change");
  CHECK(change_en[1].at("area_kind") == "KVO shopping area");
  CHECK(change_en[2].at("theme") == "Shoplifting");
  CHECK(change_en[1].at("class") == "Significant increase");
  CHECK(sheet(en, "Notes")[0].at("note").find("2 rows with no incidents") != std::string::npos);
}

TEST_CASE("the workbook is written as ODS for .ods, and other extensions are refused by name", "[io][export]") {
  TempDir dir;
  const auto gpkg = write_gpkg(dir);
  const auto ods = dir.path() / "tabel.ODS";
  export_workbook(gpkg, ods, "nl");
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(ods.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    CHECK(std::string(ds->GetDriver()->GetDescription()) == "ODS");
  }
  CHECK(sheet(ods, "Verandering").size() == 4);
  CHECK(workbook_driver("a.xlsx") == "XLSX");
  for (const char* bad : {"t.csv", "t.xls", "t"}) {
    INFO(bad);
    try {
      export_workbook(gpkg, dir.path() / bad, "nl");
      FAIL("no error");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()).find(".xlsx") != std::string::npos);
      CHECK(std::string(e.what()).find(".ods") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(dir.path() / bad));
  }
}

TEST_CASE("workbook numbers are rounded to significant digits or decimals", "[io][export]") {
  CHECK(round_decimals(0.9827586206896552, 2) == 0.98);
  CHECK(round_decimals(2.275, 2) == 2.27);  // 2.275 is 2.27499999… as a double
  CHECK(round_decimals(-0.001, 2) == 0.0);
  CHECK(round_significant(0.0123456, 3) == 0.0123);
  CHECK(round_significant(12345.6, 3) == 12300.0);
  CHECK(round_significant(1.0, 3) == 1.0);
  CHECK(round_significant(0.000987654, 3) == 0.000988);
}
