#include "io/core/spec.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/themes.hpp"
#include "io/core/clock.hpp"
#include "io/core/crs_transform.hpp"
#include "io/core/errors.hpp"
#include "io/core/input_path.hpp"
#include "io/core/text.hpp"

namespace kvo::io {

namespace fs = std::filesystem;
using engine::CivilDate;

std::string_view source_kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::police:
      return "police";
    case SourceKind::fire:
      return "fire";
    case SourceKind::survey:
      return "survey";
    case SourceKind::observation:
      return "observation";
    case SourceKind::area_counts:
      return "area_counts";
  }
  return "police";
}

static std::optional<SourceKind> source_kind_from_name(std::string_view s) {
  for (auto k :
       {SourceKind::police, SourceKind::fire, SourceKind::survey, SourceKind::observation, SourceKind::area_counts})
    if (source_kind_name(k) == s) return k;
  return std::nullopt;
}

std::vector<engine::PeriodId> AnalysisSpec::present_periods() const {
  std::vector<engine::PeriodId> out;
  for (std::size_t i = 0; i < engine::kPeriodCount; ++i)
    if (periods[i].present) out.push_back(static_cast<engine::PeriodId>(i));
  return out;
}

// Lower-case ASCII letters and digits kept, every other run of characters one `_`, no `_`
// at either end: safe in a field name and in SQL.
std::string safe_set_name(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) && u < 128)
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.size() > kMaxSetName) out.resize(kMaxSetName);
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

namespace {

// Sanity bounds of the method's lengths: below a metre is no street-level analysis (and a
// grid or raster of astronomic size); above these no KVO area or town is that large.
constexpr double kMinCellSizeM = 1.0;
constexpr double kMaxCellSizeM = 50'000.0;
constexpr double kMaxDistanceM = 100'000.0;
constexpr std::int64_t kMaxNeighbours = 1000;

// Collects every problem in the spec, each naming its key and line.
class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void problem(const toml::node* node, const std::string& key, const std::string& what) {
    std::ostringstream s;
    s << file_;
    if (node && node->source().begin.line) s << ":" << node->source().begin.line;
    s << ": '" << key << "': " << what;
    problems_.push_back(s.str());
  }

  void allow_only(const toml::table& t, const std::string& prefix, std::initializer_list<std::string_view> keys) {
    std::set<std::string_view> allowed(keys);
    for (const auto& [k, v] : t)
      if (!allowed.count(k.str())) problem(&v, join(prefix, std::string(k.str())), "unknown key");
  }

  static std::string join(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
  }

  std::optional<std::string> str(const toml::table& t, const std::string& prefix, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>()) return *v;
    problem(n, join(prefix, std::string(key)), "must be a string");
    return std::nullopt;
  }

  void str_into(const toml::table& t, const std::string& prefix, std::string_view key, std::string& out) {
    if (auto v = str(t, prefix, key)) out = *v;
  }

  /// Reads a string key into an enumeration by its spec name; `expected` says what may be written.
  template <class E>
  void enum_into(const toml::table& t, const std::string& prefix, std::string_view key, E& out,
                 std::initializer_list<std::pair<std::string_view, E>> names, const char* expected) {
    const auto v = str(t, prefix, key);
    if (!v) return;
    for (const auto& [name, value] : names)
      if (*v == name) {
        out = value;
        return;
      }
    problem(t.get(key), join(prefix, std::string(key)), expected);
  }

  std::optional<double> number(const toml::table& t, const std::string& prefix, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return static_cast<double>(*n->value<std::int64_t>());
    if (n->is_floating_point()) return *n->value<double>();
    problem(n, join(prefix, std::string(key)), "must be a number");
    return std::nullopt;
  }

  // A length in metres within [lo, hi], or "auto" (returned as 0).
  void metres_or_auto(const toml::table& t, const std::string& prefix, std::string_view key, double& out, double lo,
                      double hi) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto s = n->value<std::string>()) {
      if (*s == "auto") {
        out = 0;
        return;
      }
      problem(n, join(prefix, std::string(key)), "must be a number of metres or \"auto\"");
      return;
    }
    if (auto v = number(t, prefix, key)) {
      if (!(*v >= lo && *v <= hi))
        problem(n, join(prefix, std::string(key)), "must be from " + plain(lo) + " to " + plain(hi) + " metres");
      else
        out = *v;
    }
  }

  // A whole number within [lo, hi] (checked before any conversion).
  std::optional<std::int64_t> whole(const toml::table& t, const std::string& prefix, std::string_view key,
                                    std::int64_t lo, std::int64_t hi) {
    const auto v = number(t, prefix, key);
    if (!v) return std::nullopt;
    if (!(*v >= static_cast<double>(lo) && *v <= static_cast<double>(hi)) || *v != std::floor(*v)) {
      problem(t.get(key), join(prefix, std::string(key)),
              "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*v);
  }

  static std::string plain(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  }

  std::optional<bool> boolean(const toml::table& t, const std::string& prefix, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>()) return *v;
    problem(n, join(prefix, std::string(key)), "must be true or false");
    return std::nullopt;
  }

  std::optional<CivilDate> date(const toml::table& t, const std::string& prefix, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto d = n->value<toml::date>()) {
      CivilDate c{d->year, d->month, d->day};
      if (engine::is_valid_date(c)) return c;
    }
    if (auto s = n->value<std::string>()) {
      // Accept quoted ISO dates too.
      int y = 0;
      unsigned m = 0, d = 0;
      char dash1 = 0, dash2 = 0;
      std::istringstream in(*s);
      if (in >> y >> dash1 >> m >> dash2 >> d && dash1 == '-' && dash2 == '-' && in.peek() == EOF) {
        CivilDate c{y, m, d};
        if (engine::is_valid_date(c)) return c;
      }
    }
    problem(n, join(prefix, std::string(key)), "must be a date like 2023-01-31");
    return std::nullopt;
  }

  // A field name or a list of one or two field names.
  // A string or a non-empty array of strings.
  void strings(const toml::table& t, const std::string& prefix, std::string_view key, std::vector<std::string>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto s = n->value<std::string>()) {
      out = {*s};
      return;
    }
    if (const auto* arr = n->as_array(); arr && !arr->empty()) {
      std::vector<std::string> v;
      for (const auto& e : *arr) {
        if (auto s = e.value<std::string>()) {
          v.push_back(*s);
        } else {
          problem(&e, join(prefix, std::string(key)), "must hold strings");
          return;
        }
      }
      out = std::move(v);
      return;
    }
    problem(n, join(prefix, std::string(key)), "must be a string or a non-empty list of strings");
  }

  void fields(const toml::table& t, const std::string& prefix, std::string_view key, std::vector<std::string>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto s = n->value<std::string>()) {
      out = {*s};
      return;
    }
    if (const auto* arr = n->as_array()) {
      std::vector<std::string> v;
      for (const auto& e : *arr) {
        if (auto s = e.value<std::string>())
          v.push_back(*s);
        else {
          problem(&e, join(prefix, std::string(key)), "must hold field names (strings)");
          return;
        }
      }
      if (v.empty() || v.size() > 2) {
        problem(n, join(prefix, std::string(key)), "must name one field or a [date, time] pair");
        return;
      }
      out = v;
      return;
    }
    problem(n, join(prefix, std::string(key)), "must be a field name or a [date, time] pair");
  }

  const toml::table* table(const toml::table& t, const std::string& prefix, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (const auto* tt = n->as_table()) return tt;
    problem(n, join(prefix, std::string(key)), "must be a table");
    return nullptr;
  }

  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::string file_;
  std::vector<std::string> problems_;
};

