#include "io/gpkg/sql_text.hpp"

namespace kvo::io {

namespace {

std::string quote(std::string_view text, char q) {
  std::string out(1, q);
  for (char c : text) {
    if (c == q) out += q;
    out += c;
  }
  return out + q;
}

}  // namespace

std::string sql_literal(std::string_view text) {
  return quote(text, '\'');
}
std::string sql_identifier(std::string_view name) {
  return quote(name, '"');
}

}  // namespace kvo::io
