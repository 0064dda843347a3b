#include "io/core/machine_paths.hpp"

#include <algorithm>
#include <cctype>

namespace kvo::io {

namespace fs = std::filesystem;

namespace {

std::string folder_prefix(const fs::path& dir) {
  std::string s = dir.lexically_normal().generic_string();
  if (s.empty() || s == "/") return {};
  if (s.back() != '/') s += '/';
  return s;
}

}  // namespace

MachinePaths::MachinePaths(const fs::path& spec_dir) {
  if (auto p = folder_prefix(fs::absolute(spec_dir)); !p.empty()) prefixes_.push_back(p);
}

void MachinePaths::add_file(const fs::path& file) {
  if (file.empty()) return;
  const std::string p = folder_prefix(fs::absolute(file).parent_path());
  if (p.empty() || std::find(prefixes_.begin(), prefixes_.end(), p) != prefixes_.end()) return;
  prefixes_.push_back(p);
  if (prefixes_.size() > 2)
    std::stable_sort(prefixes_.begin() + 1, prefixes_.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string MachinePaths::strip(std::string text) const {
  // Only where a path starts: not inside a longer path that merely contains the folder.
  auto inside_path = [&text](std::size_t at) {
    if (at == 0) return false;
    const char c = text[at - 1];
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '~' || c == '/' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (const auto& prefix : prefixes_)
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
      if (inside_path(at)) {
        ++at;
        continue;
      }
      text.erase(at, prefix.size());
    }
  return text;
}

nlohmann::json MachinePaths::strip_json(const nlohmann::json& doc) const {
  if (doc.is_string()) return strip(doc.get<std::string>());
  if (doc.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : doc) out.push_back(strip_json(v));
    return out;
  }
  if (doc.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : doc.items()) out[strip(k)] = strip_json(v);
    return out;
  }
  return doc;
}

}  // namespace kvo::io
