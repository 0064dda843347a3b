#include "io/gpkg/xlsx_export.hpp"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "io/core/errors.hpp"
#include "io/gdal/gdal_internal.hpp"
#include "io/gdal/sql_result.hpp"
#include "io/gpkg/output_schema.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace {

// One sheet: the layer it needs and its query, column names in both languages. The SQL
// is fixed text; values from the data never enter it.
struct Sheet {
  const char* layer;
  const char* name_en;
  const char* name_nl;
  const char* sql_en;
  const char* sql_nl;
};

constexpr Sheet kSheets[] = {
    {schema::layer::area_change, "Change", "Verandering",
     "SELECT area_id AS area_code, name AS area, theme, count_baseline AS baseline, count_followup AS followup, "
     "rate_ratio, rr_low AS rate_ratio_low, rr_high AS rate_ratio_high, q AS q_value, change AS class "
     "FROM area_change ORDER BY name, theme",
     "SELECT area_id AS gebiedscode, name AS gebied, theme AS thema, count_baseline AS nulmeting, "
     "count_followup AS vervolgmeting, rate_ratio AS verhouding, rr_low AS verhouding_laag, "
     "rr_high AS verhouding_hoog, q AS q_waarde, change AS klasse FROM area_change ORDER BY name, theme"},
    {schema::layer::area_stats, "Per area", "Per gebied",
     "SELECT area_id AS area_code, name AS area, period, theme, count, per_ha_year FROM area_stats "
     "ORDER BY name, period, theme",
     "SELECT area_id AS gebiedscode, name AS gebied, period AS periode, theme AS thema, count AS aantal, "
     "per_ha_year AS per_ha_per_jaar FROM area_stats ORDER BY name, period, theme"},
    {schema::layer::survey_indicators, "Survey", "Enquete",
     "SELECT area_id AS area_code, name AS area, period, indicator, n AS respondents, estimate, ci_low, ci_high, "
     "too_few, diff AS difference, diff_low AS difference_low, diff_high AS difference_high, diff_p AS difference_p "
     "FROM survey_indicators ORDER BY name, indicator, period",
     "SELECT area_id AS gebiedscode, name AS gebied, period AS periode, indicator, n AS respondenten, "
     "estimate AS schatting, ci_low AS interval_laag, ci_high AS interval_hoog, too_few AS te_weinig, "
     "diff AS verschil, diff_low AS verschil_laag, diff_high AS verschil_hoog, diff_p AS verschil_p "
     "FROM survey_indicators ORDER BY name, indicator, period"},
    {schema::layer::rejects, "Rejects", "Afgewezen",
     "SELECT source, reason, COUNT(*) AS records FROM rejects GROUP BY source, reason ORDER BY source, reason",
     "SELECT source AS bron, reason AS reden, COUNT(*) AS records FROM rejects GROUP BY source, reason "
     "ORDER BY source, reason"},
};

std::string spec_language(GDALDataset& ds) {
  if (!ds.GetLayerByName(schema::layer::run_manifest)) return "nl";
  const auto rows = detail::rows_or_none(ds, "SELECT value FROM run_manifest WHERE key = 'spec'");
  if (rows.empty()) return "nl";
  const auto spec = nlohmann::json::parse(rows[0][0], nullptr, false);
  return spec.is_object() && spec.value("language", "nl") == "en" ? "en" : "nl";
}

// The sources' counts from the manifest, as a sheet of its own.
void write_sources_sheet(GDALDataset& in, GDALDataset& out, bool nl) {
  if (!in.GetLayerByName(schema::layer::run_manifest)) return;
  const auto rows = detail::rows_or_none(in, "SELECT value FROM run_manifest WHERE key = 'sources'");
  if (rows.empty()) return;
  const auto sources = nlohmann::json::parse(rows[0][0], nullptr, false);
  if (!sources.is_array()) return;
  OGRLayer* sheet = out.CreateLayer(nl ? "Bronnen" : "Sources", nullptr, wkbNone, nullptr);
  if (!sheet) throw IoError("cannot add a sheet to the workbook");
  const char* names_en[] = {"source", "kind", "read", "accepted", "rejected", "excluded", "outside_study_region"};
  const char* names_nl[] = {
      "bron", "soort", "gelezen", "geaccepteerd", "afgewezen", "uitgesloten", "buiten_studiegebied"};
  const char* keys[] = {"name", "kind", "read", "accepted", "rejected", "excluded", "outside_study_region"};
  for (int i = 0; i < 7; ++i) {
    OGRFieldDefn f(nl ? names_nl[i] : names_en[i], i < 2 ? OFTString : OFTInteger64);
    sheet->CreateField(&f);
  }
  for (const auto& s : sources) {
    OGRFeature f(sheet->GetLayerDefn());
    for (int i = 0; i < 7; ++i) {
      if (!s.contains(keys[i])) continue;
      if (i < 2)
        f.SetField(i, s[keys[i]].get<std::string>().c_str());
      else
        f.SetField(i, static_cast<GIntBig>(s[keys[i]].get<std::int64_t>()));
    }
    if (sheet->CreateFeature(&f) != OGRERR_NONE) throw IoError("cannot write the sources sheet");
  }
}

}  // namespace

void export_xlsx(const fs::path& gpkg, const fs::path& xlsx, const std::string& language) {
  auto in = detail::open_vector(gpkg);
  const bool nl = (language.empty() ? spec_language(*in) : language) == "nl";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
  if (!driver) throw IoError("this GDAL has no XLSX driver");
  const fs::path temp =
      xlsx.parent_path() / ("." + xlsx.stem().string() + ".tmp-" + std::to_string(::getpid()) + ".xlsx");
  fs::remove(temp);
  int sheets = 0;
  try {
    detail::GdalErrorCollector errors;
    GDALDatasetUniquePtr out(driver->Create(temp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) throw IoError("cannot create the workbook: " + errors.messages(), at(xlsx.string()));
    for (const Sheet& s : kSheets) {
      if (!in->GetLayerByName(s.layer)) continue;
      const detail::SqlResult result(*in, nl ? s.sql_nl : s.sql_en, nullptr);
      if (!result) continue;
      if (!out->CopyLayer(&*result, nl ? s.name_nl : s.name_en, nullptr))
        throw IoError("cannot write the sheet '" + std::string(nl ? s.name_nl : s.name_en) + "': " + errors.messages(),
                      at(xlsx.string()));
      ++sheets;
    }
    write_sources_sheet(*in, *out, nl);
    if (sheets == 0 && !in->GetLayerByName(schema::layer::run_manifest))
      throw InputError("not a kvo output: no table to export", at(gpkg.string()));
    out.reset();  // writes the file (GDAL 3.6 has no Close())
    if (const std::string why = errors.messages(); !why.empty())
      throw IoError("cannot finish the workbook: " + why, at(xlsx.string()));
  } catch (...) {
    std::error_code ec;
    fs::remove(temp, ec);  // nothing half-written stays behind
    throw;
  }
  fs::rename(temp, xlsx);
}

}  // namespace kvo::io
