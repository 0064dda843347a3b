#include "io/errors.hpp"

namespace kvo::io {

std::string Location::describe() const {
  std::string s = path;
  if (!layer.empty()) s += (s.empty() ? "" : ", ") + std::string("layer '") + layer + "'";
  if (line > 0) s += (s.empty() ? "" : ":") + std::to_string(line);
  if (!key.empty()) s += (s.empty() ? "" : ": ") + std::string("'") + key + "'";
  return s;
}

static std::string compose(const std::string& message, const Location& where) {
  const std::string loc = where.describe();
  return loc.empty() ? message : loc + ": " + message;
}

Error::Error(const std::string& message, Location where)
    : std::runtime_error(compose(message, where)), where_(std::move(where)), message_(message) {}

}  // namespace kvo::io
