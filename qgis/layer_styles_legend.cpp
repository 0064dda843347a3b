#include "qgis/layer_styles_legend.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "engine/themes.hpp"

namespace kvo::io {

std::string Rgba::qgis() const {
  return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + "," + std::to_string(a);
}

std::string Rgba::hex() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r & 255, g & 255, b & 255);
  return buf;
}

namespace {

struct Bilingual {
  std::string_view value, en, nl;
  Rgba color;
};

std::vector<LegendClass> make(std::string_view language, const std::vector<Bilingual>& rows) {
  std::vector<LegendClass> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({std::string(r.value), std::string(pick(language, r.en, r.nl)), r.color});
  return out;
}

struct ThemeText {
  std::string_view en, nl;
  Rgba color;
};

// Same order as engine::kThemes. Colours: Tableau 20, one hue family per kind of problem.
constexpr std::array<ThemeText, engine::kThemeCount> kThemeText = {{
    {"Burglary", "Inbraak", {31, 119, 180}},
    {"Robbery", "Overval", {214, 39, 40}},
    {"Street robbery", "Straatroof", {255, 127, 14}},
    {"Shoplifting", "Winkeldiefstal", {44, 160, 44}},
    {"Pickpocketing and other theft", "Zakkenrollerij en overige diefstal", {152, 223, 138}},
    {"Vehicle crime", "Auto-inbraak en voertuigdiefstal", {148, 103, 189}},
    {"Bicycle theft", "Fietsendiefstal", {197, 176, 213}},
    {"Threat", "Bedreiging", {227, 119, 194}},
    {"Violence", "Geweld", {140, 86, 75}},
    {"Vandalism and graffiti", "Vernieling en graffiti", {23, 190, 207}},
    {"Nuisance", "Overlast", {188, 189, 34}},
    {"Internal fraud", "Interne fraude", {127, 127, 127}},
    {"Fire", "Brand", {255, 152, 150}},
    {"False alarm", "Loos alarm", {199, 199, 199}},
    {"Maintenance and upkeep", "Onderhoud en beheer", {158, 218, 229}},
    {"Access and parking", "Bereikbaarheid en parkeren", {219, 219, 141}},
}};

struct Alias {
  std::string_view field, en, nl;
};

constexpr Alias kAliases[] = {
    {"area_id", "Area code", "Gebiedscode"},
    {"name", "Name", "Naam"},
    {"kind", "Kind", "Soort"},
    {"area_ha", "Area (ha)", "Oppervlakte (ha)"},
    {"repaired", "Geometry repaired", "Geometrie hersteld"},
    {"area_set", "Area set", "Gebiedsindeling"},
    {"source", "Source", "Bron"},
    {"source_id", "Record id in the source", "Registratienummer in de bron"},
    {"theme", "Theme", "Thema"},
    {"code", "Category code", "Categoriecode"},
    {"category", "Category", "Categorie"},
    {"remark", "Remark", "Opmerking"},
    {"start", "Start (UTC)", "Begin (UTC)"},
    {"end", "End (UTC)", "Einde (UTC)"},
    {"period", "Period", "Periode"},
    {"row", "Row in the source", "Rij in de bron"},
    {"weight", "Weight", "Gewicht"},
    {"reason", "Reason", "Reden"},
    {"field", "Field", "Veld"},
    {"detail", "Detail", "Toelichting"},
    {"raw", "Record as read", "Record zoals gelezen"},
    {"count", "Incidents", "Aantal incidenten"},
    {"per_ha_year", "Incidents per ha per year", "Incidenten per ha per jaar"},
    {"cell_id", "Cell", "Cel"},
    {"gi_z", "Gi* z-score", "Gi* z-score"},
    {"gi_p", "Gi* p-value", "Gi* p-waarde"},
    {"gi_bin", "Gi* confidence bin (-3..3)", "Gi* betrouwbaarheidsklasse (-3..3)"},
    {"lm_i", "Local Moran's I", "Lokale Moran's I"},
    {"lm_p", "Local Moran pseudo p-value", "Lokale Moran pseudo-p-waarde"},
    {"lm_cluster", "Local Moran cluster", "Lokale Moran-cluster"},
    {"count_baseline", "Incidents, baseline", "Aantal, nulmeting"},
    {"count_followup", "Incidents, follow-up", "Aantal, vervolgmeting"},
    {"rate_ratio", "Rate ratio (follow-up / baseline)", "Verhouding (vervolgmeting / nulmeting)"},
    {"rr_low", "Rate ratio, lower bound", "Verhouding, ondergrens"},
    {"rr_high", "Rate ratio, upper bound", "Verhouding, bovengrens"},
    {"p", "p-value (exact test)", "p-waarde (exacte toets)"},
    {"q", "q-value (Benjamini-Hochberg)", "q-waarde (Benjamini-Hochberg)"},
    {"poisson_z", "Poisson z", "Poisson-z"},
    {"change", "Change", "Verandering"},
    {"gi_bin_baseline", "Gi* bin, baseline", "Gi*-klasse, nulmeting"},
    {"gi_bin_followup", "Gi* bin, follow-up", "Gi*-klasse, vervolgmeting"},
    {"change_class", "Change class", "Veranderingsklasse"},
    {"indicator", "Indicator", "Indicator"},
    {"n", "Respondents", "Respondenten"},
    {"n_eff", "Effective number of respondents", "Effectief aantal respondenten"},
    {"estimate", "Estimate (weighted proportion)", "Schatting (gewogen aandeel)"},
    {"ci_low", "Lower bound (Wilson)", "Ondergrens (Wilson)"},
    {"ci_high", "Upper bound (Wilson)", "Bovengrens (Wilson)"},
    {"too_few", "Too few respondents", "Te weinig respondenten"},
    {"weekday", "Weekday (0 = Monday)", "Weekdag (0 = maandag)"},
    {"hour", "Hour (local time)", "Uur (lokale tijd)"},
    {"key", "Key", "Sleutel"},
    {"value", "Value (JSON)", "Waarde (JSON)"},
};

}  // namespace

