// The report's "between the measurements" section: what the emerging hot spot analysis
// and the near-repeat analysis found (docs/emerging.md, docs/near_repeat.md).

#include <cctype>

#include "qgis/layer_styles_legend.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

namespace {

std::string category_label(const Page& p, const std::string& c) {
  for (auto cls : emerging_classes(p.lang))  // the QGIS legend's names, lower case in a table
    if (cls.value == c) {
      cls.label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(cls.label[0])));
      return cls.label;
    }
  return c;
}

}  // namespace

std::string section_findings(const Page& p) {
  const auto& d = p.d;
  if (d.findings.empty()) return {};
  std::string s = "<section id=\"findings\">\n<h2>" + p.tr("Walk-through findings", "Schouwbevindingen") + "</h2>\n";
  s += "<p>" + p.num(static_cast<double>(d.findings_total), 0) +
       p.tr(" walk-through findings of the latest period (layer ", " schouwbevindingen van de laatste periode (laag ") +
       "<code>observations</code>)" +
       (d.findings_total > static_cast<std::int64_t>(d.findings.size())
            ? p.tr("; the first ", "; de eerste ") + p.num(static_cast<double>(d.findings.size()), 0) +
                  p.tr(" are listed", " staan hieronder")
            : std::string()) +
       ".</p>\n";
  s += "<table class=\"long\"><thead><tr><th>" + p.tr("Date", "Datum") + "</th><th>" + p.tr("Area", "Gebied") +
       "</th><th>" + p.tr("Category", "Categorie") + "</th><th>" + p.tr("Theme", "Thema") + "</th><th>" +
       p.tr("Remark", "Opmerking") + "</th></tr></thead><tbody>\n";
  for (const auto& f : d.findings) {
    // date, area, category, theme, remark: codes as readable names, the date as elsewhere.
    const std::string cells[] = {p.date(f[0]), f[1], observation_category_label(f[2], p.lang),
                                 theme_label(f[3], p.lang), f[4]};
    s += "<tr>";
    for (const auto& cell : cells) s += "<td>" + html_escape(cell) + "</td>";
    s += "</tr>\n";
  }
  return s + "</tbody></table>\n</section>\n";
}

std::string section_monitor(const Page& p) {
  const auto& d = p.d;
  const auto nr = d.manifest.find("near_repeat");
  if (d.emerging_counts.empty() && nr == d.manifest.end()) return {};
  std::string s = "<section id=\"monitor\">\n<h2>" + p.tr("Between the measurements", "Tussen de metingen") + "</h2>\n";
  if (const auto e = d.manifest.find("emerging"); e != d.manifest.end()) {
    s +=
        "<p>" + p.tr("Emerging hot spots over ", "Opkomende hotspots over ") + p.num(e->second.value("steps", 0.0), 0) +
        " " +
        (e->second.value("time_step", "month") == "month" ? p.tr("months", "maanden") : p.tr("quarters", "kwartalen")) +
        p.tr(" from ", " vanaf ") + html_escape(p.month(e->second.value("first_step", ""))) +
        p.tr(": cells per category (layer ", ": cellen per categorie (laag ") +
        "<code>emerging_hotspots</code>).</p>\n";
    s += "<table><thead><tr><th>" + p.tr("Theme", "Thema") + "</th><th>" + p.tr("Category", "Categorie") +
         "</th><th class=\"n\">" + p.tr("Cells", "Cellen") + "</th></tr></thead><tbody>\n";
    for (const auto& [theme, cats] : d.emerging_counts)
      for (const auto& [cat, n] : cats)
        s += "<tr><td>" + html_escape(theme_label(theme, p.lang)) + "</td><td>" + html_escape(category_label(p, cat)) +
             "</td><td class=\"n\">" + p.num(static_cast<double>(n), 0) + "</td></tr>\n";
    if (d.emerging_counts.empty())
      s += "<tr><td colspan=\"3\">" + p.tr("No emerging pattern in any cell.", "Geen patroon in enige cel.") +
           "</td></tr>\n";
    s += "</tbody></table>\n";
  }
  if (nr != d.manifest.end() && nr->second.contains("themes")) {
    s += "<p>" +
         p.tr(
             "Near repeat (Knox test): where a first incident raises the risk of another nearby soon after "
             "(layers ",
             "Near repeat (Knox-toets): waar een eerste incident de kans op een volgende dichtbij kort daarna "
             "verhoogt (lagen ") +
         "<code>near_repeat</code>, <code>near_repeat_risk</code>).</p>\n";
    s += "<table><thead><tr><th>" + p.tr("Theme", "Thema") + "</th><th class=\"n\">" + p.tr("Incidents", "Incidenten") +
         "</th><th>" + p.tr("Elevated risk", "Verhoogd risico") + "</th></tr></thead><tbody>\n";
    for (const auto& [theme, t] : nr->second["themes"].items()) {
      const auto& w = t["window"];
      std::string risk = p.tr("none found", "niet gevonden");
      if (w.value("near_repeat", false))
        risk = p.tr("within ", "binnen ") + p.num(w.value("distance_m", 0.0), 0) + " m " + p.tr("and ", "en ") +
               p.num(w.value("days", 0.0), 0) + p.tr(" days", " dagen");
      if (w.value("repeat", false))
        risk += std::string(w.value("near_repeat", false) ? "; " : "") +
                p.tr("same address within ", "zelfde adres binnen ") + p.num(w.value("repeat_days", 0.0), 0) +
                p.tr(" days", " dagen");
      s += "<tr><td>" + html_escape(theme_label(theme, p.lang)) + "</td><td class=\"n\">" +
           p.num(t.value("events", 0.0), 0) + "</td><td>" + html_escape(risk) + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }
  return s + "</section>\n";
}

}  // namespace kvo::io::report
