#include "report/table_export.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/themes.hpp"
#include "io/core/errors.hpp"
#include "io/core/output_folder.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/output_schema.hpp"
#include "qgis/layer_styles_legend.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace {

// How a column is written: text as it is, a code as its readable label, a number rounded
// for reading (the GeoPackage keeps the exact value).
enum class Cell {
  text,
  integer,
  rate,         // rates, estimates, differences: 3 significant digits
  ratio,        // rate ratios and their interval: 2 decimals
  probability,  // p- and q-values: 3 significant digits
  theme,
  period,
  change,
  area_kind,
  source_kind,
  indicator
};

struct Column {
  const char* en;
  const char* nl;
  Cell cell;
};

// What a sheet is sorted by, in order.
enum class SortBy { kvo_first, text, theme, period };
struct SortKey {
  std::size_t column;
  SortBy by;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // as read; NULL as ""
};

int theme_order(const std::string& theme) {
  if (theme == engine::kThemeAllName) return -1;  // the totals first, as in the report
  for (std::size_t i = 0; i < engine::kThemeCount; ++i)
    if (engine::kThemes[i] == theme) return static_cast<int>(i);
  return static_cast<int>(engine::kThemeCount);
}

int period_order(const std::string& period) {
  return period == "baseline" ? 0 : period == "followup" ? 1 : 2;
}

// KVO areas are the kinds starting with "kvo_"; without those, the first kind in the
// areas table (the rule of the report and of `[grid] extent = "kvo"`).
struct KvoKinds {
  bool by_prefix = false;
  std::string first;
  [[nodiscard]] bool is_kvo(const std::string& kind) const {
    return by_prefix ? kind.rfind("kvo_", 0) == 0 : (!kind.empty() && kind == first);
  }
};

KvoKinds kvo_kinds(GDALDataset& in, bool have_kind) {
  KvoKinds k;
  if (!have_kind) return k;
  for (const auto& r : detail::rows_or_none(in, "SELECT kind FROM areas WHERE kind IS NOT NULL ORDER BY rowid")) {
    if (k.first.empty()) k.first = r[0];
    k.by_prefix |= r[0].rfind("kvo_", 0) == 0;
  }
  return k;
}

void sort_rows(Table& t, const std::vector<SortKey>& keys, const KvoKinds& kvo) {
  std::stable_sort(t.rows.begin(), t.rows.end(), [&](const auto& a, const auto& b) {
    for (const auto& k : keys) {
      const std::string& x = a[k.column];
      const std::string& y = b[k.column];
      int cx = 0, cy = 0;
      switch (k.by) {
        case SortBy::kvo_first:
          cx = kvo.is_kvo(x) ? 0 : 1, cy = kvo.is_kvo(y) ? 0 : 1;
          break;
        case SortBy::theme:
          cx = theme_order(x), cy = theme_order(y);
          break;
        case SortBy::period:
          cx = period_order(x), cy = period_order(y);
          break;
        case SortBy::text:
          cx = x.compare(y), cy = 0;
          break;
      }
      if (cx != cy) return cx < cy;
      if (k.by == SortBy::theme && x != y) return x < y;  // themes kvo does not know: by code
    }
    return false;
  });
}

std::string label(Cell cell, const std::string& value, const std::string& lang) {
  switch (cell) {
    case Cell::theme:
      return theme_label(value, lang);
    case Cell::period:
      return period_label(value, lang);
    case Cell::change:
      for (const auto& c : area_change_classes(lang))
        if (c.value == value) return c.label;
      return value;
    case Cell::area_kind:
      return area_kind_label(value, lang);
    case Cell::source_kind:
      return source_kind_label(value, lang);
    case Cell::indicator:
      return survey_indicator_label(value);
    default:
      return value;
  }
}

void write_table(GDALDataset& out, const std::string& name, const Table& t, const std::string& lang) {
  OGRLayer* sheet = out.CreateLayer(name.c_str(), nullptr, wkbNone, nullptr);
  if (!sheet) throw IoError("cannot add the sheet '" + name + "' to the workbook");
  const bool nl = lang == "nl";
  for (const auto& c : t.columns) {
    const OGRFieldType type = c.cell == Cell::integer ? OFTInteger64
                              : c.cell == Cell::rate || c.cell == Cell::ratio || c.cell == Cell::probability
                                  ? OFTReal
                                  : OFTString;
    OGRFieldDefn f(nl ? c.nl : c.en, type);
    if (sheet->CreateField(&f) != OGRERR_NONE) throw IoError("cannot add a column to the sheet '" + name + "'");
  }
  for (const auto& row : t.rows) {
    OGRFeature f(sheet->GetLayerDefn());
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const int at = static_cast<int>(i);
      const std::string& v = row[i];
      if (v.empty()) {
        f.SetFieldNull(at);
        continue;
      }
      switch (t.columns[i].cell) {
        case Cell::integer:
          f.SetField(at, static_cast<GIntBig>(std::strtoll(v.c_str(), nullptr, 10)));
          break;
        case Cell::rate:
        case Cell::probability:
          f.SetField(at, round_significant(std::strtod(v.c_str(), nullptr), 3));
          break;
        case Cell::ratio:
          f.SetField(at, round_decimals(std::strtod(v.c_str(), nullptr), 2));
          break;
        default:
          f.SetField(at, label(t.columns[i].cell, v, lang).c_str());
      }
    }
    if (sheet->CreateFeature(&f) != OGRERR_NONE) throw IoError("cannot write the sheet '" + name + "'");
  }
}

