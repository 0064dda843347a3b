#include "report/report_html.hpp"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "io/core/errors.hpp"
#include "io/core/output_folder.hpp"
#include "io/gpkg/output_schema.hpp"
#include "qgis/layer_styles.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace report {

std::string Page::tr(std::string_view en, std::string_view nl) const {
  return std::string(pick(lang, en, nl));
}

std::string Page::num(double value, int decimals) const {
  return format_number(value, decimals, lang);
}

std::string Page::period(const std::string& p) const {
  std::string label = period_label(p, lang);
  const auto& periods = d.spec.value("periods", nlohmann::json::object());
  if (periods.contains(p) && periods[p].is_object()) {
    const std::string from = periods[p].value("from", ""), to = periods[p].value("to", "");
    if (from.size() >= 4 && to.size() >= 4)
      label +=
          " " + (from.substr(0, 4) == to.substr(0, 4) ? from.substr(0, 4) : from.substr(0, 4) + "–" + to.substr(0, 4));
  }
  return label;
}

std::string Page::period_dates(const std::string& p) const {
  const auto& periods = d.spec.value("periods", nlohmann::json::object());
  if (!periods.contains(p) || !periods[p].is_object()) return "–";
  return date(periods[p].value("from", "")) + " – " + date(periods[p].value("to", ""));
}

double Page::period_years(const std::string& p) const {
  const auto& periods = d.spec.value("periods", nlohmann::json::object());
  if (!periods.contains(p) || !periods[p].is_object() || !periods[p].contains("days")) return 0;
  return periods[p]["days"].get<double>() / 365.25;
}