fs::path resolve_path(const fs::path& base, const std::string& p) {
  if (p.rfind("PG:", 0) == 0 || p.rfind("/vsi", 0) == 0) return p;
  fs::path path(p);
  return path.is_absolute() ? path : (base / path).lexically_normal();
}

void parse_areas(Checker& c, const toml::table& t, const std::string& prefix, const fs::path& base,
                 AnalysisSpec& spec) {
  c.allow_only(t, prefix, {"path", "layer", "id", "name", "kind", "kind_field", "crs", "set"});
  AreaSourceSpec a;
  if (auto p = c.str(t, prefix, "path"))
    a.path = resolve_path(base, *p);
  else
    c.problem(&t, prefix + ".path", "is required");
  c.str_into(t, prefix, "layer", a.layer);
  if (auto v = c.str(t, prefix, "id"))
    a.id_field = *v;
  else
    c.problem(&t, prefix + ".id", "is required (the field with the area code)");
  c.str_into(t, prefix, "name", a.name_field);
  c.str_into(t, prefix, "kind", a.kind);
  c.str_into(t, prefix, "kind_field", a.kind_field);
  c.str_into(t, prefix, "crs", a.crs);
  if (auto v = c.str(t, prefix, "set")) {
    a.set_given = true;
    a.set = *v;
    if (a.set.empty() || a.set.size() > kMaxSetName || safe_set_name(a.set) != a.set)
      c.problem(
          t.get("set"), prefix + ".set",
          "must be 1 to " + std::to_string(kMaxSetName) + " lower-case letters, digits or _ (it names output fields)");
  }
  spec.areas.push_back(std::move(a));
}

// Names the area sets the spec leaves unnamed: the layer name, else the file stem, made
// safe; a name already taken gets the table's position (1-based) as a suffix. Tables that
// name the same set share it; unnamed tables never join another set.
void name_area_sets(AnalysisSpec& spec) {
  std::set<std::string> taken;
  for (const auto& a : spec.areas)
    if (a.set_given) taken.insert(a.set);
  for (std::size_t i = 0; i < spec.areas.size(); ++i) {
    auto& a = spec.areas[i];
    if (a.set_given) continue;
    std::string name = safe_set_name(!a.layer.empty() ? a.layer : a.path.stem().string());
    if (name.empty()) name = "set";
    const std::string base = name;
    for (std::size_t k = i + 1; taken.count(name); ++k) name = base + "_" + std::to_string(k);
    a.set = name;
    taken.insert(name);
  }
}

void parse_period(Checker& c, const toml::table& t, const std::string& prefix, PeriodSpec& p) {
  c.allow_only(t, prefix, {"from", "to", "last", "end"});
  p.present = true;
  p.from = c.date(t, prefix, "from");
  p.to = c.date(t, prefix, "to");
  c.str_into(t, prefix, "last", p.last);
  c.enum_into(t, prefix, "end", p.end, {{"as_of", PeriodEnd::as_of}, {"newest_record", PeriodEnd::newest_record}},
              "must be \"as_of\" or \"newest_record\"");
  if (!p.last.empty()) {
    if (p.from || p.to) c.problem(&t, prefix, "give either from/to or last, not both");
  } else if (!p.from || !p.to) {
    if (!t.get("from") || !t.get("to")) c.problem(&t, prefix, "needs from and to (or last = \"12 months\")");
  } else if (engine::days_from_civil(*p.to) < engine::days_from_civil(*p.from)) {
    c.problem(t.get("to"), prefix + ".to", "is before from");
  }
}

