#include "report/report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kvo::io {

namespace {

// Viewbox coordinates with one decimal: plenty for print, and keeps the file small.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

// Opacities and thin strokes: three significant digits.
std::string small(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// The largest 1-2-5 × 10^k step at or below `v`.
double nice_floor(double v) {
  if (!(v > 0)) return 1;
  const double base = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * base <= v) return m * base;
  return base;
}

std::string fill_attr(const Rgba& c, double opacity) {
  std::string s = "fill=\"" + c.hex() + "\"";
  const double a = opacity * c.a / 255.0;
  if (a < 0.999) s += " fill-opacity=\"" + small(a) + "\"";
  return s;
}

// Axis ticks: a round step giving about five intervals up to `max`.
std::vector<double> ticks(double max) {
  const double top = nice_ceiling(max > 0 ? max : 1);
  double step = nice_floor(top / 4);
  std::vector<double> out;
  for (double t = 0; t <= top * (1 + 1e-9); t += step) out.push_back(t);
  return out;
}

}  // namespace

std::string base64(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += a[(v >> 6) & 63];
    out += a[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += a[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_number(double value, int decimals, const std::string& language) {
  if (!std::isfinite(value)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
  std::string digits = buf, frac;
  if (const auto dot = digits.find('.'); dot != std::string::npos) frac = digits.substr(dot + 1), digits.resize(dot);
  const bool nl = language == "nl";
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += nl ? '.' : ',';
    grouped += digits[i];
  }
  std::string out = (value < 0 && std::stod(buf) != 0 ? "−" : "") + grouped;
  if (!frac.empty()) out += (nl ? "," : ".") + frac;
  return out;
}

SvgMap::SvgMap(const engine::Envelope& extent, double width, double max_height) {
  double dx = extent.empty() ? 1 : extent.max_x - extent.min_x, dy = extent.empty() ? 1 : extent.max_y - extent.min_y;
  if (!(dx > 0)) dx = std::max(dy, 1.0);
  if (!(dy > 0)) dy = std::max(dx, 1.0);
  const double mx = dx * 0.04, my = dy * 0.04;
  x0_ = (extent.empty() ? 0 : extent.min_x) - mx;
  y1_ = (extent.empty() ? 1 : extent.max_y) + my;
  span_m_ = dx + 2 * mx;
  scale_ = width / span_m_;
  if ((dy + 2 * my) * scale_ > max_height) scale_ = max_height / (dy + 2 * my);
  width_ = span_m_ * scale_;
  height_ = (dy + 2 * my) * scale_;
}

std::string SvgMap::path_data(const ReportShape& shape) const {
  std::string d;
  for (const auto& ring : shape.rings) {
    std::string last;
    bool first = true;
    for (const auto& p : ring) {
      const std::string pt = num(px(p[0])) + " " + num(py(p[1]));
      if (pt == last) continue;  // collapsed by rounding
      d += (first ? "M" : "L") + pt;
      last = pt;
      first = false;
    }
    if (!first) d += "Z";
  }
  return d;
}

void SvgMap::raster(const ReportRaster& r, double opacity) {
  if (r.png.empty() || r.extent.empty()) return;
  body_ += "<image x=\"" + num(px(r.extent.min_x)) + "\" y=\"" + num(py(r.extent.max_y)) + "\" width=\"" +
           num((r.extent.max_x - r.extent.min_x) * scale_) + "\" height=\"" +
           num((r.extent.max_y - r.extent.min_y) * scale_) + "\" opacity=\"" + small(opacity) +
           "\" preserveAspectRatio=\"none\" class=\"raster\" href=\"data:image/png;base64," + base64(r.png) + "\"/>\n";
}

void SvgMap::shapes(const std::vector<const ReportShape*>& shapes, const Rgba& fill, double fill_opacity,
                    const std::string& stroke, double stroke_width, const std::string& css_class) {
  std::string d;
  for (const auto* s : shapes) d += path_data(*s);
  if (d.empty()) return;
  body_ += "<path class=\"" + css_class + "\" " +
           (fill_opacity > 0 ? fill_attr(fill, fill_opacity) : std::string("fill=\"none\"")) + " stroke=\"" + stroke +
           "\" stroke-width=\"" + small(stroke_width) + "\" stroke-linejoin=\"round\" fill-rule=\"evenodd\" d=\"" + d +
           "\"/>\n";
}

void SvgMap::label(double x, double y, const std::string& text, bool primary) {
  const double fs = std::max(primary ? 9.0 : 7.0, width_ / (primary ? 64 : 90));
  body_ += "<text class=\"label\" x=\"" + num(px(x)) + "\" y=\"" + num(py(y)) + "\" font-size=\"" + num(fs) +
           "\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-weight=\"" +
           (primary ? "bold\" fill=\"#1e1e1e\" " : "normal\" fill=\"#555555\" ") +
           "stroke=\"#ffffff\" stroke-width=\"" + num(fs / 4) + "\" stroke-opacity=\"0.85\" paint-order=\"stroke\">" +
           html_escape(text) + "</text>\n";
}

std::string SvgMap::finish(const std::string& title, const std::string& language) const {
  const double fs = std::max(9.0, width_ / 70);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 " + num(width_) + " " +
                  num(height_) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n<title>" +
                  html_escape(title) + "</title>\n<rect class=\"frame\" x=\"0\" y=\"0\" width=\"" + num(width_) +
                  "\" height=\"" + num(height_) + "\" fill=\"#ffffff\" stroke=\"#888888\" stroke-width=\"1\"/>\n";
  s += body_;
  // Scale bar: a round length near a quarter of the map width, bottom left.
  const double metres = nice_floor(span_m_ / 4);
  const double len = metres * scale_, x = width_ * 0.03, y = height_ - fs * 2.2;
  s += "<g class=\"scalebar\"><rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(len / 2) +
       "\" height=\"" + num(fs / 2.5) + "\" fill=\"#222222\"/><rect x=\"" + num(x + len / 2) + "\" y=\"" + num(y) +
       "\" width=\"" + num(len / 2) + "\" height=\"" + num(fs / 2.5) +
       "\" fill=\"#ffffff\" stroke=\"#222222\" stroke-width=\"1\"/>";
  const std::string unit = metres >= 1000 ? format_number(metres / 1000, metres >= 10000 ? 0 : 1, language) + " km"
                                          : format_number(metres, 0, language) + " m";
  s += "<text x=\"" + num(x) + "\" y=\"" + num(y + fs * 1.5) + "\" font-size=\"" + num(fs) +
       "\" fill=\"#222222\">0</text>";
  s += "<text x=\"" + num(x + len) + "\" y=\"" + num(y + fs * 1.5) + "\" font-size=\"" + num(fs) +
       "\" text-anchor=\"middle\" fill=\"#222222\">" + unit + "</text></g>\n";
  // North arrow, top right.
  const double ax = width_ - fs * 2.5, ay = fs * 1.2, ah = fs * 2.4;
  s += "<g class=\"north\"><circle cx=\"" + num(ax) + "\" cy=\"" + num(ay + ah * 0.75) + "\" r=\"" + num(ah * 0.95) +
       "\" fill=\"#ffffff\" fill-opacity=\"0.85\"/><path d=\"M" + num(ax) + " " + num(ay) + "L" + num(ax + ah / 3) +
       " " + num(ay + ah) + "L" + num(ax) + " " + num(ay + ah * 0.75) + "L" + num(ax - ah / 3) + " " + num(ay + ah) +
       "Z\" fill=\"#222222\"/><text x=\"" + num(ax) + "\" y=\"" + num(ay + ah + fs * 1.2) + "\" font-size=\"" +
       num(fs) + "\" text-anchor=\"middle\" fill=\"#222222\">N</text></g>\n";
  s += "</svg>";
  return s;
}

std::string svg_bar_chart(const std::vector<BarRow>& rows, const std::vector<std::string>& series,
                          const std::vector<Rgba>& colors, const std::string& title, const std::string& language) {
  const double width = 1000, label_w = 250, left = label_w + 10, right = 720, bar_h = 13, gap = 9, top = 34;
  const std::size_t n = series.size();
  double max = 0;
  for (const auto& r : rows)
    for (double v : r.values)
      if (std::isfinite(v)) max = std::max(max, v);
  const auto t = ticks(max);
  const double axis_max = t.back();
  const double row_h = static_cast<double>(n) * bar_h + gap;
  const double height = top + row_h * static_cast<double>(rows.size()) + 26;
  auto x_of = [&](double v) { return left + (right - left) * v / axis_max; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 " + num(width) + " " +
                  num(height) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n<title>" +
                  html_escape(title) + "</title>\n";
  // Legend of the series.
  double lx = left;
  for (std::size_t k = 0; k < n; ++k) {
    s += "<rect x=\"" + num(lx) + "\" y=\"6\" width=\"14\" height=\"12\" fill=\"" + colors[k].hex() + "\"/>";
    s += "<text x=\"" + num(lx + 20) + "\" y=\"16\" font-size=\"14\">" + html_escape(series[k]) + "</text>\n";
    lx += 28 + 9.0 * static_cast<double>(series[k].size());
  }
  for (double v : t) {
    const double x = x_of(v);
    s += "<line x1=\"" + num(x) + "\" y1=\"" + num(top - 4) + "\" x2=\"" + num(x) + "\" y2=\"" + num(height - 22) +
         "\" stroke=\"#dddddd\" stroke-width=\"1\"/>";
    s += "<text x=\"" + num(x) + "\" y=\"" + num(height - 6) +
         "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555555\">" +
         format_number(v, v == std::floor(v) ? 0 : 1, language) + "</text>\n";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y0 = top + row_h * static_cast<double>(i);
    s += "<text x=\"" + num(label_w) + "\" y=\"" + num(y0 + n * bar_h / 2.0 + 4) +
         "\" font-size=\"13\" text-anchor=\"end\">" + html_escape(rows[i].label) + "</text>";
    for (std::size_t k = 0; k < n && k < rows[i].values.size(); ++k) {
      const double v = rows[i].values[k];
      if (!std::isfinite(v)) continue;
      const double y = y0 + static_cast<double>(k) * bar_h;
      s += "<rect class=\"bar\" x=\"" + num(left) + "\" y=\"" + num(y) + "\" width=\"" +
           num(std::max(0.0, x_of(v) - left)) + "\" height=\"" + num(bar_h - 2) + "\" fill=\"" + colors[k].hex() +
           "\"><title>" + html_escape(rows[i].label + ", " + series[k] + ": " + format_number(v, 0, language)) +
           "</title></rect>";
      s += "<text x=\"" + num(x_of(v) + 4) + "\" y=\"" + num(y + bar_h - 3) + "\" font-size=\"11\" fill=\"#333333\">" +
           format_number(v, 0, language) + "</text>";
    }
    if (!rows[i].note.empty())
      s += "<text class=\"mark\" x=\"" + num(right + 45) + "\" y=\"" + num(y0 + n * bar_h / 2.0 + 4) +
           "\" font-size=\"13\" font-weight=\"bold\">" + html_escape(rows[i].note) + "</text>";
    s += "\n";
  }
  s += "<line x1=\"" + num(left) + "\" y1=\"" + num(top - 4) + "\" x2=\"" + num(left) + "\" y2=\"" + num(height - 22) +
       "\" stroke=\"#444444\" stroke-width=\"1\"/>\n</svg>";
  return s;
}

std::string svg_month_lines(const std::vector<std::vector<double>>& series, const std::vector<Rgba>& colors,
                            const std::string& first_label, const std::string& last_label, const std::string& title,
                            const std::string& language) {
  const double width = 320, height = 150, left = 38, right = 312, top = 10, bottom = 124;
  std::size_t months = 0;
  double max = 0;
  for (const auto& v : series) {
    months = std::max(months, v.size());
    for (double x : v)
      if (std::isfinite(x)) max = std::max(max, x);
  }
  const double axis_max = ticks(max).back();
  auto x_of = [&](std::size_t k) {
    return months < 2 ? left : left + (right - left) * static_cast<double>(k) / static_cast<double>(months - 1);
  };
  auto y_of = [&](double v) { return bottom - (bottom - top) * v / axis_max; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart lines\" viewBox=\"0 0 " + num(width) + " " +
                  num(height) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n<title>" +
                  html_escape(title) + "</title>\n";
  for (double v : {0.0, axis_max / 2, axis_max}) {
    s += "<line x1=\"" + num(left) + "\" y1=\"" + num(y_of(v)) + "\" x2=\"" + num(right) + "\" y2=\"" + num(y_of(v)) +
         "\" stroke=\"" + std::string(v == 0 ? "#444444" : "#dddddd") + "\" stroke-width=\"1\"/>";
    s += "<text x=\"" + num(left - 4) + "\" y=\"" + num(y_of(v) + 5) +
         "\" font-size=\"13\" text-anchor=\"end\" fill=\"#555555\">" +
         format_number(v, v == std::floor(v) ? 0 : 1, language) + "</text>\n";
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::string points, values;  // the counts themselves in data-values, for tools and tests
    for (std::size_t k = 0; k < series[i].size(); ++k) {
      values += (k ? " " : "") + num(series[i][k]);
      if (std::isfinite(series[i][k]))
        points += (points.empty() ? "" : " ") + num(x_of(k)) + "," + num(y_of(series[i][k]));
    }
    if (!points.empty())
      s += "<polyline class=\"line\" points=\"" + points + "\" data-values=\"" + values + "\" fill=\"none\" stroke=\"" +
           colors[i].hex() + "\" stroke-width=\"2\"/>\n";
  }
  s += "<text x=\"" + num(left) + "\" y=\"" + num(height - 8) + "\" font-size=\"13\" fill=\"#555555\">" +
       html_escape(first_label) + "</text>";
  s += "<text x=\"" + num(right) + "\" y=\"" + num(height - 8) +
       "\" font-size=\"13\" text-anchor=\"end\" fill=\"#555555\">" + html_escape(last_label) + "</text>\n</svg>";
  return s;
}

std::string svg_interval_chart(const std::vector<IntervalRow>& rows, const std::vector<std::string>& series,
                               const std::vector<Rgba>& colors, bool percent, const std::string& title,
                               const std::string& language) {
  const double width = 1000, label_w = 330, left = label_w + 15, right = 960, step = 14, gap = 10, top = 34;
  const std::size_t n = series.size();
  double max = percent ? 1.0 : 0.0;
  if (!percent)
    for (const auto& r : rows)
      for (const auto& p : r.points)
        if (p.present && std::isfinite(p.high)) max = std::max(max, p.high);
  const auto t = percent ? std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0} : ticks(max);
  const double axis_max = t.back();
  const double row_h = static_cast<double>(n) * step + gap;
  const double height = top + row_h * static_cast<double>(rows.size()) + 26;
  auto x_of = [&](double v) { return left + (right - left) * std::clamp(v, 0.0, axis_max) / axis_max; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart intervals\" viewBox=\"0 0 " + num(width) +
                  " " + num(height) + "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n<title>" +
                  html_escape(title) + "</title>\n";
  double lx = left;
  for (std::size_t k = 0; k < n; ++k) {
    s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"12\" r=\"5\" fill=\"" + colors[k].hex() + "\"/>";
    s += "<text x=\"" + num(lx + 16) + "\" y=\"16\" font-size=\"14\">" + html_escape(series[k]) + "</text>\n";
    lx += 28 + 9.0 * static_cast<double>(series[k].size());
  }
  for (double v : t) {
    const double x = x_of(v);
    s += "<line x1=\"" + num(x) + "\" y1=\"" + num(top - 4) + "\" x2=\"" + num(x) + "\" y2=\"" + num(height - 22) +
         "\" stroke=\"#dddddd\" stroke-width=\"1\"/>";
    s += "<text x=\"" + num(x) + "\" y=\"" + num(height - 6) +
         "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555555\">" +
         (percent ? format_number(v * 100, 0, language) + " %" : format_number(v, 1, language)) + "</text>\n";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y0 = top + row_h * static_cast<double>(i);
    s += "<text x=\"" + num(label_w) + "\" y=\"" + num(y0 + n * step / 2.0 + 2) +
         "\" font-size=\"13\" text-anchor=\"end\">" + html_escape(rows[i].label) + "</text>";
    for (std::size_t k = 0; k < n && k < rows[i].points.size(); ++k) {
      const auto& p = rows[i].points[k];
      if (!p.present) continue;
      const double y = y0 + static_cast<double>(k) * step + step / 2 - 2;
      const std::string c = p.too_few ? "#999999" : colors[k].hex();
      s += "<line class=\"interval\" x1=\"" + num(x_of(p.low)) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x_of(p.high)) +
           "\" y2=\"" + num(y) + "\" stroke=\"" + c + "\" stroke-width=\"2.5\"/>";
      s += "<circle class=\"estimate\" cx=\"" + num(x_of(p.estimate)) + "\" cy=\"" + num(y) + "\" r=\"5\" fill=\"" +
           (p.too_few ? std::string("#ffffff") : c) + "\" stroke=\"" + c + "\" stroke-width=\"2\"/>";
    }
    s += "\n";
  }
  s += "</svg>";
  return s;
}

std::string svg_swatch(const Rgba& color, bool hatched, double opacity) {
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" width=\"16\" height=\"11\" viewBox=\"0 0 16 11\">";
  if (hatched) {
    s += "<rect x=\"0.5\" y=\"0.5\" width=\"15\" height=\"10\" fill=\"#ffffff\" stroke=\"#666666\"/>"
         "<path d=\"M0 11L11 0M5 11L16 0M-5 11L6 0\" stroke=\"#777777\" stroke-width=\"1\"/>";
  } else {
    s += "<rect x=\"0.5\" y=\"0.5\" width=\"15\" height=\"10\" " + fill_attr(color, opacity) +
         " stroke=\"#666666\" stroke-width=\"0.6\"/>";
  }
  return s + "</svg>";
}

std::string svg_ramp(const std::vector<RampStop>& ramp, const std::string& low_label, const std::string& high_label,
                     const std::string& id) {
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ramp\" width=\"240\" height=\"30\" viewBox=\"0 0 240 30\">"
      "<defs><linearGradient id=\"" +
      id + "\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">";
  for (const auto& stop : ramp)
    s += "<stop offset=\"" + num(stop.position * 100) + "%\" stop-color=\"" + stop.color.hex() + "\" stop-opacity=\"" +
         small(stop.color.a / 255.0) + "\"/>";
  s += "</linearGradient></defs><rect x=\"1\" y=\"1\" width=\"238\" height=\"12\" fill=\"url(#" + id +
       ")\" stroke=\"#666666\" stroke-width=\"0.6\"/>";
  s += "<text x=\"1\" y=\"27\" font-size=\"11\">" + html_escape(low_label) + "</text>";
  s += "<text x=\"239\" y=\"27\" font-size=\"11\" text-anchor=\"end\">" + html_escape(high_label) + "</text></svg>";
  return s;
}

}  // namespace kvo::io