std::vector<LegendClass> gi_bin_classes(std::string_view language) {
  // ArcGIS Pro "Hot Spot Analysis (Getis-Ord Gi*)" default renderer colours.
  return make(language, {
                            {"3", "Hot spot, 99 % confidence", "Hotspot, 99 % betrouwbaarheid", {214, 47, 39}},
                            {"2", "Hot spot, 95 % confidence", "Hotspot, 95 % betrouwbaarheid", {237, 117, 81}},
                            {"1", "Hot spot, 90 % confidence", "Hotspot, 90 % betrouwbaarheid", {250, 185, 132}},
                            {"0", "Not significant", "Niet significant", {255, 255, 191}},
                            {"-1", "Cold spot, 90 % confidence", "Coldspot, 90 % betrouwbaarheid", {192, 204, 190}},
                            {"-2", "Cold spot, 95 % confidence", "Coldspot, 95 % betrouwbaarheid", {132, 158, 186}},
                            {"-3", "Cold spot, 99 % confidence", "Coldspot, 99 % betrouwbaarheid", {69, 117, 181}},
                        });
}

std::vector<LegendClass> lm_cluster_classes(std::string_view language) {
  // GeoDa's LISA cluster map colours.
  return make(language, {
                            {"HH", "High-High (hot cluster)", "Hoog-Hoog (cluster van hoge waarden)", {255, 0, 0}},
                            {"LL", "Low-Low (cold cluster)", "Laag-Laag (cluster van lage waarden)", {0, 0, 255}},
                            {"LH", "Low-High (low outlier)", "Laag-Hoog (lage uitschieter)", {167, 173, 249}},
                            {"HL", "High-Low (high outlier)", "Hoog-Laag (hoge uitschieter)", {244, 173, 168}},
                            {"ns", "Not significant", "Niet significant", {238, 238, 238}},
                        });
}

std::vector<LegendClass> cell_change_classes(std::string_view language) {
  // Hot families in reds, cold in blues (ColorBrewer RdYlBu), switches in purple/magenta.
  return make(language, {
                            {"new_hotspot", "New hot spot", "Nieuwe hotspot", {244, 109, 67}},
                            {"intensifying_hotspot", "Intensifying hot spot", "Versterkte hotspot", {165, 0, 38}},
                            {"persistent_hotspot", "Persistent hot spot", "Aanhoudende hotspot", {215, 48, 39}},
                            {"diminishing_hotspot", "Diminishing hot spot", "Afgezwakte hotspot", {253, 174, 97}},
                            {"former_hotspot", "Former hot spot", "Voormalige hotspot", {254, 224, 144}},
                            {"new_coldspot", "New cold spot", "Nieuwe coldspot", {116, 173, 209}},
                            {"intensifying_coldspot", "Intensifying cold spot", "Versterkte coldspot", {49, 54, 149}},
                            {"persistent_coldspot", "Persistent cold spot", "Aanhoudende coldspot", {69, 117, 180}},
                            {"diminishing_coldspot", "Diminishing cold spot", "Afgezwakte coldspot", {171, 217, 233}},
                            {"former_coldspot", "Former cold spot", "Voormalige coldspot", {224, 243, 248}},
                            {"hot_to_cold", "Hot spot became cold spot", "Van hotspot naar coldspot", {118, 42, 131}},
                            {"cold_to_hot", "Cold spot became hot spot", "Van coldspot naar hotspot", {231, 41, 138}},
                            {"no_pattern", "No pattern", "Geen patroon", {240, 240, 240}},
                        });
}

