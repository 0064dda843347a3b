#pragma once
// Inline SVG for the HTML report: maps (metres projected to a north-up viewBox, with scale
// bar and north arrow), grouped bar charts and interval (estimate ± CI) charts. Plain
// strings, no external resources: rasters are embedded as data: URIs.

#include <string>
#include <vector>

#include "engine/geometry.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_data.hpp"

namespace kvo::io {

/// Base64 (RFC 4648, padded) of a byte string.
std::string base64(const std::string& bytes);

/// Text with &, <, >, " and ' escaped for HTML and SVG.
std::string html_escape(const std::string& text);

/// A number for people: decimal comma and thousands dots in Dutch ("1.234,5"), point and
/// commas in English ("1,234.5"); `decimals` fixed; NaN as "–".
std::string format_number(double value, int decimals, const std::string& language);

/// A north-up map of a study area in SVG.
class SvgMap {
 public:
  /// A map of `extent` (metres, 4 % margin added), `width` viewBox units wide; a map
  /// taller than `max_height` is narrowed instead.
  explicit SvgMap(const engine::Envelope& extent, double width = 1000, double max_height = 820);
  /// Draws a coloured raster image.
  void raster(const ReportRaster& raster, double opacity);
  /// Draws shapes as one path with one fill (even-odd) and stroke.
  void shapes(const std::vector<const ReportShape*>& shapes, const Rgba& fill, double fill_opacity,
              const std::string& stroke, double stroke_width, const std::string& css_class);
  /// Writes a label with a white halo centred at (x, y) metres; secondary labels are
  /// smaller and grey.
  void label(double x, double y, const std::string& text, bool primary = true);
  /// What the map shows, in metres (the extent with its margin, widened to the map's shape).
  [[nodiscard]] engine::Envelope view() const { return {x0_, y1_ - height_ / scale_, x0_ + width_ / scale_, y1_}; }
  /// The finished <svg> element with scale bar and north arrow; `title` becomes its <title>.
  [[nodiscard]] std::string finish(const std::string& title, const std::string& language) const;

 private:
  [[nodiscard]] double px(double x) const { return (x - x0_) * scale_; }
  [[nodiscard]] double py(double y) const { return (y1_ - y) * scale_; }
  [[nodiscard]] std::string path_data(const ReportShape& shape) const;
  double x0_ = 0, y1_ = 0, scale_ = 1, width_ = 1000, height_ = 800, span_m_ = 0;
  std::string body_;
};

/// One row of a grouped bar chart.
struct BarRow {
  std::string label;           ///< row label (left)
  std::vector<double> values;  ///< one per series; NaN = no bar
  std::string note;            ///< short text after the bars, e.g. "▲ A1"
};

/// A horizontal grouped bar chart.
std::string svg_bar_chart(const std::vector<BarRow>& rows, const std::vector<std::string>& series,
                          const std::vector<Rgba>& colors, const std::string& title, const std::string& language);

/// A small line chart of monthly counts (a panel of a small multiple): month k of every
/// series at the same x, one line per series, the y axis from 0 with its top tick, and
/// `first_label` / `last_label` under the first and last month.
std::string svg_month_lines(const std::vector<std::vector<double>>& series, const std::vector<Rgba>& colors,
                            const std::string& first_label, const std::string& last_label, const std::string& title,
                            const std::string& language);

/// One estimate with its interval.
struct IntervalPoint {
  double estimate = 0, low = 0, high = 0;
  bool present = false;  ///< false: nothing to draw for this series
  bool too_few = false;  ///< drawn hollow: too few respondents to rely on
};

/// One row of an interval chart: a label and one point per series.
struct IntervalRow {
  std::string label;
  std::vector<IntervalPoint> points;
};

/// Estimates with their intervals on a shared axis (0–100 % when `percent`).
std::string svg_interval_chart(const std::vector<IntervalRow>& rows, const std::vector<std::string>& series,
                               const std::vector<Rgba>& colors, bool percent, const std::string& title,
                               const std::string& language);

/// A small legend swatch (filled, or hatched when `hatched`).
std::string svg_swatch(const Rgba& color, bool hatched = false, double opacity = 1.0);

/// A horizontal colour ramp bar with its end labels; `id` names its gradient (unique per page).
std::string svg_ramp(const std::vector<RampStop>& ramp, const std::string& low_label, const std::string& high_label,
                     const std::string& id);

}  // namespace kvo::io
