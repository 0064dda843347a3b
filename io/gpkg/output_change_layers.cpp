#include "io/gpkg/output_change_layers.hpp"

#include "io/gpkg/output_schema.hpp"

#include <cmath>

namespace kvo::io {

namespace {

std::vector<engine::Point> cell_ring(const engine::Grid& grid, std::size_t cell) {
  const engine::Polygon poly = engine::lattice_polygon(grid.spec, {grid.col[cell], grid.row[cell]});
  return {poly.outer().begin(), poly.outer().end()};
}

std::string cell_name(const engine::Grid& grid, std::size_t cell) {
  return engine::lattice_cell_name({grid.col[cell], grid.row[cell]});
}

}  // namespace

void write_hotspot_cells_layer(GpkgWriter& out, const engine::Grid& grid,
                               const std::vector<engine::HotspotLayer>& layers) {
  auto layer = out.create_layer(schema::layer::hotspot_cells, GeometryKind::polygon,
                                {{"cell_id", FieldType::text, ""},
                                 {"period", FieldType::text, ""},
                                 {"theme", FieldType::text, ""},
                                 {"count", FieldType::real, ""},
                                 {"gi_z", FieldType::real, ""},
                                 {"gi_p", FieldType::real, ""},
                                 {"gi_bin", FieldType::integer, ""},
                                 {"lm_i", FieldType::real, ""},
                                 {"lm_p", FieldType::real, ""},
                                 {"lm_cluster", FieldType::text, ""},
                                 {"lm_z", FieldType::real, ""},
                                 {"island", FieldType::integer, ""}},
                                "Getis-Ord Gi* and local Moran's I per cell, period and theme");
  std::vector<std::vector<engine::Point>> rings(grid.col.size());
  for (std::size_t c = 0; c < rings.size(); ++c) rings[c] = cell_ring(grid, c);
  for (const auto& l : layers)
    for (std::size_t c = 0; c < l.count.size(); ++c) {
      // `all` rows cover the whole grid; a theme's rows only the cells that say something.
      if (l.theme != engine::kThemeAll && l.count[c] == 0 && l.gi.bin[c] == 0 &&
          l.lm.cluster[c] == engine::LmCluster::ns)
        continue;
      layer.set(0, cell_name(grid, c));
      layer.set(1, engine::period_name(l.period));
      layer.set(2, engine::theme_name(l.theme));
      layer.set(3, l.count[c]);
      layer.set(4, l.gi.z[c]);
      layer.set(5, l.gi.p[c]);
      layer.set(6, static_cast<std::int64_t>(l.gi.bin[c]));
      layer.set(7, l.lm.i[c]);
      layer.set(8, l.lm.p_sim[c]);
      layer.set(9, engine::lm_cluster_name(l.lm.cluster[c]));
      layer.set(10, l.lm.z[c]);
      layer.set(11, static_cast<std::int64_t>(std::isnan(l.gi.z[c]) ? 1 : 0));
      layer.set_polygon(rings[c]);
      layer.write();
    }
}

void write_cell_change_layer(GpkgWriter& out, const engine::Grid& grid,
                             const std::vector<engine::CellChangeLayer>& changes) {
  auto layer = out.create_layer(schema::layer::cell_change, GeometryKind::polygon,
                                {{"cell_id", FieldType::text, ""},
                                 {"theme", FieldType::text, ""},
                                 {"gi_bin_baseline", FieldType::integer, ""},
                                 {"gi_bin_followup", FieldType::integer, ""},
                                 {"count_baseline", FieldType::integer64, ""},
                                 {"count_followup", FieldType::integer64, ""},
                                 {"local_baseline", FieldType::integer64, ""},
                                 {"local_followup", FieldType::integer64, ""},
                                 {"rate_ratio", FieldType::real, ""},
                                 {"p", FieldType::real, ""},
                                 {"q", FieldType::real, ""},
                                 {"count_change", FieldType::text, ""},
                                 {"change_class", FieldType::text, ""}},
                                "Hotspot change per cell between baseline and follow-up");
  for (const auto& ch : changes)
    for (std::size_t c = 0; c < ch.change.size(); ++c) {
      if (ch.theme != engine::kThemeAll && ch.change[c] == engine::CellChange::no_pattern && ch.cell_baseline[c] == 0 &&
          ch.cell_followup[c] == 0)
        continue;
      layer.set(0, cell_name(grid, c));
      layer.set(1, engine::theme_name(ch.theme));
      layer.set(2, static_cast<std::int64_t>(ch.bin_baseline[c]));
      layer.set(3, static_cast<std::int64_t>(ch.bin_followup[c]));
      layer.set(4, ch.cell_baseline[c]);
      layer.set(5, ch.cell_followup[c]);
      layer.set(6, ch.counts.count_baseline[c]);
      layer.set(7, ch.counts.count_followup[c]);
      layer.set(8, ch.counts.rate_ratio[c]);
      layer.set(9, ch.counts.p[c]);
      layer.set(10, ch.counts.q[c]);
      layer.set(11, engine::rate_change_name(ch.counts.change[c]));
      layer.set(12, engine::cell_change_name(ch.change[c]));
      layer.set_polygon(cell_ring(grid, c));
      layer.write();
    }
}

void write_area_change_layer(GpkgWriter& out, const AreaTable& areas, const engine::AreaChange& ch,
                             const std::string& name, const std::string& description) {
  auto layer =
      out.create_layer(name, GeometryKind::multipolygon,
                       {{"area_id", FieldType::text, ""},
                        {"name", FieldType::text, ""},
                        {"theme", FieldType::text, ""},
                        {"count_baseline", FieldType::integer64, ""},
                        {"count_followup", FieldType::integer64, ""},
                        {"years_baseline", FieldType::real, ""},
                        {"years_followup", FieldType::real, ""},
                        {"rate_ratio", FieldType::real, ""},
                        {"rr_low", FieldType::real, ""},
                        {"rr_high", FieldType::real, ""},
                        {"p", FieldType::real, ""},
                        {"q", FieldType::real, ""},
                        {"poisson_z", FieldType::real, ""},
                        {"change", FieldType::text, ""},
                        {"trend", FieldType::text, ""},
                        {"trend_p", FieldType::real, ""},
                        {"trend_slope", FieldType::real, ""}},
                       description.empty() ? std::string("Baseline versus follow-up per area and theme") : description);
  for (std::size_t r = 0; r < ch.size(); ++r) {
    const auto a = static_cast<std::size_t>(ch.area[r]);
    layer.set(0, areas.id[a]);
    layer.set(1, areas.name[a]);
    layer.set(2, engine::theme_name(ch.theme[r]));
    layer.set(3, ch.rates.count_baseline[r]);
    layer.set(4, ch.rates.count_followup[r]);
    layer.set(5, ch.years_baseline);
    layer.set(6, ch.years_followup);
    layer.set(7, ch.rates.rate_ratio[r]);
    layer.set(8, ch.rates.rr_low[r]);
    layer.set(9, ch.rates.rr_high[r]);
    layer.set(10, ch.rates.p[r]);
    layer.set(11, ch.rates.q[r]);
    layer.set(12, ch.rates.poisson_z[r]);
    layer.set(13, engine::rate_change_name(ch.rates.change[r]));
    if (ch.has_trend) {
      layer.set(14, engine::trend_name(ch.trend[r].trend));
      layer.set(15, ch.trend[r].p);
      layer.set(16, ch.trend[r].sen_slope);
    } else {
      layer.set_null(14), layer.set_null(15), layer.set_null(16);
    }
    layer.set_multipolygon(areas.areas.geometry[a]);
    layer.write();
  }
}

}  // namespace kvo::io