std::string area_kind_label(const std::string& kind, std::string_view language) {
  static const std::map<std::string, std::pair<const char*, const char*>, std::less<>> known = {
      {"area", {"Area", "Gebied"}},
      {"kvo_area", {"KVO area", "KVO-gebied"}},
      {"kvo_winkelgebied", {"KVO shopping area", "KVO-winkelgebied"}},
      {"kvo_bedrijventerrein", {"KVO business park", "KVO-bedrijventerrein"}},
      {"buurt", {"Neighbourhood", "Buurt"}},
      {"wijk", {"District", "Wijk"}},
      {"gemeente", {"Municipality", "Gemeente"}}};
  if (const auto it = known.find(kind); it != known.end())
    return std::string(pick(language, it->second.first, it->second.second));
  return kind;  // a kind kvo does not know: its code, in any language
}

std::string source_kind_label(std::string_view kind, std::string_view language) {
  static const std::map<std::string, std::pair<const char*, const char*>, std::less<>> known = {
      {"police", {"Police", "Politie"}},
      {"fire", {"Fire brigade", "Brandweer"}},
      {"survey", {"Survey", "Enquête"}},
      {"observation", {"Walk-through (schouw)", "Schouw"}},
      {"area_counts", {"Counts per area", "Aantallen per gebied"}}};
  if (const auto it = known.find(kind); it != known.end())
    return std::string(pick(language, it->second.first, it->second.second));
  return std::string(kind);
}

std::string survey_indicator_label(std::string_view indicator) {
  std::string s(indicator);
  for (auto& c : s)
    if (c == '_') c = ' ';
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::vector<LegendClass> emerging_classes(std::string_view language) {
  return make(language,
              {
                  {"new_hot_spot", "New hot spot", "Nieuwe hotspot", {255, 215, 215}},
                  {"consecutive_hot_spot", "Consecutive hot spot", "Opeenvolgende hotspot", {255, 170, 170}},
                  {"intensifying_hot_spot", "Intensifying hot spot", "Versterkende hotspot", {200, 0, 0}},
                  {"persistent_hot_spot", "Persistent hot spot", "Aanhoudende hotspot", {230, 60, 60}},
                  {"diminishing_hot_spot", "Diminishing hot spot", "Afnemende hotspot", {255, 120, 90}},
                  {"sporadic_hot_spot", "Sporadic hot spot", "Sporadische hotspot", {255, 190, 120}},
                  {"oscillating_hot_spot", "Oscillating hot spot", "Wisselende hotspot", {200, 100, 160}},
                  {"historical_hot_spot", "Historical hot spot", "Historische hotspot", {200, 160, 140}},
                  {"new_cold_spot", "New cold spot", "Nieuwe coldspot", {215, 225, 255}},
                  {"consecutive_cold_spot", "Consecutive cold spot", "Opeenvolgende coldspot", {170, 195, 255}},
                  {"intensifying_cold_spot", "Intensifying cold spot", "Versterkende coldspot", {0, 40, 200}},
                  {"persistent_cold_spot", "Persistent cold spot", "Aanhoudende coldspot", {60, 90, 230}},
                  {"diminishing_cold_spot", "Diminishing cold spot", "Afnemende coldspot", {90, 150, 255}},
                  {"sporadic_cold_spot", "Sporadic cold spot", "Sporadische coldspot", {120, 200, 255}},
                  {"oscillating_cold_spot", "Oscillating cold spot", "Wisselende coldspot", {150, 100, 200}},
                  {"historical_cold_spot", "Historical cold spot", "Historische coldspot", {140, 160, 200}},
                  {"no_pattern", "No pattern", "Geen patroon", {240, 240, 240}},
              });
}

std::vector<LegendClass> area_change_classes(std::string_view language) {
  return make(language,
              {
                  {"increase", "Significant increase", "Significante toename", {215, 48, 39}},
                  {"decrease", "Significant decrease", "Significante afname", {33, 102, 172}},
                  {"no_significant_change", "No significant change", "Geen significante verandering", {217, 217, 217}},
                  {"too_few", "Too few incidents to test", "Te weinig incidenten om te toetsen", {255, 255, 255}},
              });
}

std::vector<LegendClass> theme_classes(std::string_view language) {
  std::vector<LegendClass> out;
  for (std::size_t i = 0; i < engine::kThemeCount; ++i)
    out.push_back({std::string(engine::kThemes[i]), std::string(pick(language, kThemeText[i].en, kThemeText[i].nl)),
                   kThemeText[i].color});
  return out;
}

std::vector<RampStop> density_ramp() {
  const Rgba c[] = {{255, 255, 178}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60},
                    {252, 78, 42},   {227, 26, 28},   {177, 0, 38}};
  std::vector<RampStop> out;
  for (int i = 0; i < 7; ++i) out.push_back({i / 6.0, c[i]});
  return out;
}

