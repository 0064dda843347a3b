#include "io/read/exclude_audit.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "io/core/text.hpp"

namespace kvo::io {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

// A value and its ` / ` levels ("Hulpverlening / Dier / Te water" → "Hulpverlening",
// "Hulpverlening / Dier", the whole), as the export spells them.
std::vector<std::string> levels(const std::string& value) {
  std::vector<std::string> out;
  std::string joined;
  std::size_t from = 0;
  while (true) {
    const auto cut = value.find('/', from);
    const std::string_view part = trim(std::string_view(value).substr(from, cut - from));
    if (!joined.empty()) joined += " / ";
    joined += part;
    out.push_back(joined);
    if (cut == std::string::npos) break;
    from = cut + 1;
  }
  out.back() = std::string(trim(value));
  return out;
}

}  // namespace

std::vector<UnusedExclude> unused_excludes(const SourceSpec& source, const Taxonomy& taxonomy,
                                           const std::vector<std::string>& values) {
  std::vector<UnusedExclude> entries;
  for (const auto& e : source.exclude) entries.push_back({"exclude", e, ""});
  for (const auto& [code, theme] : source.codes)
    if (theme == "excluded") entries.push_back({"codes", code, ""});
  if (entries.empty()) return {};

  std::set<std::string> used;  // the normalised codes that excluded a value
  for (const auto& v : values)
    if (taxonomy.classify(v) == Taxonomy::kExcluded)
      if (auto code = taxonomy.matched_code(v)) used.insert(std::move(*code));

  std::vector<UnusedExclude> out;
  std::map<std::string, std::string> known;  // normalised → spelling (the export's first)
  for (auto& e : entries) {
    const std::string key = Taxonomy::normalise(e.entry);
    if (used.contains(key)) continue;
    if (known.empty()) {
      for (const auto& v : values)
        for (auto& level : levels(v)) known.try_emplace(Taxonomy::normalise(level), std::move(level));
      for (auto& s : taxonomy.spellings()) known.try_emplace(Taxonomy::normalise(s), std::move(s));
    }
    const std::size_t limit = std::max<std::size_t>(1, key.size() / 4);
    std::size_t best = limit + 1;
    for (const auto& [code, spelling] : known) {
      if (code == key) continue;  // the entry itself is in the taxonomy now
      const std::size_t longer = std::max(code.size(), key.size()), shorter = std::min(code.size(), key.size());
      if (longer - shorter >= best) continue;  // cannot be closer
      if (const std::size_t d = edit_distance(key, code); d < best) best = d, e.suggestion = spelling;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace kvo::io
