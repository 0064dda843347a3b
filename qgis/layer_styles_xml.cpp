#include "qgis/layer_styles_xml.hpp"

#include <charconv>
#include <cmath>

namespace kvo::io::detail {

std::string xml_escape(std::string_view text) {
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
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string xml_number(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == 0) return "0";  // no "-0"
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

void Xml::start(std::string_view tag, const XmlAttrs& attrs) {
  out_.append(2 * stack_.size(), ' ');
  out_ += '<';
  out_ += tag;
  for (const auto& [k, v] : attrs) {
    out_ += ' ';
    out_ += k;
    out_ += "=\"";
    out_ += xml_escape(v);
    out_ += '"';
  }
}

Xml& Xml::open(std::string_view tag, const XmlAttrs& attrs) {
  start(tag, attrs);
  out_ += ">\n";
  stack_.emplace_back(tag);
  return *this;
}

Xml& Xml::empty(std::string_view tag, const XmlAttrs& attrs) {
  start(tag, attrs);
  out_ += "/>\n";
  return *this;
}

Xml& Xml::text(std::string_view tag, std::string_view text, const XmlAttrs& attrs) {
  start(tag, attrs);
  out_ += '>';
  out_ += xml_escape(text);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
  return *this;
}

Xml& Xml::close() {
  const std::string tag = stack_.back();
  stack_.pop_back();
  out_.append(2 * stack_.size(), ' ');
  out_ += "</" + tag + ">\n";
  return *this;
}

Xml& Xml::raw(std::string_view line) {
  out_.append(2 * stack_.size(), ' ');
  out_ += line;
  out_ += '\n';
  return *this;
}

}  // namespace kvo::io::detail