// `[sources.indicators]` of a survey source: name = { field, yes, no } or { field, mark = true },
// with optional `given` (another indicator of the source) and `theme`.
void parse_indicators(Checker& c, const toml::table& t, const std::string& prefix,
                      std::vector<SurveyIndicatorSpec>& out) {
  const toml::node* node = t.get("indicators");
  const toml::table* table = node ? node->as_table() : nullptr;
  if (!table) {
    c.problem(node ? node : &t, prefix + ".indicators",
              "a survey source needs a table of indicators, e.g. "
              "feels_unsafe = { field = \"onveilig\", yes = [\"vaak\"], no = [\"nooit\"] }");
    return;
  }
  for (const auto& [k, v] : *table) {
    const std::string key = prefix + ".indicators." + std::string(k.str());
    const toml::table* def = v.as_table();
    if (!def) {
      c.problem(&v, key, "must be a table like { field = \"…\", yes = [\"ja\"], no = [\"nee\"] }");
      continue;
    }
    c.allow_only(*def, key, {"field", "mark", "yes", "no", "given", "theme"});
    SurveyIndicatorSpec d;
    d.name = std::string(k.str());
    c.str_into(*def, key, "field", d.field);
    if (auto m = c.boolean(*def, key, "mark")) d.mark = *m;
    c.str_into(*def, key, "given", d.given);
    c.str_into(*def, key, "theme", d.theme);
    for (const char* side : {"yes", "no"}) {
      const toml::node* answers = def->get(side);
      if (!answers) continue;
      const toml::array* list = answers->as_array();
      bool ok = list != nullptr;
      if (list)
        for (const auto& e : *list) {
          if (auto a = e.value<std::string>())
            (std::string_view(side) == "yes" ? d.yes : d.no).push_back(survey_answer_key(*a));
          else
            ok = false;
        }
      if (!ok) c.problem(answers, key + "." + side, "must be a list of answers (strings)");
    }
    if (d.field.empty()) c.problem(def, key + ".field", "is required");
    if (!d.mark && (d.yes.empty() || d.no.empty()))
      c.problem(def, key, "a share needs yes = [...] and no = [...] (or mark = true for a 1-10 mark)");
    if (!d.theme.empty() && (!engine::theme_from_name(d.theme) || d.theme == "all"))
      c.problem(def->get("theme"), key + ".theme",
                "'" + d.theme + "' is not a theme (themes: " + engine::theme_list() + ")");
    out.push_back(std::move(d));
  }
  for (const auto& d : out)
    if (!d.given.empty() && std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.name == d.given; }))
      c.problem(table, prefix + ".indicators." + d.name + ".given",
                "names no indicator of this source: '" + d.given + "'");
}

// `header_row`: a whole row number, for the tables kvo reads row by row (CSV, XLSX, ODS).
// GDAL's HEADERS open option would contradict it, so the two do not go together.
void parse_header_row(Checker& c, const toml::table& t, const std::string& prefix, SourceSpec& s) {
  const TableFile file = table_file_kind(s.path);
  const bool given = t.get("header_row") != nullptr;
  if (auto v = c.whole(t, prefix, "header_row", 1, kMaxHeaderRow)) s.header_row = *v;
  if (given && file != TableFile::csv && file != TableFile::sheet && !s.path.empty())
    c.problem(t.get("header_row"), prefix + ".header_row",
              "applies to CSV, XLSX and ODS sources only (not to '" + s.path.filename().string() + "')");
  if (file != TableFile::sheet && !(file == TableFile::csv && given)) return;
  for (const auto& o : s.open_options) {
    if (option_key(o) == "HEADERS")
      c.problem(t.get("open_options"), prefix + ".open_options",
                "'" + o + "': kvo reads the column names from header_row (default 1); remove HEADERS");
  }
}