// The rows of a fixed query (no data in its text), or nullopt when the table lacks a field.
std::optional<std::vector<std::vector<std::string>>> query(GDALDataset& in, const std::string& sql) {
  const detail::SqlResult result(in, sql);
  if (!result) return std::nullopt;
  return result.rows();
}

std::string spec_language(GDALDataset& ds) {
  if (!ds.GetLayerByName(schema::layer::run_manifest)) return "nl";
  const auto rows = detail::rows_or_none(ds, "SELECT value FROM run_manifest WHERE key = 'spec'");
  if (rows.empty()) return "nl";
  const auto spec = nlohmann::json::parse(rows[0][0], nullptr, false);
  return spec.is_object() && spec.value("language", "nl") == "en" ? "en" : "nl";
}

// The sources' counts from the manifest.
std::optional<Table> sources_table(GDALDataset& in) {
  if (!in.GetLayerByName(schema::layer::run_manifest)) return std::nullopt;
  const auto rows = detail::rows_or_none(in, "SELECT value FROM run_manifest WHERE key = 'sources'");
  if (rows.empty()) return std::nullopt;
  const auto sources = nlohmann::json::parse(rows[0][0], nullptr, false);
  if (!sources.is_array()) return std::nullopt;
  Table t;
  t.columns = {{"source", "bron", Cell::text},
               {"kind", "soort", Cell::source_kind},
               {"read", "gelezen", Cell::integer},
               {"accepted", "geaccepteerd", Cell::integer},
               {"rejected", "afgewezen", Cell::integer},
               {"excluded", "uitgesloten", Cell::integer},
               {"outside_study_region", "buiten_studiegebied", Cell::integer}};
  const char* keys[] = {"name", "kind", "read", "accepted", "rejected", "excluded", "outside_study_region"};
  for (const auto& s : sources) {
    std::vector<std::string> row;
    for (const char* k : keys) {
      if (!s.is_object() || !s.contains(k))
        row.emplace_back();
      else if (s[k].is_string())
        row.push_back(s[k].get<std::string>());
      else
        row.push_back(s[k].dump());
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// The records each source left out of scope, per code as the export spells it (manifest).
std::optional<Table> excluded_table(GDALDataset& in) {
  if (!in.GetLayerByName(schema::layer::run_manifest)) return std::nullopt;
  const auto rows = detail::rows_or_none(in, "SELECT value FROM run_manifest WHERE key = 'sources'");
  if (rows.empty()) return std::nullopt;
  const auto sources = nlohmann::json::parse(rows[0][0], nullptr, false);
  if (!sources.is_array()) return std::nullopt;
  Table t;
  t.columns = {{"source", "bron", Cell::text}, {"code", "code", Cell::text}, {"records", "records", Cell::integer}};
  for (const auto& s : sources) {
    if (!s.is_object() || !s.contains("excluded_codes") || !s["excluded_codes"].is_object()) continue;
    const std::string name = s.contains("name") && s["name"].is_string() ? s["name"].get<std::string>() : "";
    for (const auto& [code, count] : s["excluded_codes"].items())
      if (count.is_number_integer()) t.rows.push_back({name, code, std::to_string(count.get<std::int64_t>())});
  }
  if (t.rows.empty()) return std::nullopt;
  return t;
}

bool has_field(GDALDataset& in, const char* layer, const char* field) {
  OGRLayer* l = in.GetLayerByName(layer);
  return l && l->GetLayerDefn()->GetFieldIndex(field) >= 0;
}

}  // namespace

double round_significant(double value, int digits) {
  if (!std::isfinite(value) || value == 0) return value == 0 ? 0.0 : value;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  const double r = std::strtod(buf, nullptr);
  return r == 0 ? 0.0 : r;  // no "-0"
}

double round_decimals(double value, int decimals) {
  if (!std::isfinite(value)) return value;
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  const double r = std::strtod(buf, nullptr);
  return r == 0 ? 0.0 : r;
}

std::string workbook_driver(const fs::path& workbook) {
  std::string ext = workbook.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xlsx") return "XLSX";
  if (ext == ".ods") return "ODS";
  throw ConfigError("cannot write a workbook as '" + (ext.empty() ? std::string("(no extension)") : ext) +
                        "': kvo export writes .xlsx (Excel) or .ods (OpenDocument), or publishes to PostGIS with "
                        "-o PG:…",
                    at(workbook.string()));
}

void export_workbook(const fs::path& gpkg, const fs::path& workbook, const std::string& language) {
  const std::string driver_name = workbook_driver(workbook);  // before anything is read
  auto in = detail::open_vector(gpkg);
  make_output_folder(workbook);
  const std::string lang = (language.empty() ? spec_language(*in) : language) == "en" ? "en" : "nl";
  const bool nl = lang == "nl";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) throw IoError("this GDAL has no " + driver_name + " driver");

  const bool have_kind = has_field(*in, schema::layer::areas, "kind");
  const KvoKinds kvo = kvo_kinds(*in, have_kind);
  // The area's kind from the areas layer (fixed SQL; `alias` is the sheet's own table).
  auto kind_of = [&](const char* alias) {
    return have_kind ? "(SELECT a.kind FROM areas a WHERE a.area_id = " + std::string(alias) + ".area_id LIMIT 1)"
                     : std::string("NULL");
  };

  struct Named {
    std::string name;
    Table table;
  };
  std::vector<Named> sheets;
  std::size_t zero_rows = 0;
  bool have_change = false;

  if (in->GetLayerByName(schema::layer::area_change)) {
    if (auto rows = query(*in, "SELECT c.area_id, c.name, " + kind_of("c") +
                                   ", c.theme, c.count_baseline, c.count_followup, c.rate_ratio, c.rr_low, c.rr_high, "
                                   "c.q, c.change FROM area_change c")) {
      Table t;
      t.columns = {{"area_code", "gebiedscode", Cell::text},
                   {"area", "gebied", Cell::text},
                   {"area_kind", "soort_gebied", Cell::area_kind},
                   {"theme", "thema", Cell::theme},
                   {"baseline", "nulmeting", Cell::integer},
                   {"followup", "vervolgmeting", Cell::integer},
                   {"rate_ratio", "verhouding", Cell::ratio},
                   {"rate_ratio_low", "verhouding_laag", Cell::ratio},
                   {"rate_ratio_high", "verhouding_hoog", Cell::ratio},
                   {"q_value", "q_waarde", Cell::probability},
                   {"class", "klasse", Cell::change}};
      // A theme with no incidents in either period says nothing: left out (and counted
      // in the notes).
      for (auto& r : *rows) {
        if (std::strtoll(r[4].c_str(), nullptr, 10) == 0 && std::strtoll(r[5].c_str(), nullptr, 10) == 0)
          ++zero_rows;
        else
          t.rows.push_back(std::move(r));
      }
      sort_rows(t, {{2, SortBy::kvo_first}, {1, SortBy::text}, {0, SortBy::text}, {3, SortBy::theme}}, kvo);
      sheets.push_back({nl ? "Verandering" : "Change", std::move(t)});
      have_change = true;
    }
  }
  if (in->GetLayerByName(schema::layer::area_stats)) {
    if (auto rows = query(*in, "SELECT s.area_id, s.name, " + kind_of("s") +
                                   ", s.period, s.theme, s.count, s.per_ha_year FROM area_stats s")) {
      Table t;
      t.columns = {{"area_code", "gebiedscode", Cell::text},
                   {"area", "gebied", Cell::text},
                   {"area_kind", "soort_gebied", Cell::area_kind},
                   {"period", "periode", Cell::period},
                   {"theme", "thema", Cell::theme},
                   {"count", "aantal", Cell::integer},
                   {"per_ha_year", "per_ha_per_jaar", Cell::rate}};
      t.rows = std::move(*rows);
      sort_rows(t,
                {{2, SortBy::kvo_first}, {1, SortBy::text}, {0, SortBy::text}, {3, SortBy::period}, {4, SortBy::theme}},
                kvo);
      sheets.push_back({nl ? "Per gebied" : "Per area", std::move(t)});
    }
  }
  if (in->GetLayerByName(schema::layer::survey_indicators)) {
    if (auto rows = query(*in, "SELECT s.area_id, s.name, " + kind_of("s") +
                                   ", s.period, s.indicator, s.n, s.estimate, s.ci_low, s.ci_high, s.too_few, s.diff, "
                                   "s.diff_low, s.diff_high, s.diff_p FROM survey_indicators s")) {
      Table t;
      t.columns = {{"area_code", "gebiedscode", Cell::text},
                   {"area", "gebied", Cell::text},
                   {"area_kind", "soort_gebied", Cell::area_kind},
                   {"period", "periode", Cell::period},
                   {"indicator", "indicator", Cell::indicator},
                   {"respondents", "respondenten", Cell::integer},
                   {"estimate", "schatting", Cell::rate},
                   {"ci_low", "interval_laag", Cell::rate},
                   {"ci_high", "interval_hoog", Cell::rate},
                   {"too_few", "te_weinig", Cell::integer},
                   {"difference", "verschil", Cell::rate},
                   {"difference_low", "verschil_laag", Cell::rate},
                   {"difference_high", "verschil_hoog", Cell::rate},
                   {"difference_p", "verschil_p", Cell::probability}};
      t.rows = std::move(*rows);
      sort_rows(t,
                {{2, SortBy::kvo_first}, {1, SortBy::text}, {0, SortBy::text}, {4, SortBy::text}, {3, SortBy::period}},
                kvo);
      sheets.push_back({nl ? "Enquete" : "Survey", std::move(t)});
    }
  }
  if (in->GetLayerByName(schema::layer::rejects)) {
    if (auto rows = query(
            *in, "SELECT source, reason, COUNT(*) FROM rejects GROUP BY source, reason ORDER BY source, reason")) {
      Table t;
      t.columns = {
          {"source", "bron", Cell::text}, {"reason", "reden", Cell::text}, {"records", "records", Cell::integer}};
      t.rows = std::move(*rows);
      sheets.push_back({nl ? "Afgewezen" : "Rejects", std::move(t)});
    }
  }
  const bool have_tables = !sheets.empty();
  if (auto t = sources_table(*in)) sheets.push_back({nl ? "Bronnen" : "Sources", std::move(*t)});
  if (auto t = excluded_table(*in)) sheets.push_back({nl ? "Uitgesloten" : "Excluded", std::move(*t)});
  if (!have_tables && !in->GetLayerByName(schema::layer::run_manifest))
    throw InputError("not a kvo output: no table to export", at(gpkg.string()));

  // What the reader should know about the numbers.
  Table notes;
  // A number column first: with text alone, spreadsheet readers (GDAL's among them) cannot
  // tell the header row from the data.
  notes.columns = {{"number", "nummer", Cell::integer}, {"note", "toelichting", Cell::text}};
  if (have_change)
    notes.rows.push_back(
        {nl ? "Verandering: " + std::to_string(zero_rows) +
                  " rijen zonder incidenten in beide perioden (thema's die in het gebied niet voorkwamen) zijn "
                  "weggelaten."
            : "Change: " + std::to_string(zero_rows) +
                  " rows with no incidents in either period (themes that did not occur in the area) are left out."});
  notes.rows.push_back({nl ? "KVO-gebieden staan eerst, daarna de overige gebieden, elk op naam."
                           : "KVO areas come first, then the other areas, each by name."});
  notes.rows.push_back(
      {nl ? "Getallen zijn afgerond om te lezen: incidenten per ha per jaar, schattingen, verschillen en p- en "
            "q-waarden op 3 significante cijfers, verhoudingen op 2 decimalen. Het GeoPackage bevat de exacte waarden."
          : "Numbers are rounded for reading: incidents per ha per year, estimates, differences and p- and q-values "
            "to 3 significant digits, rate ratios to 2 decimals. The GeoPackage holds the exact values."});
  for (std::size_t i = 0; i < notes.rows.size(); ++i)
    notes.rows[i].insert(notes.rows[i].begin(), std::to_string(i + 1));
  sheets.push_back({nl ? "Toelichting" : "Notes", std::move(notes)});

  const fs::path temp = workbook.parent_path() / ("." + workbook.stem().string() + ".tmp-" +
                                                  std::to_string(::getpid()) + workbook.extension().string());
  fs::remove(temp);
  try {
    detail::GdalErrorCollector errors;
    GDALDatasetUniquePtr out(driver->Create(temp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) throw IoError("cannot create the workbook: " + errors.messages(), at(workbook.string()));
    for (const auto& s : sheets) write_table(*out, s.name, s.table, lang);
    out.reset();  // writes the file (GDAL 3.6 has no Close())
    if (const std::string why = errors.messages(); !why.empty())
      throw IoError("cannot finish the workbook: " + why, at(workbook.string()));
  } catch (...) {
    std::error_code ec;
    fs::remove(temp, ec);  // nothing half-written stays behind
    throw;
  }
  fs::rename(temp, workbook);
}

}  // namespace kvo::io