std::vector<RampStop> change_ramp() {
  const Rgba c[] = {{33, 102, 172},  {103, 169, 207}, {209, 229, 240}, {247, 247, 247},
                    {253, 219, 199}, {239, 138, 98},  {178, 24, 43}};
  std::vector<RampStop> out;
  for (int i = 0; i < 7; ++i) out.push_back({i / 6.0, c[i]});
  return out;
}

std::vector<RampStop> rate_ramp(bool blue) {
  const Rgba reds[] = {{254, 229, 217}, {252, 174, 145}, {251, 106, 74}, {222, 45, 38}, {165, 15, 21}};
  const Rgba blues[] = {{239, 243, 255}, {189, 215, 231}, {107, 174, 214}, {49, 130, 189}, {8, 81, 156}};
  std::vector<RampStop> out;
  for (int i = 0; i < 5; ++i) out.push_back({i / 4.0, blue ? blues[i] : reds[i]});
  return out;
}

Rgba ramp_color(const std::vector<RampStop>& ramp, double t) {
  if (ramp.empty()) return {};
  if (!(t > ramp.front().position)) return ramp.front().color;
  if (t >= ramp.back().position) return ramp.back().color;
  for (std::size_t i = 1; i < ramp.size(); ++i) {
    if (t > ramp[i].position) continue;
    const auto& a = ramp[i - 1];
    const auto& b = ramp[i];
    const double f = (t - a.position) / (b.position - a.position);
    auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return {mix(a.color.r, b.color.r), mix(a.color.g, b.color.g), mix(a.color.b, b.color.b), mix(a.color.a, b.color.a)};
  }
  return ramp.back().color;
}

std::string theme_label(std::string_view theme, std::string_view language) {
  if (theme == engine::kThemeAllName) return std::string(pick(language, "All themes", "Alle thema's"));
  for (std::size_t i = 0; i < engine::kThemeCount; ++i)
    if (engine::kThemes[i] == theme) return std::string(pick(language, kThemeText[i].en, kThemeText[i].nl));
  return std::string(theme);
}