void parse_source(Checker& c, const toml::table& t, const std::string& prefix, const fs::path& base,
                  AnalysisSpec& spec) {
  c.allow_only(t, prefix,
               {"name",
                "kind",
                "path",
                "layer",
                "header_row",
                "open_options",
                "geometry",
                "encoding",
                "id",
                "x",
                "y",
                "lon",
                "lat",
                "crs",
                "start",
                "end",
                "date_format",
                "time_format",
                "code",
                "remark",
                "weight",
                "taxonomy",
                "codes",
                "exclude",
                "area",
                "month",
                "count",
                "indicators",
                "min_respondents",
                "count_as_incidents"});
  SourceSpec s;
  s.line = static_cast<int>(t.source().begin.line);
  if (auto v = c.str(t, prefix, "name"))
    s.name = *v;
  else
    c.problem(&t, prefix + ".name", "is required");
  if (auto v = c.str(t, prefix, "kind")) {
    if (auto k = source_kind_from_name(*v))
      s.kind = *k;
    else
      c.problem(t.get("kind"), prefix + ".kind", "must be police, fire, survey, observation or area_counts");
  } else {
    c.problem(&t, prefix + ".kind", "is required");
  }
  if (auto p = c.str(t, prefix, "path"))
    s.path = resolve_path(base, *p);
  else
    c.problem(&t, prefix + ".path", "is required");
  c.str_into(t, prefix, "layer", s.layer);
  c.strings(t, prefix, "open_options", s.open_options);
  if (const auto* node = t.get("open_options")) s.open_options_line = static_cast<int>(node->source().begin.line);
  for (const auto& o : s.open_options)
    if (o.find('=') == std::string::npos || o.front() == '=')
      c.problem(t.get("open_options"), prefix + ".open_options", "'" + o + "' is not a KEY=VALUE GDAL open option");
  parse_header_row(c, t, prefix, s);
  c.str_into(t, prefix, "geometry", s.geometry_field);
  if (auto v = c.str(t, prefix, "encoding")) {
    if (auto e = encoding_from_name(*v))
      s.encoding = *e;
    else
      c.problem(t.get("encoding"), prefix + ".encoding", "must be \"auto\", \"utf-8\" or \"windows-1252\"");
  }
  c.str_into(t, prefix, "id", s.id_field);
  c.str_into(t, prefix, "x", s.x_field);
  c.str_into(t, prefix, "y", s.y_field);
  c.str_into(t, prefix, "lon", s.lon_field);
  c.str_into(t, prefix, "lat", s.lat_field);
  c.str_into(t, prefix, "crs", s.crs);
  c.fields(t, prefix, "start", s.start_fields);
  c.fields(t, prefix, "end", s.end_fields);
  c.str_into(t, prefix, "date_format", s.date_format);
  c.str_into(t, prefix, "time_format", s.time_format);
  c.strings(t, prefix, "code", s.code_fields);
  c.strings(t, prefix, "exclude", s.exclude);
  c.str_into(t, prefix, "remark", s.remark_field);
  c.str_into(t, prefix, "weight", s.weight_field);
  c.str_into(t, prefix, "taxonomy", s.taxonomy);
  c.str_into(t, prefix, "area", s.area_field);
  c.str_into(t, prefix, "month", s.month_field);
  c.str_into(t, prefix, "count", s.count_field);
  // Schouw findings are not incidents: kept out of the incident statistics unless opted in.
  s.count_as_incidents = s.kind != SourceKind::observation;
  if (auto v = c.boolean(t, prefix, "count_as_incidents")) {
    if (s.kind == SourceKind::observation)
      s.count_as_incidents = *v;
    else
      c.problem(t.get("count_as_incidents"), prefix + ".count_as_incidents", "applies to observation sources only");
  }
  if (const auto* codes = c.table(t, prefix, "codes")) {
    for (const auto& [k, v] : *codes) {
      if (auto theme = v.value<std::string>()) {
        // "excluded" is allowed as in a taxonomy table: the same as listing the code in `exclude`.
        if ((!engine::theme_from_name(*theme) || *theme == "all") && *theme != "excluded")
          c.problem(&v, prefix + ".codes." + std::string(k.str()),
                    "is not a theme: '" + *theme + "' (themes: " + engine::theme_list() + ", or excluded)");
        else
          s.codes[std::string(k.str())] = *theme;
      } else {
        c.problem(&v, prefix + ".codes." + std::string(k.str()), "must be a theme name");
      }
    }
  }
  if (s.kind == SourceKind::survey) {
    parse_indicators(c, t, prefix, s.indicators);
    if (auto v = c.whole(t, prefix, "min_respondents", 1, 1'000'000)) s.min_respondents = *v;
  } else {
    for (const char* key : {"indicators", "min_respondents"})
      if (t.get(key)) c.problem(t.get(key), prefix + "." + key, "applies to survey sources only");
  }

  const bool has_xy = !s.x_field.empty() || !s.y_field.empty();
  const bool has_lonlat = !s.lon_field.empty() || !s.lat_field.empty();
  if (has_xy && (s.x_field.empty() || s.y_field.empty())) c.problem(&t, prefix, "x and y go together");
  if (has_lonlat && (s.lon_field.empty() || s.lat_field.empty())) c.problem(&t, prefix, "lon and lat go together");
  if (has_xy && has_lonlat) c.problem(&t, prefix, "give x/y or lon/lat, not both");
  if (s.kind == SourceKind::area_counts) {
    if (s.area_field.empty()) c.problem(&t, prefix + ".area", "is required for area_counts sources");
    if (s.month_field.empty()) c.problem(&t, prefix + ".month", "is required for area_counts sources");
    if (s.count_field.empty()) c.problem(&t, prefix + ".count", "is required for area_counts sources");
    if (s.code_fields.size() != 1) c.problem(&t, prefix + ".code", "is required for area_counts sources (one field)");
  } else if (s.kind != SourceKind::survey) {
    if (s.start_fields.empty()) c.problem(&t, prefix + ".start", "is required (the date field)");
    if (s.code_fields.empty()) c.problem(&t, prefix + ".code", "is required (the category field)");
  }
  for (const auto& other : spec.sources)
    if (other.name == s.name && !s.name.empty())
      c.problem(t.get("name"), prefix + ".name", "is used twice: '" + s.name + "'");
  spec.sources.push_back(std::move(s));
}

}  // namespace

