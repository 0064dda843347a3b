#pragma once
// Category codes → themes, from the tables in data/taxonomy/ plus a spec's own mappings.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/themes.hpp"

namespace kvo::io {

/// A code → theme table. Matching (docs/spec.md): the whole value, then ever shorter
/// ` / `-separated prefixes (`Brand / Buitenbrand / Container` → `Brand / Buitenbrand` →
/// `Brand`), then its leading code token (`1.1.1 Diefstal…` → `1.1.1`); case-insensitive,
/// `_` read as a space, white space folded, `/` with or without spaces alike. A code can
/// map to kExcluded: known, but out of the analysis's scope (counted, not rejected).
class Taxonomy {
 public:
  /// The "theme" of a code that is out of scope (`excluded` in a table, `exclude` in a spec).
  static constexpr engine::ThemeId kExcluded = 0xFE;
  /// The theme a table's `theme` column names (`excluded` included), or nullopt.
  static std::optional<engine::ThemeId> theme_from_name(std::string_view name);
  /// The names a `theme` column accepts, for messages: "burglary, robbery, …, excluded".
  static std::string theme_names();

  /// Adds or replaces a mapping.
  void add(std::string_view code, engine::ThemeId theme);
  /// Adds a spec's mapping (`codes`, `exclude`), which overrides the table at every level:
  /// the table's more specific rows under it are dropped ("Alarm / OMS" excluded also
  /// excludes the table's "Alarm / OMS / Loos alarm"); other spec rows stay.
  void add_override(std::string_view code, engine::ThemeId theme);
  /// The theme of a value, or nullopt when nothing matches.
  [[nodiscard]] std::optional<engine::ThemeId> classify(std::string_view value) const;
  /// The normalised code a value matched (itself, a ` / ` prefix or its leading code), or
  /// nullopt when nothing matches: which mapping decided its theme.
  [[nodiscard]] std::optional<std::string> matched_code(std::string_view value) const;
  /// Every code as first spelled when added (a table's code and label, a spec's codes and
  /// exclude), sorted: for suggestions.
  [[nodiscard]] std::vector<std::string> spellings() const;
  /// Number of mappings.
  [[nodiscard]] std::size_t size() const { return map_.size(); }
  /// Every mapping as (normalised code, theme name), sorted: for the manifest.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> entries() const;

  /// SHA-256 of the sorted mappings: equal fingerprints map every code alike.
  [[nodiscard]] std::string fingerprint() const;

  /// The form codes are matched in: lower case, `_` as a space, white space folded, `/`
  /// as " / ". Two values with the same form are the same code.
  static std::string normalise(std::string_view value);

  /// Reads a taxonomy CSV (header; first column the code, a column `theme`). Throws InputError.
  static Taxonomy read_csv(const std::filesystem::path& path);
  /// Parses taxonomy CSV text from a stream; `name` names it in errors. Throws InputError.
  static Taxonomy parse_csv(std::istream& in, const std::string& name);

 private:
  using Map = std::unordered_map<std::string, engine::ThemeId>;
  [[nodiscard]] const Map::value_type* find(std::string_view value) const;
  Map map_;
  std::unordered_map<std::string, std::string> spelling_;  ///< normalised → first spelling
  std::unordered_set<std::string> overrides_;              ///< normalised codes a spec added
};

/// Where the taxonomy tables are: $KVO_DATA_DIR/taxonomy, next to the installed binary
/// (../share/kvo/taxonomy), the source tree, then the install prefix.
std::filesystem::path taxonomy_dir();

/// Resolves a spec's taxonomy value: a name ("police") in taxonomy_dir() or a CSV path
/// relative to `base_dir`.
std::filesystem::path taxonomy_path(const std::string& name_or_path, const std::filesystem::path& base_dir);

}  // namespace kvo::io
