#include "io/read/taxonomy.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "io/core/errors.hpp"
#include "io/core/input_path.hpp"
#include "io/core/sha256.hpp"
#include "io/core/text.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

std::string Taxonomy::normalise(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool space = false;
  for (char c : trim(value)) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '_') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // Fold " / " spacing variants ("Brand/Buitenbrand") into one form.
  std::string folded;
  folded.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '/') {
      while (!folded.empty() && folded.back() == ' ') folded.pop_back();
      folded += " / ";
      while (i + 1 < out.size() && out[i + 1] == ' ') ++i;
    } else {
      folded += out[i];
    }
  }
  return folded;
}

std::optional<engine::ThemeId> Taxonomy::theme_from_name(std::string_view name) {
  if (name == "excluded") return kExcluded;
  const auto theme = engine::theme_from_name(name);
  if (!theme || *theme == engine::kThemeAll) return std::nullopt;
  return theme;
}

std::string Taxonomy::theme_names() {
  return engine::theme_list() + ", excluded";
}

void Taxonomy::add(std::string_view code, engine::ThemeId theme) {
  std::string key = normalise(code);
  spelling_.try_emplace(key, trim(code));
  map_[std::move(key)] = theme;
}

void Taxonomy::add_override(std::string_view code, engine::ThemeId theme) {
  const std::string key = normalise(code);
  const std::string below = key + " / ";
  for (auto it = map_.begin(); it != map_.end();)
    it =
        it->first.compare(0, below.size(), below) == 0 && !overrides_.count(it->first) ? map_.erase(it) : std::next(it);
  overrides_.insert(key);
  add(code, theme);
}

const Taxonomy::Map::value_type* Taxonomy::find(std::string_view value) const {
  const std::string whole = normalise(value);
  if (whole.empty()) return nullptr;
  if (auto it = map_.find(whole); it != map_.end()) return &*it;
  // The most specific level first ("Alarm / Rookmelder / Woning" → "Alarm / Rookmelder"
  // → "Alarm"), so a sub-level can be mapped or excluded apart from its parent.
  std::string key = whole;
  for (auto cut = key.rfind(" / "); cut != std::string::npos; cut = key.rfind(" / ")) {
    key.resize(cut);
    if (auto it = map_.find(key); it != map_.end()) return &*it;
  }
  // Then the leading code token ("1.1.1 Diefstal/inbraak woning" → "1.1.1").
  if (auto sp = whole.find(' '); sp != std::string::npos) {
    if (auto it = map_.find(whole.substr(0, sp)); it != map_.end()) return &*it;
  }
  return nullptr;
}

std::optional<engine::ThemeId> Taxonomy::classify(std::string_view value) const {
  if (const auto* hit = find(value)) return hit->second;
  return std::nullopt;
}

std::optional<std::string> Taxonomy::matched_code(std::string_view value) const {
  if (const auto* hit = find(value)) return hit->first;
  return std::nullopt;
}

std::vector<std::string> Taxonomy::spellings() const {
  std::vector<std::string> out;
  out.reserve(spelling_.size());
  for (const auto& [key, spelling] : spelling_) out.push_back(spelling);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, std::string>> Taxonomy::entries() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(map_.size());
  for (const auto& [k, v] : map_)
    out.emplace_back(k, v == kExcluded ? std::string("excluded") : std::string(engine::theme_name(v)));
  std::sort(out.begin(), out.end());
  return out;
}

std::string Taxonomy::fingerprint() const {
  std::string text;
  for (const auto& [code, theme] : entries()) text += code + "\t" + theme + "\n";
  return sha256_hex(text);
}

// Splits one CSV line on commas, honouring double quotes.
static std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

Taxonomy Taxonomy::read_csv(const fs::path& path) {
  require_input_file(path);
  std::ifstream in(path);
  if (!in) throw InputError("cannot open the taxonomy table", at(path.string()));
  return parse_csv(in, path.string());
}

Taxonomy Taxonomy::parse_csv(std::istream& in, const std::string& name) {
  std::string line;
  if (!std::getline(in, line)) throw InputError("the taxonomy table is empty", at(name));
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  const auto header = split_csv_line(line);
  const auto theme_col = std::find(header.begin(), header.end(), "theme");
  if (theme_col == header.end() || header.size() < 2)
    throw InputError("the taxonomy table needs a code column first and a 'theme' column", at(name, 1));
  const std::size_t tc = static_cast<std::size_t>(theme_col - header.begin());
  const std::size_t label_col =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "label") - header.begin());
  Taxonomy t;
  std::int64_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty() || line[0] == '#') continue;
    const auto cols = split_csv_line(line);
    if (cols.size() <= tc) throw InputError("too few columns", at(name, line_no));
    const auto theme = theme_from_name(trim(cols[tc]));
    if (!theme)
      throw InputError("unknown theme '" + cols[tc] + "' (themes: " + theme_names() + ")", at(name, line_no, "theme"));
    if (trim(cols[0]).empty()) throw InputError("empty code", at(name, line_no, header[0]));
    t.add(cols[0], *theme);
    // A value may also be the label alone ("Winkeldiefstal" without its code).
    if (label_col < cols.size() && !trim(cols[label_col]).empty()) t.add(cols[label_col], *theme);
  }
  return t;
}

fs::path taxonomy_dir() {
  if (const char* env = std::getenv("KVO_DATA_DIR"); env && *env) return fs::path(env) / "taxonomy";
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "kvo" / "taxonomy";
    if (fs::is_directory(installed, ec)) return installed;
  }
  // A build-tree binary uses the source tree's tables; an installed one found them above.
  const fs::path source = fs::path(KVO_SOURCE_DATA_DIR) / "taxonomy";
  if (fs::is_directory(source, ec)) return source;
  return fs::path(KVO_INSTALLED_DATA_DIR) / "taxonomy";
}

fs::path taxonomy_path(const std::string& name_or_path, const fs::path& base_dir) {
  const bool looks_like_path =
      name_or_path.find('/') != std::string::npos || name_or_path.find('.') != std::string::npos;
  if (!looks_like_path) return taxonomy_dir() / (name_or_path + ".csv");
  const fs::path p(name_or_path);
  return p.is_absolute() ? p : base_dir / p;
}

}  // namespace kvo::io