AnalysisSpec parse_spec(const std::string& text, const fs::path& path) {
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    Location where{path.string(), "", static_cast<std::int64_t>(e.source().begin.line), ""};
    throw ConfigError(std::string(e.description()), where);
  }
  AnalysisSpec spec;
  spec.spec_path = fs::absolute(path).lexically_normal();
  spec.base_dir = spec.spec_path.parent_path();
  Checker c(path.string());
  c.allow_only(root, "",
               {"title", "crs", "output", "language", "max_reject_share", "as_of", "areas", "periods", "sources",
                "grid", "hotspots", "density", "compare", "emerging", "near_repeat"});
  c.str_into(root, "", "title", spec.title);
  c.str_into(root, "", "crs", spec.crs);
  if (const std::string why = analysis_crs_problem(spec.crs); !why.empty())
    c.problem(root.get("crs"), "crs", "'" + spec.crs.substr(0, 80) + "' " + why);
  if (auto o = c.str(root, "", "output")) spec.output = resolve_path(spec.base_dir, *o);
  c.str_into(root, "", "language", spec.language);
  if (spec.language != "en" && spec.language != "nl")
    c.problem(root.get("language"), "language", "must be \"en\" or \"nl\"");
  if (auto v = c.number(root, "", "max_reject_share")) {
    if (!(*v >= 0 && *v <= 1))
      c.problem(root.get("max_reject_share"), "max_reject_share", "must be between 0 and 1");
    else
      spec.max_reject_share = *v;
  }
  spec.as_of = c.date(root, "", "as_of");

  if (const auto* areas = root.get("areas")) {
    if (const auto* t = areas->as_table()) {
      parse_areas(c, *t, "areas", spec.base_dir, spec);
    } else if (const auto* arr = areas->as_array()) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        if (const auto* t = (*arr)[i].as_table())
          parse_areas(c, *t, "areas[" + std::to_string(i) + "]", spec.base_dir, spec);
        else
          c.problem(&(*arr)[i], "areas", "must be tables");
      }
    } else {
      c.problem(areas, "areas", "must be a table or an array of tables");
    }
  } else {
    c.problem(&root, "areas", "is required");
  }
  name_area_sets(spec);

  if (const auto* periods = c.table(root, "", "periods")) {
    c.allow_only(*periods, "periods", {"baseline", "followup"});
    for (std::size_t i = 0; i < engine::kPeriodCount; ++i) {
      const std::string name(engine::kPeriodNames[i]);
      if (const auto* p = c.table(*periods, "periods", name)) parse_period(c, *p, "periods." + name, spec.periods[i]);
    }
    if (!spec.periods[0].present && !spec.periods[1].present)
      c.problem(periods, "periods", "needs [periods.baseline] and/or [periods.followup]");
  } else {
    c.problem(&root, "periods", "is required");
  }

  if (const auto* sources = root.get("sources")) {
    if (const auto* arr = sources->as_array()) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        if (const auto* t = (*arr)[i].as_table())
          parse_source(c, *t, "sources[" + std::to_string(i) + "]", spec.base_dir, spec);
        else
          c.problem(&(*arr)[i], "sources", "must be [[sources]] tables");
      }
    } else {
      c.problem(sources, "sources", "must be written as [[sources]] tables");
    }
  } else {
    c.problem(&root, "sources", "is required");
  }

  if (const auto* g = c.table(root, "", "grid")) {
    c.allow_only(*g, "grid", {"shape", "cell_size", "extent", "origin_x", "origin_y"});
    c.enum_into(*g, "grid", "shape", spec.grid.shape,
                {{"hexagon", engine::CellShape::hexagon}, {"square", engine::CellShape::square}},
                "must be \"hexagon\" or \"square\"");
    c.metres_or_auto(*g, "grid", "cell_size", spec.grid.cell_size_m, kMinCellSizeM, kMaxCellSizeM);
    c.enum_into(*g, "grid", "extent", spec.grid.extent,
                {{"auto", GridExtent::automatic},
                 {"areas", GridExtent::areas},
                 {"bbox", GridExtent::bbox},
                 {"kvo", GridExtent::kvo},
                 {"incidents", GridExtent::incidents}},
                "must be \"auto\", \"areas\", \"bbox\", \"kvo\" or \"incidents\"");
    // "kvo" needs areas that can have a kind starting with kvo_ (checked again once read).
    if (spec.grid.extent == GridExtent::kvo &&
        std::none_of(spec.areas.begin(), spec.areas.end(),
                     [](const AreaSourceSpec& a) { return !a.kind_field.empty() || a.kind.rfind("kvo_", 0) == 0; }))
      c.problem(g->get("extent"), "grid.extent",
                "\"kvo\" needs KVO areas: an [[areas]] table with kind = \"kvo_...\" or a kind_field");
    spec.grid.origin_x = c.number(*g, "grid", "origin_x");
    spec.grid.origin_y = c.number(*g, "grid", "origin_y");
    if (spec.grid.origin_x && !std::isfinite(*spec.grid.origin_x))
      c.problem(g->get("origin_x"), "grid.origin_x", "must be a finite number of metres");
    if (spec.grid.origin_y && !std::isfinite(*spec.grid.origin_y))
      c.problem(g->get("origin_y"), "grid.origin_y", "must be a finite number of metres");
  }
  if (const auto* h = c.table(root, "", "hotspots")) {
    c.allow_only(*h, "hotspots",
                 {"enabled", "distance", "weights", "k", "permutations", "seed", "fdr", "min_incidents",
                  "min_neighbourhood_count"});
    if (auto v = c.boolean(*h, "hotspots", "enabled")) spec.hotspots.enabled = *v;
    c.metres_or_auto(*h, "hotspots", "distance", spec.hotspots.distance_m, kMinCellSizeM, kMaxDistanceM);
    c.enum_into(*h, "hotspots", "weights", spec.hotspots.weights,
                {{"distance_band", WeightsKind::distance_band}, {"knn", WeightsKind::knn}},
                "must be \"distance_band\" or \"knn\"");
    if (auto v = c.whole(*h, "hotspots", "k", 1, kMaxNeighbours)) spec.hotspots.k = static_cast<int>(*v);
    if (auto v = c.whole(*h, "hotspots", "permutations", 0, 1000000)) spec.hotspots.permutations = static_cast<int>(*v);
    // Seeds up to 2^53: every one is exact in the JSON manifest's doubles.
    if (auto v = c.whole(*h, "hotspots", "seed", 0, std::int64_t{1} << 53))
      spec.hotspots.seed = static_cast<std::uint64_t>(*v);
    if (auto v = c.boolean(*h, "hotspots", "fdr")) spec.hotspots.fdr = *v;
    if (auto v = c.whole(*h, "hotspots", "min_incidents", 1, 1000000000))
      spec.hotspots.min_incidents = static_cast<int>(*v);
    if (auto v = c.number(*h, "hotspots", "min_neighbourhood_count")) {
      if (!(*v >= 0 && *v <= 1e9))
        c.problem(h->get("min_neighbourhood_count"), "hotspots.min_neighbourhood_count", "must be 0 or more");
      else
        spec.hotspots.min_neighbourhood_count = *v;
    }
  }
  if (const auto* d = c.table(root, "", "density")) {
    c.allow_only(*d, "density", {"enabled", "kernel", "bandwidth", "cell_size", "per_theme"});
    if (auto v = c.boolean(*d, "density", "enabled")) spec.density.enabled = *v;
    if (auto v = c.str(*d, "density", "kernel")) {
      if (auto k = engine::kernel_from_name(*v))
        spec.density.kernel = *k;
      else
        c.problem(d->get("kernel"), "density.kernel", "must be quartic, triangular, epanechnikov, uniform or gaussian");
    }
    c.metres_or_auto(*d, "density", "bandwidth", spec.density.bandwidth_m, kMinCellSizeM, kMaxDistanceM);
    c.metres_or_auto(*d, "density", "cell_size", spec.density.cell_size_m, kMinCellSizeM, kMaxCellSizeM);
    if (auto v = c.boolean(*d, "density", "per_theme")) spec.density.per_theme = *v;
  }
  auto themes = [&](const toml::table& t, const std::string& section, std::vector<std::string>& out) {
    std::vector<std::string> v;
    c.strings(t, section, "themes", v);
    for (const auto& name : v)
      if (!engine::theme_from_name(name))
        c.problem(t.get("themes"), section + ".themes",
                  "'" + name + "' is not a theme (themes: all, " + engine::theme_list() + ")");
    if (!v.empty()) out = std::move(v);
  };
  if (const auto* e = c.table(root, "", "emerging")) {
    c.allow_only(*e, "emerging", {"enabled", "time_step", "time_window", "themes"});
    if (auto v = c.boolean(*e, "emerging", "enabled")) spec.emerging.enabled = *v;
    if (auto v = c.str(*e, "emerging", "time_step")) {
      if (*v == "month" || *v == "quarter")
        spec.emerging.step_months = *v == "month" ? 1 : 3;
      else
        c.problem(e->get("time_step"), "emerging.time_step", "must be \"month\" or \"quarter\"");
    }
    if (auto v = c.whole(*e, "emerging", "time_window", 0, 12)) spec.emerging.time_window = static_cast<int>(*v);
    themes(*e, "emerging", spec.emerging.themes);
  }
  if (const auto* n = c.table(root, "", "near_repeat")) {
    c.allow_only(
        *n, "near_repeat",
        {"enabled", "themes", "distance_band", "distance_bands", "time_band", "time_bands", "iterations", "seed"});
    auto& nr = spec.near_repeat;
    if (auto v = c.boolean(*n, "near_repeat", "enabled")) nr.enabled = *v;
    themes(*n, "near_repeat", nr.themes);
    if (auto v = c.number(*n, "near_repeat", "distance_band")) {
      if (!(*v >= 1 && *v <= 10000))
        c.problem(n->get("distance_band"), "near_repeat.distance_band", "must be 1 to 10,000 metres");
      else
        nr.distance_band_m = *v;
    }
    if (auto v = c.whole(*n, "near_repeat", "distance_bands", 1, 50)) nr.distance_bands = static_cast<int>(*v);
    if (auto v = c.number(*n, "near_repeat", "time_band")) {
      if (!(*v >= 1 && *v <= 365))
        c.problem(n->get("time_band"), "near_repeat.time_band", "must be 1 to 365 days");
      else
        nr.time_band_days = *v;
    }
    if (auto v = c.whole(*n, "near_repeat", "time_bands", 1, 50)) nr.time_bands = static_cast<int>(*v);
    if (auto v = c.whole(*n, "near_repeat", "iterations", 19, 9999)) nr.iterations = static_cast<int>(*v);
    if (auto v = c.whole(*n, "near_repeat", "seed", 0, std::int64_t{1} << 53)) nr.seed = static_cast<std::uint64_t>(*v);
  }
  if (const auto* cm = c.table(root, "", "compare")) {
    c.allow_only(*cm, "compare", {"alpha", "min_total"});
    if (auto v = c.number(*cm, "compare", "alpha")) {
      if (!(*v > 0 && *v < 1))
        c.problem(cm->get("alpha"), "compare.alpha", "must be between 0 and 1");
      else
        spec.compare.alpha = *v;
    }
    if (auto v = c.whole(*cm, "compare", "min_total", 0, 1000000)) spec.compare.min_total = static_cast<int>(*v);
  }

  if (!c.problems().empty()) {
    std::string all;
    for (const auto& p : c.problems()) all += (all.empty() ? "" : "\n") + p;
    throw ConfigError(
        c.problems().size() == 1 ? all : std::to_string(c.problems().size()) + " problems in the spec:\n" + all);
  }
  if (!spec.as_of) spec.as_of = today_or_source_date();
  return spec;
}

