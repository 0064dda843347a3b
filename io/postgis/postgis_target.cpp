#include "io/postgis/postgis_target.hpp"

#include <cctype>
#include <regex>
#include <vector>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace {

constexpr std::size_t kMaxSchemaName = 48;  // room for the staging suffix within PostgreSQL's 63

struct KeyValue {
  std::string key, value;
};

bool is_uri(std::string_view s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

// libpq's key = value syntax (PQconnectdb): values bare or in single quotes with \ escapes.
std::vector<KeyValue> split_conninfo(std::string_view s, const std::string& shown) {
  std::vector<KeyValue> out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  while (true) {
    skip_space();
    if (i >= s.size()) break;
    KeyValue kv;
    while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i]))) kv.key += s[i++];
    skip_space();
    if (i >= s.size() || s[i] != '=')
      throw ConfigError("the PostgreSQL connection string has '" + kv.key + "' without '=value'", at(shown));
    ++i;
    skip_space();
    if (i < s.size() && s[i] == '\'') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          kv.value += s[i + 1];
          i += 2;
        } else if (s[i] == '\'') {
          ++i;
          closed = true;
          break;
        } else {
          kv.value += s[i++];
        }
      }
      if (!closed) throw ConfigError("the PostgreSQL connection string has an unterminated quote", at(shown));
    } else {
      while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) kv.value += s[i++];
    }
    out.push_back(std::move(kv));
  }
  return out;
}

std::string quoted_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

bool is_postgis_target(std::string_view target) {
  return target.rfind("PG:", 0) == 0;
}

bool valid_schema_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxSchemaName) return false;
  if (!(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string schema_name_from(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80)
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z')) out = "kvo_" + out;
  if (out.size() > kMaxSchemaName) out.resize(kMaxSchemaName);
  while (out.back() == '_') out.pop_back();
  return out;
}

std::string redacted_target(const std::string& target) {
  static const std::regex keyword(R"((password\s*=\s*)('(\\.|[^'\\])*'|\S+))", std::regex::icase);
  static const std::regex uri(R"((://[^:/@\s]*:)[^@/\s]*@)");
  std::string out = std::regex_replace(target, keyword, "$1***");
  return std::regex_replace(out, uri, "$1***@");
}

PostgisTarget parse_postgis_target(const std::string& target) {
  PostgisTarget t;
  t.shown = redacted_target(target);
  const std::string body = target.substr(3);
  if (is_uri(body)) {
    t.conninfo = body;
    return t;
  }
  for (auto& kv : split_conninfo(body, t.shown)) {
    if (kv.key == "active_schema" || kv.key == "schemas") {
      // "schemas=a,b" lists what GDAL shows; its first is the active schema.
      const std::string first = kv.value.substr(0, kv.value.find(','));
      if (t.schema.empty() || kv.key == "active_schema") t.schema = first;
    } else if (kv.key != "tables") {
      if (!t.conninfo.empty()) t.conninfo += ' ';
      t.conninfo += kv.key + "=" + quoted_value(kv.value);
    }
  }
  if (!t.schema.empty()) (void)resolved_schema(t, {});
  return t;
}

std::string resolved_schema(const PostgisTarget& target, const std::string& fallback) {
  const std::string schema = target.schema.empty() ? fallback : target.schema;
  if (!valid_schema_name(schema))
    throw ConfigError(
        "the output schema '" + schema + "' must be 1 to 48 lower-case letters, digits or _, starting with a letter",
        at(target.shown, 0, "active_schema"));
  return schema;
}

}  // namespace kvo::io
