// The automatic density cell size scales with the extent: ArcGIS's default output cell
// size (the shorter side of the extent / 250), coarsened only where the rasters would not
// fit the cell budget.

#include <catch2/catch.hpp>

#include <sstream>

#include "pipeline/analysis.hpp"
#include "pipeline/cell_budget.hpp"
#include "support/temp_dir.hpp"

namespace {

// Reads a spec whose one area is the rectangle [x0, x0 + w] × [y0, y0 + h] in RD New,
// with `density` as its [density] table.
kvo::cli::Inputs inputs_for(const kvo::test::TempDir& dir, double w, double h, const std::string& density,
                            double x0 = 100000, double y0 = 400000) {
  std::ostringstream ring;
  ring.precision(12);
  ring << "[[" << x0 << "," << y0 << "],[" << x0 + w << "," << y0 << "],[" << x0 + w << "," << y0 + h << "],[" << x0
       << "," << y0 + h << "],[" << x0 << "," << y0 << "]]";
  dir.write("gebied.geojson",
            R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
            R"("features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[)" +
                ring.str() + "]}}]}");
  dir.write("politie.csv", "nr;datum;klasse;x;y\n1;2023-03-01;2.5.2 Winkeldiefstal;100010;400010\n");
  const auto spec = dir.write("s.toml",
                              "as_of = 2024-01-31\n[areas]\npath = \"gebied.geojson\"\nid = \"code\"\n"
                              "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31\n"
                              "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"politie.csv\"\n"
                              "x = \"x\"\ny = \"y\"\nstart = \"datum\"\ncode = \"klasse\"\n" +
                                  density);
  std::ostringstream sink;
  kvo::cli::ProgressPrinter progress(sink, true);
  return kvo::cli::read_inputs(spec, kvo::cli::RunOptions{}, progress);
}

}  // namespace

TEST_CASE("the automatic density cell is the shorter side of the extent / 250", "[cli][density]") {
  kvo::test::TempDir dir;
  // 1 km square: 4 m. A town of 6 × 3.5 km: 14 m. A country of 300 × 325 km: 1200 m.
  CHECK(kvo::cli::resolve_density_cell_size(inputs_for(dir, 1000, 1000, "")) == 4);
  CHECK(kvo::cli::resolve_density_cell_size(inputs_for(dir, 6000, 3500, "")) == 14);
  CHECK(kvo::cli::resolve_density_cell_size(inputs_for(dir, 300000, 325000, "", 0, 300000)) == 1200);
  // A number in the spec is used as given.
  CHECK(kvo::cli::resolve_density_cell_size(inputs_for(dir, 1000, 1000, "[density]\ncell_size = 25\n")) == 25);
}

TEST_CASE("the automatic density cell is coarsened only where a raster would exceed the budget", "[cli][density]") {
  kvo::test::TempDir dir;
  // A 250 km × 100 m strip: the rule gives 1 m (0.4 m, at least 1), which is
  // 250,001 × 101 = 25,250,101 cells, over the 25,000,000 budget; the smallest whole
  // metre within it with the 1 % margin: ⌈1 × √(25,250,101 / 25,000,000) × 1.01⌉ = 2 m.
  const auto in = inputs_for(dir, 250000, 100, "", 20000, 400000);
  CHECK(kvo::cli::resolve_density_cell_size(in) == 2);
  CHECK(kvo::cli::cell_budget_problems(in, {100, kvo::io::GridExtent::areas}).empty());
}