AnalysisSpec read_spec(const fs::path& path) {
  require_input_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot open the spec file", at(path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  AnalysisSpec spec = parse_spec(text.str(), path);
  resolve_periods(spec);
  return spec;
}

// "12 months", "1 year", "90 days", "2 weeks".
static bool parse_length(const std::string& text, int& amount, std::string& unit) {
  std::istringstream in(text);
  if (!(in >> amount >> unit) || amount <= 0) return false;
  if (!unit.empty() && unit.back() == 's') unit.pop_back();
  return unit == "month" || unit == "year" || unit == "day" || unit == "week";
}

void resolve_periods(AnalysisSpec& spec, std::optional<std::int32_t> newest_record_day) {
  for (std::size_t i = 0; i < engine::kPeriodCount; ++i) {
    PeriodSpec& p = spec.periods[i];
    if (!p.present) continue;
    const std::string key = "periods." + std::string(engine::kPeriodNames[i]);
    if (p.last.empty()) {
      p.range = {engine::days_from_civil(*p.from), engine::days_from_civil(*p.to)};
      continue;
    }
    int amount = 0;
    std::string unit;
    if (!parse_length(p.last, amount, unit))
      throw ConfigError("'" + key + ".last' must be like \"12 months\", \"1 year\", \"90 days\" or \"2 weeks\"",
                        at(spec.spec_path.string()));
    // No analysis period is longer; beyond it the day arithmetic below would overflow.
    if (amount > 100000)
      throw ConfigError("'" + key + ".last' is too long: at most 100000 " + unit + "s", at(spec.spec_path.string()));
    std::int32_t end_day = engine::days_from_civil(*spec.as_of);
    if (p.end == PeriodEnd::newest_record) {
      if (!newest_record_day) continue;  // resolved once the sources are read
      end_day = *newest_record_day;
    }
    std::int32_t start_day = 0;
    if (unit == "day")
      start_day = end_day - amount + 1;
    else if (unit == "week")
      start_day = end_day - 7 * amount + 1;
    else {
      // Calendar months back from the day after the end: 12 months ending 2024-02-29 start
      // 2023-03-01; a start day beyond the month's end is clamped to the next month's first.
      const int months = unit == "year" ? 12 * amount : amount;
      const CivilDate after = engine::civil_from_days(end_day + 1);
      int y = after.year;
      int m = static_cast<int>(after.month) - months;
      while (m < 1) m += 12, --y;
      const unsigned dim = engine::days_in_month(y, static_cast<unsigned>(m));
      if (after.day > dim)
        start_day = engine::days_from_civil({y, static_cast<unsigned>(m), dim}) + 1;
      else
        start_day = engine::days_from_civil({y, static_cast<unsigned>(m), after.day});
    }
    p.range = {start_day, end_day};
  }
}

