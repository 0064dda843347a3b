#include "io/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unistd.h>

#include "io/errors.hpp"
#include "io/layer_styles.hpp"
#include "io/layer_styles_legend.hpp"
#include "io/report_page.hpp"
#include "io/report_svg.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

namespace report {

std::string Page::tr(std::string_view en, std::string_view nl) const { return std::string(pick(lang, en, nl)); }

std::string Page::num(double value, int decimals) const { return format_number(value, decimals, lang); }

std::string Page::period(const std::string& p) const {
  std::string label = period_label(p, lang);
  const auto& periods = d.spec.value("periods", nlohmann::json::object());
  if (periods.contains(p) && periods[p].is_object()) {
    const std::string from = periods[p].value("from", ""), to = periods[p].value("to", "");
    if (from.size() >= 4 && to.size() >= 4)
      label += " " + (from.substr(0, 4) == to.substr(0, 4) ? from.substr(0, 4) : from.substr(0, 4) + "–" + to.substr(0, 4));
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

std::string absent_note(const std::string& text) { return "<p class=\"absent\">" + html_escape(text) + "</p>\n"; }

std::string section_summary(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"summary\">\n<h2>" + p.tr("Summary", "Samenvatting") + "</h2>\n";
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
  if (d.has("hotspot_cells"))
    row(p.tr("Hot spot cells (90 % or more, all themes)", "Hotspotcellen (90 % of meer, alle thema's)"),
        [&](const std::string& q) {
          const auto n = std::count_if(d.cells.begin(), d.cells.end(),
                                       [&](const ReportCell& c) { return c.period == q && c.gi_bin > 0; });
          return p.num(static_cast<double>(n), 0);
        });
  s += "</tbody></table>\n";

  // The verdicts for all themes together, per KVO area (and any other area that changed):
  // what the working group asks first.
  std::string verdicts;
  std::size_t quiet = 0;
  for (const auto& c : d.area_changes) {
    if (c.theme != "all") continue;
    if (!p.primary_area(c.area_id) && c.change != "increase" && c.change != "decrease") {
      ++quiet;
      continue;
    }
    std::string v;
    for (const auto& cls : area_change_classes(p.lang))
      if (cls.value == c.change) v = cls.label;
    if (v.empty()) v = c.change;
    verdicts += "<li><strong>" + html_escape(c.area_name) + "</strong>: " + html_escape(v);
    if (std::isfinite(c.rate_ratio))
      verdicts += " (" + p.tr("rate ratio", "verhouding") + " " + p.num(c.rate_ratio, 2) + ", " +
                  p.tr("interval", "interval") + " " + p.num(c.rr_low, 2) + "–" + p.num(c.rr_high, 2) +
                  (std::isfinite(c.q) ? ", q " + std::string(c.q < 0.001 ? "" : "= ") + p.pvalue(c.q) : std::string()) + ")";
    verdicts += "</li>\n";
  }
  if (quiet > 0)
    verdicts += "<li>" + p.num(static_cast<double>(quiet), 0) +
                p.tr(" other areas: no significant change", " andere gebieden: geen significante verandering") + "</li>\n";
  if (!verdicts.empty())
    s += "<p>" + p.tr("Change from baseline to follow-up, all themes together:",
                      "Verandering van nulmeting naar vervolgmeting, alle thema's samen:") +
         "</p>\n<ul class=\"verdicts\">\n" + verdicts + "</ul>\n";

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
svg.map { max-height: 200mm; }
.legend { display: flex; flex-wrap: wrap; gap: 1.5mm 5mm; font-size: 8.5pt; margin-top: 2mm; align-items: center; }
.legend span { display: inline-flex; gap: 1.5mm; align-items: center; }
.mark-up { color: #b2182b; font-weight: bold; }
.mark-down { color: #2166ac; font-weight: bold; }
.absent { color: var(--muted); font-style: italic; }
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
    h += " · " + p.tr("analysis made ", "analyse gemaakt ") + html_escape(d.manifest.at("created").get<std::string>());
  h += " · " + p.tr("report made ", "rapport gemaakt ") + html_escape(styling_timestamp()) + "Z</p>\n</header>\n";

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
       p.tr("Made with kvo from the GeoPackage named above; every number can be traced to its layers. "
            "The method section lists the inputs with their SHA-256 hashes.",
            "Gemaakt met kvo uit de hierboven genoemde GeoPackage; elk getal is terug te vinden in de lagen. "
            "De paragraaf over de methode noemt de invoerbestanden met hun SHA-256-hashes.") +
       "</footer>\n</body>\n</html>\n";
  return h;
}

void write_report(const fs::path& gpkg, const fs::path& html, const ReportOptions& options) {
  const std::string doc = build_report(gpkg, options);
  const fs::path target = fs::absolute(html);
  if (!fs::is_directory(target.parent_path())) throw IoError("the output folder does not exist", at(target.parent_path().string()));
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
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
