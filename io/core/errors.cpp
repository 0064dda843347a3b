#include "io/core/errors.hpp"

namespace kvo::io {

std::string Location::describe() const {
  std::string s = path;
  if (!layer.empty()) {
    if (!s.empty()) s.append(", ");
    s.append("layer '").append(layer).append("'");
  }
  if (line > 0) {
    if (!s.empty()) s.append(":");
    s.append(std::to_string(line));
  }
  if (!key.empty()) {
    if (!s.empty()) s.append(": ");
    s.append("'").append(key).append("'");
  }
  return s;
}

static std::string compose(const std::string& message, const Location& where) {
  const std::string loc = where.describe();
  return loc.empty() ? message : loc + ": " + message;
}

Error::Error(const std::string& message, Location where)
    : std::runtime_error(compose(message, where)), where_(std::move(where)), message_(message) {}

}  // namespace kvo::io
