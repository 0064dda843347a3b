#pragma once
// Internal to io/: a tiny indenting XML writer for QGIS styles (QML) and projects (.qgs).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kvo::io::detail {

/// Attributes of an element, in the order written.
using XmlAttrs = std::vector<std::pair<std::string, std::string>>;

/// Text with &, <, >, " and ' escaped for XML content and attributes.
std::string xml_escape(std::string_view text);

/// Shortest decimal text that reads back as the same double ("0", "2.5", "1e-05").
std::string xml_number(double value);

/// Writes indented XML into a string; elements must be closed in order.
class Xml {
 public:
  /// Opens `<tag attrs>`.
  Xml& open(std::string_view tag, const XmlAttrs& attrs = {});
  /// Writes `<tag attrs/>`.
  Xml& empty(std::string_view tag, const XmlAttrs& attrs = {});
  /// Writes `<tag attrs>text</tag>` (text escaped).
  Xml& text(std::string_view tag, std::string_view text, const XmlAttrs& attrs = {});
  /// Closes the innermost open element.
  Xml& close();
  /// Writes a line verbatim at the current depth (for a DOCTYPE or a prolog).
  Xml& raw(std::string_view line);
  /// The document so far.
  [[nodiscard]] const std::string& str() const { return out_; }
  /// Current nesting depth.
  [[nodiscard]] std::size_t depth() const { return stack_.size(); }

 private:
  void start(std::string_view tag, const XmlAttrs& attrs);
  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace kvo::io::detail