std::string Page::date(const std::string& iso) const {
  if (lang != "nl" || iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

std::string Page::month(const std::string& yyyy_mm) const {
  if (lang != "nl" || yyyy_mm.size() != 7 || yyyy_mm[4] != '-') return yyyy_mm;
  return yyyy_mm.substr(5, 2) + "-" + yyyy_mm.substr(0, 4);
}

std::string Page::timestamp(const std::string& iso) const {
  // One shape for every time stamp: the language's date, whole seconds, "UTC".
  if (iso.size() < 20 || iso[10] != 'T' || iso.back() != 'Z') return iso;
  return date(iso.substr(0, 10)) + " " + iso.substr(11, 8) + " UTC";
}

std::string Page::indicator(const std::string& id) const {
  std::string s = id;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string Page::pvalue(double value) const {
  if (std::isfinite(value) && value < 0.001) return "&lt; " + num(0.001, 3);
  return num(value, 3);
}

bool Page::primary_area(const std::string& area_id) const {
  for (const auto& a : d.areas)
    if (a.id == area_id) return !d.is_context(a);
  return true;
}

std::string Page::equals_pvalue(double value) const {
  return std::isfinite(value) && value < 0.001 ? pvalue(value) : "= " + pvalue(value);
}

std::string Page::alpha_percent() const {
  const double pct = 100.0 * d.alpha;
  return num(pct, std::abs(pct - std::round(pct)) < 1e-9 ? 0 : 1) + " %";
}

std::string Page::ratio(double value, std::int64_t count_baseline) const {
  if (std::isfinite(value)) return num(value, 2);
  return (std::isinf(value) && value > 0) || count_baseline == 0 ? std::string("∞") : std::string("–");
}

std::string Page::judged(const ReportAreaChange& c) const {
  if (c.change == "too_few")
    return tr("too few incidents to test: ", "te weinig incidenten om te toetsen: ") +
           num(static_cast<double>(c.count_baseline + c.count_followup), 0) +
           tr(" in both periods together, at least ", " in beide perioden samen, minstens ") +
           num(static_cast<double>(d.min_total), 0) + tr(" needed", " nodig");
  const bool significant = c.change == "increase" || c.change == "decrease";
  const std::string n = num(static_cast<double>(d.comparisons), 0);
  std::string s;
  if (std::isfinite(c.rr_low))
    s += tr("95 % interval ", "95 %-interval ") + "<span class=\"nw\">" + ratio(c.rr_low, c.count_baseline) + "–" +
         ratio(c.rr_high, c.count_baseline) + "</span>" + tr(" and ", " en ");
  s += "p " + equals_pvalue(c.p) + tr(" for this comparison alone; ", " voor deze vergelijking alleen; ");
  s += d.comparisons == 1 ? tr("after correcting for the one comparison in this analysis",
                               "na correctie voor de ene vergelijking in deze analyse")
                          : tr("after correcting for the ", "na correctie voor de ") + n +
                                tr(" comparisons in this analysis", " vergelijkingen in deze analyse");
  s += " (Benjamini–Hochberg, false discovery rate " + alpha_percent() + ") q " + equals_pvalue(c.q) + ": " +
       (significant ? tr("significant", "significant") : tr("not significant", "niet significant"));
  return s;
}

std::string Page::correction_note() const {
  const std::string a = num(d.alpha, 2), n = num(static_cast<double>(d.comparisons), 0);
  return "<p class=\"correction\"><strong>" + tr("How a change is judged.", "Hoe een verandering wordt beoordeeld.") +
         "</strong> " +
         tr("Every area × theme with at least one incident in either period is one comparison: ",
            "Elke combinatie gebied × thema met minstens één incident in een van beide perioden is één "
            "vergelijking: ") +
         n +
         tr(" in this analysis. Among that many comparisons some p-values below ",
            " in deze analyse. Bij zoveel vergelijkingen komen p-waarden onder ") +
         a +
         tr(" arise by chance alone, so the comparisons are corrected together (Benjamini–Hochberg, false discovery "
            "rate ",
            " ook door louter toeval voor; daarom worden de vergelijkingen samen gecorrigeerd "
            "(Benjamini–Hochberg, false discovery rate ") +
         alpha_percent() +
         tr("): a change is significant when its q-value is below ",
            "): een verandering is significant als haar q-waarde onder ") +
         a +
         tr(". The p-value and the 95 % interval of the rate ratio hold for one comparison alone, so an interval "
            "without 1 can still be a change that is not significant after the correction.",
            " ligt. De p-waarde en het 95 %-interval van de verhouding gelden voor één vergelijking alleen; een "
            "interval zonder 1 kan na de correctie dus toch een niet-significante verandering zijn.") +
         "</p>\n";
}

std::string absent_note(const std::string& text) {
  return "<p class=\"absent\">" + html_escape(text) + "</p>\n";
}

namespace {

bool significant(const ReportAreaChange& c) {
  return c.change == "increase" || c.change == "decrease";
}

// ▲ or ▼ for a significant change, coloured; "" otherwise.
std::string arrow(const ReportAreaChange& c) {
  if (c.change == "increase") return "<span class=\"mark-up\">▲</span> ";
  if (c.change == "decrease") return "<span class=\"mark-down\">▼</span> ";
  return {};
}

std::string change_label(const Page& p, const std::string& change) {
  for (const auto& cls : area_change_classes(p.lang))
    if (cls.value == change) return cls.label;
  return change;
}

// One verdict in words: "Shoplifting: significant decrease, 371 → 256 incidents, rate ratio 0.69; …".
std::string verdict_item(const Page& p, const ReportAreaChange& c, const std::string& what) {
  // Too few: the reason follows in judged().
  std::string label = c.change == "too_few" ? std::string() : change_label(p, c.change) + ", ";
  if (!label.empty()) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  std::string s = "<li>" + arrow(c) + "<strong>" + html_escape(what) + "</strong>: " + html_escape(label) +
                  p.num(static_cast<double>(c.count_baseline), 0) + " → " +
                  p.num(static_cast<double>(c.count_followup), 0) + p.tr(" incidents", " incidenten");
  if (c.change != "too_few") s += ", " + p.tr("rate ratio ", "verhouding ") + p.ratio(c.rate_ratio, c.count_baseline);
  return s + "; " + p.judged(c) + ".</li>\n";
}

// The significant theme changes of each KVO area, then its all-themes verdict: what the
// working group asks first, before the figures for the whole study area.
std::string kvo_verdicts(const Page& p) {
  const auto& d = p.d;
  std::string s = "<h3>" + p.tr("Significant changes per KVO area", "Significante veranderingen per KVO-gebied") +
                  "</h3>\n" + p.correction_note();
  for (const auto& id : d.kvo_areas) {
    std::vector<const ReportAreaChange*> changed;
    const ReportAreaChange* total = nullptr;
    std::size_t tested = 0;
    for (const auto& c : d.area_changes) {
      if (c.area_id != id) continue;
      if (c.theme == "all")
        total = &c;
      else if (significant(c))
        changed.push_back(&c);
      if (c.theme != "all" && c.count_baseline + c.count_followup > 0) ++tested;
    }
    // Every KVO area is listed, a quiet one too: its absence would read as forgotten.
    s += "<div class=\"kvo-area\">\n<h4>" + html_escape(d.area_name(id)) + "</h4>\n<ul class=\"verdicts\">\n";
    for (const auto* c : changed) s += verdict_item(p, *c, theme_label(c->theme, p.lang));
    const std::size_t others = tested - changed.size();
    if (!total || total->count_baseline + total->count_followup == 0) {
      if (tested == 0)
        s += "<li>" + p.tr("No incidents in either period.", "Geen incidenten in beide perioden.") + "</li>\n";
    } else if (changed.empty()) {
      s += "<li>" + p.tr("No single theme changed significantly (", "Geen enkel thema is significant veranderd (") +
           p.num(static_cast<double>(tested), 0) +
           (tested == 1 ? p.tr(" theme compared).", " thema vergeleken).")
                        : p.tr(" themes compared).", " thema's vergeleken).")) +
           "</li>\n";
    } else if (others > 0) {
      s += "<li>" +
           (others == 1 ? p.tr("The other theme compared", "Het andere vergeleken thema")
                        : p.tr("The other ", "De andere ") + p.num(static_cast<double>(others), 0) +
                              p.tr(" themes compared", " vergeleken thema's")) +
           p.tr(": no significant change.", ": geen significante verandering.") + "</li>\n";
    }
    if (total && total->count_baseline + total->count_followup > 0)
      s += verdict_item(p, *total, p.tr("All themes together", "Alle thema's samen"));
    s += "</ul>\n</div>\n";
  }
  return s;
}

// The other areas (neighbourhoods and the like) that changed significantly, in short.
std::string other_verdicts(const Page& p) {
  const auto& d = p.d;
  std::vector<std::string> ids;
  std::size_t quiet = 0;
  for (const auto& c : d.area_changes)
    if (!d.is_kvo(c.area_id) && std::find(ids.begin(), ids.end(), c.area_id) == ids.end()) ids.push_back(c.area_id);
  std::string items;
  for (const auto& id : ids) {
    std::string list;
    for (const auto& c : d.area_changes)
      if (c.area_id == id && significant(c))
        list += std::string(list.empty() ? "" : "; ") + arrow(c) +
                html_escape(c.theme == "all" ? p.tr("all themes", "alle thema's") : theme_label(c.theme, p.lang)) +
                " (" + p.ratio(c.rate_ratio, c.count_baseline) + ", q " + p.equals_pvalue(c.q) + ")";
    if (list.empty())
      ++quiet;
    else
      items += "<li><strong>" + html_escape(d.area_name(id)) + "</strong>: " + list + "</li>\n";
  }
  if (ids.empty()) return {};
  if (items.empty())
    return "<p>" + p.tr("Other areas (", "Andere gebieden (") + p.num(static_cast<double>(quiet), 0) +
           p.tr("): no significant change.", "): geen significante verandering.") + "</p>\n";
  std::string s = "<p>" +
                  p.tr("Other areas with a significant change (rate ratio, q after the correction above):",
                       "Andere gebieden met een significante verandering (verhouding, q na de correctie hierboven):") +
                  "</p>\n<ul class=\"verdicts\">\n" + items;
  if (quiet > 0)
    s += "<li>" + p.num(static_cast<double>(quiet), 0) +
         (quiet == 1 ? p.tr(" other area: no significant change", " ander gebied: geen significante verandering")
                     : p.tr(" other areas: no significant change", " andere gebieden: geen significante verandering")) +
         "</li>\n";
  return s + "</ul>\n";
}

}  // namespace

std::string section_summary(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"summary\">\n<h2>" + p.tr("Summary", "Samenvatting") + "</h2>\n";
  const bool compared = !d.area_changes.empty();
  if (compared) {
    s += kvo_verdicts(p);
    s += "<h3>" + p.tr("Whole study area", "Hele onderzoeksgebied") + "</h3>\n";
  }
  s += "<table class=\"figures\"><thead><tr><th></th>";
  for (const auto& period : d.periods) s += "<th>" + html_escape(p.period(period)) + "</th>";
  s += "</tr></thead><tbody>\n";
  auto row = [&](const std::string& label, auto value) {
    s += "<tr><th>" + html_escape(label) + "</th>";
    for (const auto& period : d.periods) s += "<td>" + value(period) + "</td>";
    s += "</tr>\n";
  };
  auto total = [&](const std::string& period) {
    std::int64_t n = 0;
    for (const auto& [theme, counts] : d.theme_counts)
      if (const auto it = counts.find(period); it != counts.end()) n += it->second;
    return n;
  };
  row(p.tr("Dates", "Datums"), [&](const std::string& q) { return html_escape(p.period_dates(q)); });
  row(p.tr("Incidents", "Incidenten"), [&](const std::string& q) { return p.num(static_cast<double>(total(q)), 0); });
  row(p.tr("Incidents per year", "Incidenten per jaar"), [&](const std::string& q) {
    const double y = p.period_years(q);
    return y > 0 ? p.num(static_cast<double>(total(q)) / y, 1) : std::string("–");
  });
  if (d.has(schema::layer::hotspot_cells))
    row(p.tr("Hot spot cells (90 % or more, all themes)", "Hotspotcellen (90 % of meer, alle thema's)"),
        [&](const std::string& q) {
          const auto n = std::count_if(d.cells.begin(), d.cells.end(),
                                       [&](const ReportCell& c) { return c.period == q && c.gi_bin > 0; });
          return p.num(static_cast<double>(n), 0);
        });
  s += "</tbody></table>\n";
  if (compared) s += other_verdicts(p);

  std::int64_t read = 0, rejected = 0;
  if (d.manifest.count("sources") && d.manifest.at("sources").is_array())
    for (const auto& src : d.manifest.at("sources")) {
      read += src.value("read", std::int64_t{0});
      rejected += src.value("rejected", std::int64_t{0});
    }
  if (read > 0)
    s += "<p>" + p.tr("Records read: ", "Gelezen records: ") + p.num(static_cast<double>(read), 0) + "; " +
         p.tr("rejected: ", "afgewezen: ") + p.num(static_cast<double>(rejected), 0) + " (" +
         p.num(100.0 * static_cast<double>(rejected) / static_cast<double>(read), 1) + " %). " +
         p.tr("Nothing is lost silently: see the data quality section.",
              "Er gaat niets stilzwijgend verloren: zie de paragraaf over datakwaliteit.") +
         "</p>\n";
  return s + "</section>\n";
}

namespace {

const char* kCss = R"css(
:root { --ink: #1e1e1e; --muted: #5a5a5a; --rule: #c8c8c8; --accent: #21409a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       font-size: 10.5pt; line-height: 1.4; max-width: 190mm; margin: 8mm auto; padding: 0 4mm; }
header.cover { border-bottom: 3px solid var(--accent); margin-bottom: 6mm; }
header.cover h1 { font-size: 19pt; margin: 0 0 2mm 0; color: var(--accent); }
header.cover p { margin: 1mm 0; color: var(--muted); }
h2 { font-size: 14pt; color: var(--accent); border-bottom: 1px solid var(--rule); margin: 8mm 0 3mm 0; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm 0; }
nav.toc ol { columns: 2; margin: 0; padding-left: 5mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; font-size: 9pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 1.5px solid var(--ink); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.figures th[scope], table.figures tbody th { font-weight: normal; color: var(--muted); }
table.heat { table-layout: fixed; font-size: 6.5pt; }
table.heat td, table.heat th { padding: 0.6mm 0; text-align: center; border: 0.5px solid #ffffff; }
table.heat th:first-child { width: 9mm; text-align: left; }
code, .hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 7.5pt; word-break: break-all; }
figure { margin: 3mm 0 5mm 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 1.5mm; }
svg.map, svg.chart { width: 100%; height: auto; display: block; }
.multiples { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm 4mm; }
.multiples figure { margin: 0 0 2mm 0; }
.multiples h4 { font-size: 9.5pt; margin: 0 0 1mm 0; }
svg.map { max-height: 200mm; }
.legend { display: flex; flex-wrap: wrap; gap: 1.5mm 5mm; font-size: 8.5pt; margin-top: 2mm; align-items: center; }
.legend span { display: inline-flex; gap: 1.5mm; align-items: center; }
.mark-up { color: #b2182b; font-weight: bold; }
.mark-down { color: #2166ac; font-weight: bold; }
.absent { color: var(--muted); font-style: italic; }
.nw, td.change, th.change { white-space: nowrap; }
table.area-themes thead th { white-space: normal; }
table.wide { font-size: 7.5pt; }  /* ten columns (the change table with its trend) on A4 */
table.wide th, table.wide td { padding: 0.8mm 0.8mm; }
table.wide thead th { white-space: normal; }
.warn { color: #8a4b00; }
.formula { font-family: "DejaVu Serif", "Liberation Serif", serif; margin: 1mm 0 2mm 6mm; }
ul.refs li { font-size: 9pt; margin-bottom: 1mm; }
footer { margin-top: 10mm; font-size: 8pt; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 2mm; }
@page { size: A4 portrait; margin: 15mm 13mm 17mm 13mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-before: auto; }
  section.newpage { break-before: page; page-break-before: always; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  table.long { break-inside: auto; page-break-inside: auto; }
  thead { display: table-header-group; }
  figure[id^="map-area-"] svg.map { max-height: 100mm; }  /* two zoomed area maps per page */
}
)css";

}  // namespace

}  // namespace report

std::string build_report(const fs::path& gpkg, const ReportOptions& options) {
  ReportData d = read_report_data(gpkg);
  if (!options.language.empty()) d.language = options.language == "nl" ? "nl" : "en";
  if (!options.title.empty()) d.title = options.title;
  const report::Page p{d, d.language};
  const std::string title = d.title.empty() ? gpkg.filename().string() : d.title;

  std::string periods;
  for (const auto& q : d.periods) periods += (periods.empty() ? "" : p.tr(" and ", " en ")) + p.period(q);
  const bool followup = std::find(d.periods.begin(), d.periods.end(), "followup") != d.periods.end();
  const bool baseline = std::find(d.periods.begin(), d.periods.end(), "baseline") != d.periods.end();
  const std::string kind = baseline && followup ? p.tr("Safety analysis: baseline and follow-up compared",
                                                       "Veiligheidsanalyse: nulmeting en vervolgmeting vergeleken")
                                                : p.tr("Safety analysis", "Veiligheidsanalyse");

  std::string h = "<!DOCTYPE html>\n<html lang=\"" + d.language + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: the report is read offline and by auditors; the policy makes
  // the browser refuse any request the page might make.
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
       "style-src 'unsafe-inline'\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"kvo report\">\n";
  h += "<title>" + html_escape(title) + "</title>\n<style>" + report::kCss + "</style>\n</head>\n<body>\n";
  h += "<header class=\"cover\">\n<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(kind) +
       (periods.empty() ? "" : " · " + html_escape(periods)) + "</p>\n<p>" + p.tr("Source: ", "Bron: ") + "<code>" +
       html_escape(gpkg.filename().string()) + "</code>";
  if (d.manifest.count("created") && d.manifest.at("created").is_string())
    h += " · " + p.tr("analysis made ", "analyse gemaakt ") +
         html_escape(p.timestamp(d.manifest.at("created").get<std::string>()));
  h += " · " + p.tr("report made ", "rapport gemaakt ") + html_escape(p.timestamp(styling_timestamp() + "Z")) +
       "</p>\n</header>\n";

  struct Part {
    const char* id;
    std::string en, nl;
    std::string html;
  };
  std::vector<Part> parts = {
      {"summary", "Summary", "Samenvatting", report::section_summary(p)},
      {"map", "Maps", "Kaarten", report::section_maps(p)},
      {"themes", "Incidents per theme", "Incidenten per thema", report::section_themes(p)},
      {"area-change", "Change per area", "Verandering per gebied", report::section_area_change(p)},
      {"time", "When incidents happen", "Wanneer incidenten plaatsvinden", report::section_time(p)},
      {"survey", "Survey indicators", "Enquête-indicatoren", report::section_survey(p)},
      {"monitor", "Between the measurements", "Tussen de metingen", report::section_monitor(p)},
      {"findings", "Walk-through findings", "Schouwbevindingen", report::section_findings(p)},
      {"rejects", "Data quality: rejected records", "Datakwaliteit: afgewezen records", report::section_rejects(p)},
      {"method", "Method and data sources", "Methode en databronnen", report::section_method(p)},
      {"layers", "Contents of the GeoPackage", "Inhoud van de GeoPackage", report::section_layers(p)},
  };
  h += "<nav class=\"toc\"><ol>\n";
  for (const auto& part : parts)
    if (!part.html.empty())
      h += "<li><a href=\"#" + std::string(part.id) + "\">" + html_escape(p.tr(part.en, part.nl)) + "</a></li>\n";
  h += "</ol></nav>\n";
  for (const auto& part : parts) h += part.html;
  h += "<footer>" +
       p.tr(
           "Made with kvo from the GeoPackage named above; every number can be traced to its layers. "
           "The method section lists the inputs with their SHA-256 hashes.",
           "Gemaakt met kvo uit de hierboven genoemde GeoPackage; elk getal is terug te vinden in de lagen. "
           "De paragraaf over de methode noemt de invoerbestanden met hun SHA-256-hashes.") +
       "</footer>\n</body>\n</html>\n";
  return h;
}

void write_report(const fs::path& gpkg, const fs::path& html, const ReportOptions& options) {
  const std::string doc = build_report(gpkg, options);
  make_output_folder(html);
  const fs::path target = fs::absolute(html);
  const fs::path temp =
      target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary);
    out << doc;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw IoError("cannot write the report", at(temp.string()));
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw IoError("cannot move the report into place: " + ec.message(), at(target.string()));
  }
}

}  // namespace kvo::io