std::string observation_category_label(std::string_view category, std::string_view language) {
  // Dutch, English; the Dutch name is the code read as the taxonomy reads it.
  static const std::map<std::string, const char*, std::less<>> known = {{"kapotte verlichting", "Broken lighting"},
                                                                        {"verlichting", "Lighting"},
                                                                        {"slecht zicht", "Poor visibility"},
                                                                        {"overhangend groen", "Overhanging greenery"},
                                                                        {"groenonderhoud", "Greenery maintenance"},
                                                                        {"zwerfvuil", "Litter"},
                                                                        {"afval", "Waste"},
                                                                        {"losliggende tegels", "Loose paving stones"},
                                                                        {"straatmeubilair", "Street furniture"},
                                                                        {"leegstand", "Vacant premises"},
                                                                        {"graffiti", "Graffiti"},
                                                                        {"vernieling", "Vandalism"},
                                                                        {"hangplek", "Loitering spot"},
                                                                        {"overlast", "Nuisance"},
                                                                        {"drugsoverlast", "Drug nuisance"},
                                                                        {"brandgevaar", "Fire hazard"},
                                                                        {"inbraakgevoelig", "Vulnerable to burglary"},
                                                                        {"onveilige oversteek", "Unsafe crossing"},
                                                                        {"foutparkeren", "Illegal parking"},
                                                                        {"fietsparkeren", "Bicycle parking"},
                                                                        {"bereikbaarheid", "Accessibility"}};
  std::string spaced(category);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  std::string key = spaced;
  for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto it = known.find(key);
  if (it != known.end() && language != "nl") return it->second;
  std::string s = it != known.end() ? key : spaced;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string trend_label(std::string_view trend, std::string_view language) {
  if (trend == "increasing") return std::string(pick(language, "increasing", "stijgend"));
  if (trend == "decreasing") return std::string(pick(language, "decreasing", "dalend"));
  if (trend == "no_trend") return std::string(pick(language, "no trend", "geen trend"));
  return std::string(trend);
}

std::string period_label(std::string_view period, std::string_view language) {
  if (period == "baseline") return std::string(pick(language, "Baseline", "Nulmeting"));
  if (period == "followup") return std::string(pick(language, "Follow-up", "Vervolgmeting"));
  return std::string(period);
}

std::string field_alias(std::string_view field, std::string_view language) {
  for (const auto& a : kAliases)
    if (a.field == field) return std::string(pick(language, a.en, a.nl));
  return {};
}

std::vector<std::pair<std::string, std::string>> value_labels(std::string_view layer, std::string_view field,
                                                              std::string_view language,
                                                              const std::vector<std::string>& area_kinds) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&out](const std::vector<LegendClass>& classes) {
    for (const auto& c : classes) out.emplace_back(c.value, c.label);
  };
  if (field == "theme") {
    out.emplace_back(std::string(engine::kThemeAllName), theme_label(engine::kThemeAllName, language));
    for (std::size_t i = 0; i < engine::kThemeCount; ++i)
      out.emplace_back(std::string(engine::kThemes[i]), theme_label(engine::kThemes[i], language));
  } else if (field == "period") {
    for (const char* p : {"baseline", "followup"}) out.emplace_back(p, period_label(p, language));
  } else if (field == "gi_bin" || field == "gi_bin_baseline" || field == "gi_bin_followup") {
    add(gi_bin_classes(language));
  } else if (field == "lm_cluster") {
    add(lm_cluster_classes(language));
  } else if (field == "change_class") {
    add(cell_change_classes(language));
  } else if (field == "change" && (layer == "area_change" || layer == "observation_change")) {
    add(area_change_classes(language));
  } else if (field == "category" && layer == "emerging_hotspots") {
    add(emerging_classes(language));
  } else if (field == "kind" && (layer == "incidents" || layer == "observations")) {
    for (const char* k : {"police", "fire", "survey", "observation", "area_counts"})
      out.emplace_back(k, source_kind_label(k, language));
  } else if (field == "kind" && layer == "survey_indicators") {
    out.emplace_back("proportion", pick(language, "Proportion", "Aandeel"));
    out.emplace_back("mean", pick(language, "Mean (mark 1–10)", "Gemiddelde (cijfer 1–10)"));
  } else if (field == "kind") {
    for (const auto& k : area_kinds) out.emplace_back(k, area_kind_label(k, language));
  }
  return out;
}

double nice_ceiling(double value) {
  if (!(value > 0) || !std::isfinite(value)) return 1.0;
  const double base = std::pow(10.0, std::floor(std::log10(value)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * base >= value * (1 - 1e-12)) return m * base;
  return 10 * base;
}

double NiceScale::value(int i) const {
  const double units = i * mantissa;  // exact: small integers
  return exponent >= 0 ? units * std::pow(10.0, exponent) : units / std::pow(10.0, -exponent);
}

NiceScale nice_scale(double max, int max_steps) {
  if (!(max > 0) || !std::isfinite(max)) max = 1;
  max_steps = std::max(1, max_steps);
  const double target = max / max_steps;
  NiceScale s;
  s.exponent = static_cast<int>(std::floor(std::log10(target)));
  s.mantissa = 0;
  for (int k = s.exponent - 1; k <= s.exponent + 1 && s.mantissa == 0; ++k)
    for (double m : {1.0, 2.0, 5.0}) {
      NiceScale c;
      c.exponent = k, c.mantissa = m;
      if (c.value(max_steps) >= max * (1 - 1e-12)) {
        s.exponent = k, s.mantissa = m;
        break;
      }
    }
  if (s.mantissa == 0) s.mantissa = 1, s.exponent += 2;  // unreachable: 10^(e+1) ≥ target
  s.step = s.value(1);
  s.count = 1;
  while (s.value(s.count) < max * (1 - 1e-12)) ++s.count;
  s.decimals = std::max(0, -s.exponent);
  return s;
}

}  // namespace kvo::io
