#include "io/gpkg/output_monitor_layers.hpp"

#include <cmath>

#include "io/gpkg/output_schema.hpp"

namespace kvo::io {

void write_emerging_layer(GpkgWriter& out, const engine::Grid& grid, const std::vector<EmergingView>& themes,
                          const std::string& first_step) {
  auto layer = out.create_layer(schema::layer::emerging_hotspots, GeometryKind::polygon,
                                {{"cell_id", FieldType::text, ""},
                                 {"theme", FieldType::text, ""},
                                 {"category", FieldType::text, ""},
                                 {"trend_z", FieldType::real, ""},
                                 {"trend_p", FieldType::real, ""},
                                 {"hot_bins", FieldType::integer, ""},
                                 {"cold_bins", FieldType::integer, ""},
                                 {"steps", FieldType::integer, ""},
                                 {"first_step", FieldType::text, ""},
                                 {"incidents", FieldType::real, ""},
                                 {"counts", FieldType::text, ""}},
                                "Emerging hot spots: the 17 categories per cell and theme over the time steps");
  std::string counts;
  for (const auto& view : themes) {
    const engine::EmergingResult& r = *view.result;
    const std::size_t steps = r.n_steps;
    for (std::size_t c = 0; c < r.n_cells; ++c) {
      const auto& cell = r.cells[c];
      double total = 0;
      counts.clear();
      for (std::size_t t = 0; t < steps; ++t) {
        const double n = (*view.counts)[c * steps + t];
        total += n;
        if (t) counts += ',';
        counts += std::to_string(static_cast<long long>(std::llround(n)));
      }
      if (total == 0 && cell.category == engine::EmergingCategory::no_pattern) continue;
      const engine::Polygon poly = grid.cell_polygon(c);
      layer.set(0, grid.cell_name(c));
      layer.set(1, engine::theme_name(view.theme));
      layer.set(2, engine::emerging_category_name(cell.category));
      layer.set(3, cell.trend.z);
      layer.set(4, cell.trend.p);
      layer.set(5, static_cast<std::int64_t>(cell.hot_bins));
      layer.set(6, static_cast<std::int64_t>(cell.cold_bins));
      layer.set(7, static_cast<std::int64_t>(steps));
      layer.set(8, first_step);
      layer.set(9, total);
      layer.set(10, counts);
      layer.set_polygon({poly.outer().begin(), poly.outer().end()});
      layer.write();
    }
  }
}

void write_near_repeat_layers(GpkgWriter& out, const IncidentTable& table, const std::vector<NearRepeatView>& themes) {
  {
    auto knox = out.create_layer(schema::layer::near_repeat, GeometryKind::none,
                                 {{"theme", FieldType::text, ""},
                                  {"distance_from_m", FieldType::real, ""},
                                  {"distance_to_m", FieldType::real, ""},
                                  {"time_from_days", FieldType::real, ""},
                                  {"time_to_days", FieldType::real, ""},
                                  {"observed", FieldType::integer64, ""},
                                  {"expected", FieldType::real, ""},
                                  {"knox_ratio", FieldType::real, ""},
                                  {"p", FieldType::real, ""}},
                                 "Near-repeat Knox table: incident pairs per distance × time band");
    for (const auto& view : themes) {
      const engine::NearRepeatResult& k = *view.knox;
      for (std::size_t row = 0; row < k.rows; ++row)
        for (std::size_t col = 0; col < k.cols; ++col) {
          const std::size_t i = k.at(row, col);
          knox.set(0, engine::theme_name(view.theme));
          knox.set(1, k.distance_from_m[row]);
          knox.set(2, k.distance_to_m[row]);  // NULL for "beyond" (infinite)
          knox.set(3, k.time_from_days[col]);
          knox.set(4, k.time_to_days[col]);
          knox.set(5, k.observed[i]);
          knox.set(6, k.expected[i]);
          knox.set(7, k.knox_ratio[i]);
          knox.set(8, k.p[i]);
          knox.write();
        }
    }
  }
  auto risk = out.create_layer(schema::layer::near_repeat_risk, GeometryKind::point,
                               {{"source_id", FieldType::text, ""},
                                {"theme", FieldType::text, ""},
                                {"start", FieldType::datetime, ""},
                                {"near_radius_m", FieldType::real, ""},
                                {"near_until", FieldType::datetime, ""},
                                {"repeat_until", FieldType::datetime, ""}},
                               "Recent incidents whose near-repeat risk window is still open: where and until when");
  const auto& inc = table.incidents;
  for (const auto& view : themes)
    for (const auto& z : *view.zones) {
      if (!z.near && !z.repeat) continue;
      const std::size_t i = (*view.incidents)[z.event];
      risk.set(0, table.source_id[i]);
      risk.set(1, engine::theme_name(view.theme));
      risk.set_datetime(2, inc.start_utc[i]);
      if (z.near) {
        risk.set(3, z.radius_m);
        risk.set_datetime(4, static_cast<std::int64_t>(std::llround(z.until_days * 86400.0)));
      } else {
        risk.set_null(3), risk.set_null(4);
      }
      if (z.repeat)
        risk.set_datetime(5, static_cast<std::int64_t>(std::llround(z.repeat_until_days * 86400.0)));
      else
        risk.set_null(5);
      risk.set_point(inc.x[i], inc.y[i]);
      risk.write();
    }
}

}  // namespace kvo::io