static std::string date_text(std::int32_t day) {
  const auto d = engine::civil_from_days(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
  return buf;
}

std::string survey_answer_key(std::string_view answer) {
  std::string out(trim(answer));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return out;
}

nlohmann::json spec_to_json(const AnalysisSpec& spec) {
  using nlohmann::json;
  json j;
  j["title"] = spec.title;
  j["crs"] = spec.crs;
  j["language"] = spec.language;
  j["max_reject_share"] =
      spec.max_reject_share ? nlohmann::json(*spec.max_reject_share) : nlohmann::json("all_rejected");
  if (spec.as_of) j["as_of"] = date_text(engine::days_from_civil(*spec.as_of));
  j["areas"] = json::array();
  for (const auto& a : spec.areas)
    j["areas"].push_back({{"path", a.path.string()},
                          {"layer", a.layer},
                          {"id", a.id_field},
                          {"name", a.name_field},
                          {"kind", a.kind},
                          {"kind_field", a.kind_field},
                          {"crs", a.crs},
                          {"set", a.set}});
  j["periods"] = json::object();
  for (std::size_t i = 0; i < engine::kPeriodCount; ++i) {
    const auto& p = spec.periods[i];
    if (!p.present) continue;
    json pj{{"from", date_text(p.range.from_day)}, {"to", date_text(p.range.to_day)}, {"days", p.range.days()}};
    if (!p.last.empty()) pj["last"] = p.last, pj["end"] = period_end_name(p.end);
    j["periods"][std::string(engine::kPeriodNames[i])] = pj;
  }
  j["sources"] = json::array();
  for (const auto& s : spec.sources) {
    json sj{{"name", s.name},
            {"kind", source_kind_name(s.kind)},
            {"path", s.path.string()},
            {"layer", s.layer},
            {"encoding", encoding_spec_name(s.encoding)},
            {"id", s.id_field},
            {"date_format", s.date_format},
            {"time_format", s.time_format},
            {"code", s.code_fields.size() == 1 ? json(s.code_fields[0]) : json(s.code_fields)},
            {"taxonomy", !s.taxonomy.empty()                 ? s.taxonomy
                         : s.kind == SourceKind::area_counts ? std::string("police")
                                                             : std::string(source_kind_name(s.kind))}};
    if (!s.x_field.empty()) sj["x"] = s.x_field, sj["y"] = s.y_field;
    if (!s.lon_field.empty()) sj["lon"] = s.lon_field, sj["lat"] = s.lat_field;
    sj["crs"] = s.crs.empty() ? (s.lon_field.empty() ? spec.crs : std::string("EPSG:4326")) : s.crs;
    if (!s.start_fields.empty()) sj["start"] = s.start_fields;
    if (!s.end_fields.empty()) sj["end"] = s.end_fields;
    if (!s.remark_field.empty()) sj["remark"] = s.remark_field;
    if (!s.open_options.empty()) sj["open_options"] = s.open_options;
    if (const TableFile file = table_file_kind(s.path); file == TableFile::csv || file == TableFile::sheet)
      sj["header_row"] = s.header_row;
    if (!s.geometry_field.empty()) sj["geometry"] = s.geometry_field;
    if (s.kind == SourceKind::observation) sj["count_as_incidents"] = s.count_as_incidents;
    if (!s.weight_field.empty()) sj["weight"] = s.weight_field;
    if (!s.area_field.empty()) sj["area"] = s.area_field;
    if (!s.month_field.empty()) sj["month"] = s.month_field;
    if (!s.count_field.empty()) sj["count"] = s.count_field;
    if (!s.codes.empty()) sj["codes"] = s.codes;
    if (!s.exclude.empty()) sj["exclude"] = s.exclude;
    if (!s.indicators.empty()) {
      json indicators = json::object();
      for (const auto& d : s.indicators) {
        json def{{"field", d.field}};
        if (!d.yes.empty()) def["yes"] = d.yes;
        if (!d.no.empty()) def["no"] = d.no;
        if (!d.given.empty()) def["given"] = d.given;
        if (!d.theme.empty()) def["theme"] = d.theme;
        if (d.mark) def["mark"] = true;
        indicators[d.name] = def;
      }
      sj["indicators"] = indicators;
    }
    if (s.min_respondents) sj["min_respondents"] = *s.min_respondents;
    j["sources"].push_back(sj);
  }
  json g{{"shape", cell_shape_name(spec.grid.shape)}, {"extent", grid_extent_name(spec.grid.extent)}};
  g["cell_size"] = spec.grid.cell_size_m > 0 ? json(spec.grid.cell_size_m) : json("auto");
  if (spec.grid.origin_x) g["origin_x"] = *spec.grid.origin_x, g["origin_y"] = *spec.grid.origin_y;
  j["grid"] = g;
  j["hotspots"] = {{"enabled", spec.hotspots.enabled},
                   {"distance", spec.hotspots.distance_m > 0 ? json(spec.hotspots.distance_m) : json("auto")},
                   {"weights", weights_name(spec.hotspots.weights)},
                   {"k", spec.hotspots.k},
                   {"permutations", spec.hotspots.permutations},
                   {"seed", spec.hotspots.seed},
                   {"fdr", spec.hotspots.fdr},
                   {"min_incidents", spec.hotspots.min_incidents},
                   {"min_neighbourhood_count", spec.hotspots.min_neighbourhood_count}};
  j["density"] = {{"enabled", spec.density.enabled},
                  {"kernel", engine::kernel_name(spec.density.kernel)},
                  {"bandwidth", spec.density.bandwidth_m > 0 ? json(spec.density.bandwidth_m) : json("auto")},
                  {"cell_size", spec.density.cell_size_m > 0 ? json(spec.density.cell_size_m) : json("auto")},
                  {"per_theme", spec.density.per_theme}};
  j["compare"] = {{"alpha", spec.compare.alpha}, {"min_total", spec.compare.min_total}};
  // Written only when on: a spec without them keeps the manifest it always had.
  if (spec.emerging.enabled)
    j["emerging"] = {{"enabled", true},
                     {"time_step", spec.emerging.step_months == 1 ? "month" : "quarter"},
                     {"time_window", spec.emerging.time_window},
                     {"themes", spec.emerging.themes}};
  if (spec.near_repeat.enabled) {
    const auto& nr = spec.near_repeat;
    j["near_repeat"] = {{"enabled", true},
                        {"themes", nr.themes},
                        {"distance_band", nr.distance_band_m},
                        {"distance_bands", nr.distance_bands},
                        {"time_band", nr.time_band_days},
                        {"time_bands", nr.time_bands},
                        {"iterations", nr.iterations},
                        {"seed", nr.seed}};
  }
  return j;
}

std::string_view period_end_name(PeriodEnd end) {
  return end == PeriodEnd::newest_record ? "newest_record" : "as_of";
}

std::optional<GridExtent> grid_extent_from_name(std::string_view name) {
  for (const auto e :
       {GridExtent::areas, GridExtent::bbox, GridExtent::kvo, GridExtent::incidents, GridExtent::automatic})
    if (grid_extent_name(e) == name) return e;
  return std::nullopt;
}

std::string_view grid_extent_name(GridExtent extent) {
  switch (extent) {
    case GridExtent::bbox:
      return "bbox";
    case GridExtent::kvo:
      return "kvo";
    case GridExtent::incidents:
      return "incidents";
    case GridExtent::automatic:
      return "auto";
    case GridExtent::areas:
      break;
  }
  return "areas";
}

std::string_view weights_name(WeightsKind weights) {
  return weights == WeightsKind::knn ? "knn" : "distance_band";
}

std::string_view cell_shape_name(engine::CellShape shape) {
  return shape == engine::CellShape::square ? "square" : "hexagon";
}

std::string_view encoding_spec_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::windows1252:
      return "windows-1252";
    case Encoding::auto_detect:
      break;
  }
  return "auto";
}

engine::CivilDate today_or_source_date() {
  return engine::utc_to_amsterdam(run_time_utc()).date;
}

}  // namespace kvo::io
