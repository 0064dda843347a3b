// The table-and-chart sections of the HTML report: themes, area change, survey indicators
// and rejected records.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "engine/themes.hpp"
#include "qgis/layer_styles_legend.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

Rgba period_color(const std::string& period) {
  return period == "followup" ? Rgba{33, 102, 172} : Rgba{150, 150, 150};
}

namespace {

std::string change_cell(const Page& p, const std::string& change) {
  const bool hatched = change == "too_few";
  for (const auto& c : area_change_classes(p.lang))
    if (c.value == change) return svg_swatch(c.color, hatched) + " " + html_escape(c.label);
  return html_escape(change);
}

// The themes in kvo's fixed order, then any others the file names.
std::vector<std::string> themes_in(const ReportData& d) {
  std::vector<std::string> out;
  for (const auto& t : engine::kThemes)
    if (d.theme_counts.count(std::string(t))) out.emplace_back(t);
  for (const auto& [t, counts] : d.theme_counts)
    if (std::find(out.begin(), out.end(), t) == out.end() && t != "all") out.push_back(t);
  return out;
}

}  // namespace

namespace {

// Themes in kvo's fixed order, then any others by name; "all" is left out.
template <class Map>
std::vector<std::string> ordered_themes(const Map& by_theme) {
  std::vector<std::string> out;
  for (const auto& t : engine::kThemes)
    if (by_theme.count(std::string(t))) out.emplace_back(t);
  for (const auto& [t, v] : by_theme)
    if (std::find(out.begin(), out.end(), t) == out.end() && t != "all") out.push_back(t);
  return out;
}

// One KVO area's themes, baseline against follow-up, from `area_change`.
std::string area_change_table(const Page& p, const std::string& area_id) {
  std::map<std::string, const ReportAreaChange*> rows;
  for (const auto& c : p.d.area_changes)
    if (c.area_id == area_id && c.count_baseline + c.count_followup > 0) rows[c.theme] = &c;
  if (rows.empty()) return absent_note(p.tr("No incidents in this area.", "Geen incidenten in dit gebied."));
  std::string s = "<table class=\"area-themes\"><thead><tr><th>" + p.tr("Theme", "Thema") + "</th><th class=\"n\">" +
                  html_escape(p.period("baseline")) + "</th><th class=\"n\">" + html_escape(p.period("followup")) +
                  "</th><th class=\"n\">" + p.tr("Rate ratio", "Verhouding") + "</th><th class=\"n\">" +
                  p.tr("95 % interval", "95 %-interval") + "</th><th class=\"n\">p</th><th class=\"n\">q</th><th>" +
                  p.tr("Change", "Verandering") + "</th></tr></thead><tbody>\n";
  auto row = [&](const ReportAreaChange& c, const std::string& label, const char* cell) {
    const std::string open = std::string("<") + cell, close = std::string("</") + cell + ">";
    auto r = [&](double v) { return p.ratio(v, c.count_baseline); };
    return "<tr>" + open + ">" + html_escape(label) + close + open + " class=\"n\">" +
           p.num(static_cast<double>(c.count_baseline), 0) + close + open + " class=\"n\">" +
           p.num(static_cast<double>(c.count_followup), 0) + close + open + " class=\"n\">" + r(c.rate_ratio) + close +
           open + " class=\"n\">" + (std::isfinite(c.rr_low) ? r(c.rr_low) + "–" + r(c.rr_high) : "–") + close + open +
           " class=\"n\">" + p.pvalue(c.p) + close + open + " class=\"n\">" + p.pvalue(c.q) + close + open +
           " class=\"change\">" + change_cell(p, c.change) + close + "</tr>\n";
  };
  for (const auto& t : ordered_themes(rows)) s += row(*rows.at(t), theme_label(t, p.lang), "td");
  if (const auto it = rows.find("all"); it != rows.end())
    s += row(*it->second, p.tr("All themes", "Alle thema's"), "th");
  return s + "</tbody></table>\n";
}

// One area's themes per period, from `area_stats` (a report without comparison).
std::string area_count_table(const Page& p, const std::string& area_id) {
  const auto found = p.d.area_theme_counts.find(area_id);
  std::map<std::string, std::map<std::string, std::int64_t>> rows;
  if (found != p.d.area_theme_counts.end())
    for (const auto& [theme, counts] : found->second)
      for (const auto& [period, n] : counts)
        if (n > 0) rows[theme] = counts;
  if (rows.empty()) return absent_note(p.tr("No incidents in this area.", "Geen incidenten in dit gebied."));
  std::string s = "<table class=\"area-themes\"><thead><tr><th>" + p.tr("Theme", "Thema") + "</th>";
  for (const auto& q : p.d.periods) s += "<th class=\"n\">" + html_escape(p.period(q)) + "</th>";
  for (const auto& q : p.d.periods)
    s += "<th class=\"n\">" + p.tr("per year", "per jaar") + "<br>" + html_escape(period_label(q, p.lang)) + "</th>";
  s += "</tr></thead><tbody>\n";
  auto row = [&](const std::map<std::string, std::int64_t>& counts, const std::string& label, const std::string& cell) {
    std::string r = "<tr><" + cell + ">" + html_escape(label) + "</" + cell + ">";
    for (const auto& q : p.d.periods) {
      const auto it = counts.find(q);
      r += "<" + cell + " class=\"n\">" + p.num(static_cast<double>(it == counts.end() ? 0 : it->second), 0) + "</" +
           cell + ">";
    }
    for (const auto& q : p.d.periods) {
      const auto it = counts.find(q);
      const double y = p.period_years(q);
      r += "<" + cell + " class=\"n\">" +
           (y > 0 ? p.num(static_cast<double>(it == counts.end() ? 0 : it->second) / y, 1) : "–") + "</" + cell + ">";
    }
    return r + "</tr>\n";
  };
  for (const auto& t : ordered_themes(rows)) s += row(rows.at(t), theme_label(t, p.lang), "td");
  if (const auto it = rows.find("all"); it != rows.end())
    s += row(it->second, p.tr("All themes", "Alle thema's"), "th");
  return s + "</tbody></table>\n";
}

}  // namespace

std::string section_themes(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"themes\">\n<h2>" + p.tr("Incidents per theme", "Incidenten per thema") + "</h2>\n";
  const auto themes = themes_in(d);
  const bool compared = !d.area_changes.empty();
  if (themes.empty() && d.area_changes.empty() && d.area_theme_counts.empty())
    return s + absent_note(p.tr("No incidents in this file.", "Geen incidenten in dit bestand.")) + "</section>\n";

  // Per KVO area first: the tests are per area, and the working group answers for its areas.
  if (!d.kvo_areas.empty() && (compared || !d.area_theme_counts.empty())) {
    s += "<p>" + p.tr("One table per KVO area: the incidents of each theme in the area per period",
                      "Eén tabel per KVO-gebied: de incidenten van elk thema in het gebied per periode");
    if (compared)
      s += p.tr(
               ", the rate ratio (follow-up over baseline, per year) with its 95 % interval and p for this "
               "comparison alone, q after correcting for the ",
               ", de verhouding (vervolgmeting gedeeld door nulmeting, per jaar) met haar 95 %-interval en p voor "
               "deze vergelijking alleen, q na correctie voor de ") +
           p.num(static_cast<double>(d.comparisons), 0) +
           p.tr(" comparisons in this analysis (Benjamini–Hochberg, false discovery rate ",
                " vergelijkingen in deze analyse (Benjamini–Hochberg, false discovery rate ") +
           p.alpha_percent() +
           p.tr("), and the change class, which follows q. Themes without incidents in either period are left out.",
                "), en de klasse van verandering, die op q berust. Thema's zonder incidenten in beide perioden zijn "
                "weggelaten.");
    else
      s += p.tr(". Themes without incidents are left out.", ". Thema's zonder incidenten zijn weggelaten.");
    s += "</p>\n";
    for (const auto& id : d.kvo_areas)
      s += "<h3>" + html_escape(d.area_name(id)) + "</h3>\n" +
           (compared ? area_change_table(p, id) : area_count_table(p, id));
  }
  if (themes.empty()) return s + "</section>\n";

  // Significant changes per theme, from the area × theme comparison, marked on the chart.
  std::map<std::string, std::vector<const ReportAreaChange*>> marks;
  for (const auto& c : d.area_changes)
    if (c.change == "increase" || c.change == "decrease") marks[c.theme].push_back(&c);
  auto mark_text = [&](const std::string& theme) {
    std::string out;
    const auto it = marks.find(theme);
    if (it == marks.end()) return out;
    for (const auto* c : it->second)
      out += (out.empty() ? "" : " ") + std::string(c->change == "increase" ? "▲" : "▼") + " " + c->area_name;
    if (it->second.size() > 2) out = std::to_string(it->second.size()) + p.tr(" areas changed", " gebieden veranderd");
    return out;
  };

  std::vector<std::string> series;
  std::vector<Rgba> colors;
  for (const auto& q : d.periods) series.push_back(p.period(q)), colors.push_back(period_color(q));
  std::vector<BarRow> rows;
  for (const auto& t : themes) {
    BarRow r{theme_label(t, p.lang), {}, mark_text(t)};
    for (const auto& q : d.periods) {
      const auto& counts = d.theme_counts.at(t);
      const auto it = counts.find(q);
      r.values.push_back(it == counts.end() ? 0.0 : static_cast<double>(it->second));
    }
    rows.push_back(std::move(r));
  }
  const std::string title = p.tr("Incidents per theme and period, whole study area",
                                 "Incidenten per thema en periode, hele onderzoeksgebied");
  s += "<h3>" + p.tr("Whole study area", "Hele onderzoeksgebied") + "</h3>\n";
  s += "<figure class=\"chart\">\n" + svg_bar_chart(rows, series, colors, title, p.lang) + "\n<figcaption>" +
       html_escape(title) + ". " +
       p.tr("Every accepted incident, inside an area or not. ",
            "Elk geaccepteerd incident, binnen een gebied of niet. ") +
       (compared ? p.tr("▲/▼: significant increase/decrease in the area named (q after the correction for all "
                        "comparisons, as above).",
                        "▲/▼: significante toename/afname in het genoemde gebied (q na de correctie voor alle "
                        "vergelijkingen, zoals hierboven).")
                 : std::string()) +
       "</figcaption>\n</figure>\n";
  return s + "</section>\n";
}

std::string trend_cell(const Page& p, const ReportAreaChange& c) {
  if (c.trend.empty()) return "–";
  std::string s = html_escape(trend_label(c.trend, p.lang));
  if (std::isfinite(c.trend_p)) s += ", <span class=\"nw\">p " + p.equals_pvalue(c.trend_p) + "</span>";
  return s;
}

std::string section_area_change(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"area-change\">\n<h2>" + p.tr("Change per area", "Verandering per gebied") + "</h2>\n";
  if (d.area_changes.empty())
    return s +
           absent_note(p.tr(
               "No comparison in this file: it holds one period, or no follow-up was compared.",
               "Geen vergelijking in dit bestand: het bevat één periode, of er is geen vervolgmeting vergeleken.")) +
           "</section>\n";
  // The monthly trend exists when the follow-up spans 12 or more whole months (docs/comparison.md).
  const bool with_trend = std::any_of(d.area_changes.begin(), d.area_changes.end(),
                                      [](const ReportAreaChange& c) { return !c.trend.empty(); });
  s += "<p>" +
       p.tr(
           "Counts are compared as rates over the length of each period. The rate ratio is follow-up over "
           "baseline; its interval comes from the Clopper–Pearson interval of the exact conditional test. "
           "Shown: every KVO area for all themes together, and every significant change. ",
           "Aantallen worden vergeleken als tempo over de lengte van elke periode. De verhouding is "
           "vervolgmeting gedeeld door nulmeting; het interval volgt uit het Clopper–Pearson-interval van de "
           "exacte conditionele toets. Getoond: elk KVO-gebied voor alle thema's samen, en elke significante "
           "verandering. ") +
       p.tr("The interval and p hold for one comparison alone; q is after correcting for the ",
            "Het interval en p gelden voor één vergelijking alleen; q is na correctie voor de ") +
       p.num(static_cast<double>(d.comparisons), 0) +
       p.tr(" comparisons in this analysis (Benjamini–Hochberg, false discovery rate ",
            " vergelijkingen in deze analyse (Benjamini–Hochberg, false discovery rate ") +
       p.alpha_percent() + p.tr("), and the verdict follows q.", "), en het oordeel berust op q.") +
       (with_trend ? p.tr(" The trend is the Mann–Kendall test on the follow-up's incidents per month (see the "
                          "method); a significant trend in a KVO area is shown too.",
                          " De trend is de Mann–Kendall-toets op de incidenten per maand van de vervolgmeting (zie "
                          "de methode); een significante trend in een KVO-gebied staat er ook in.")
                   : std::string()) +
       "</p>\n";
  s += "<table class=\"long" + std::string(with_trend ? " wide" : "") + "\"><thead><tr><th>" + p.tr("Area", "Gebied") +
       "</th><th>" + p.tr("Theme", "Thema") + "</th><th class=\"n\">" + html_escape(period_label("baseline", p.lang)) +
       "</th><th class=\"n\">" + html_escape(period_label("followup", p.lang)) + "</th><th class=\"n\">" +
       p.tr("Rate ratio", "Verhouding") + "</th><th class=\"n\">" + p.tr("Interval", "Interval") +
       "</th><th class=\"n\">p</th><th class=\"n\">q</th><th>" + p.tr("Verdict", "Oordeel") + "</th>" +
       (with_trend ? "<th>" + p.tr("Trend (Mann–Kendall)", "Trend (Mann–Kendall)") + "</th>" : std::string()) +
       "</tr></thead><tbody>\n";
  std::size_t hidden = 0;
  std::vector<const ReportAreaChange*> shown;
  for (const auto& c : d.area_changes) {
    const bool kvo_trend = (c.trend == "increasing" || c.trend == "decreasing") && p.primary_area(c.area_id);
    if ((c.theme == "all" && p.primary_area(c.area_id)) || c.change == "increase" || c.change == "decrease" ||
        kvo_trend)
      shown.push_back(&c);
    else
      ++hidden;
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const auto* a, const auto* b) { return (a->theme == "all") > (b->theme == "all"); });
  for (const auto* c : shown)
    s += "<tr><td>" + html_escape(c->area_name) + "</td><td>" + html_escape(theme_label(c->theme, p.lang)) +
         "</td><td class=\"n\">" + p.num(static_cast<double>(c->count_baseline), 0) + "</td><td class=\"n\">" +
         p.num(static_cast<double>(c->count_followup), 0) + "</td><td class=\"n\">" +
         p.ratio(c->rate_ratio, c->count_baseline) + "</td><td class=\"n\">" + p.ratio(c->rr_low, c->count_baseline) +
         "–" + p.ratio(c->rr_high, c->count_baseline) + "</td><td class=\"n\">" + p.pvalue(c->p) +
         "</td><td class=\"n\">" + p.pvalue(c->q) + "</td><td>" + change_cell(p, c->change) + "</td>" +
         (with_trend ? "<td>" + trend_cell(p, *c) + "</td>" : std::string()) + "</tr>\n";
  s += "</tbody></table>\n";
  if (hidden > 0)
    s += "<p>" + p.num(static_cast<double>(hidden), 0) +
         p.tr(" further area × theme rows show no significant change; they are in the layer ",
              " andere rijen gebied × thema tonen geen significante verandering; ze staan in de laag ") +
         "<code>area_change</code>.</p>\n";
  return s + "</section>\n";
}

std::string section_survey(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"survey\">\n<h2>" + p.tr("Survey indicators", "Enquête-indicatoren") + "</h2>\n";
  if (d.survey.empty())
    return s + absent_note(p.tr("No survey in this analysis.", "Geen enquête in deze analyse.")) + "</section>\n";
  // Proportions (shown in %) and marks or means (shown as numbers) get separate charts.
  std::set<std::string> not_proportion;
  for (const auto& r : d.survey)
    if ((std::isfinite(r.ci_high) && r.ci_high > 1.0) || (std::isfinite(r.estimate) && r.estimate > 1.0))
      not_proportion.insert(r.indicator);
  std::vector<std::string> series;
  std::vector<Rgba> colors;
  for (const auto& q : d.periods) series.push_back(p.period(q)), colors.push_back(period_color(q));
  for (const bool percent : {true, false}) {
    // One chart row per indicator and area, one point per period.
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& r : d.survey)
      if ((not_proportion.count(r.indicator) == 0) == percent &&
          std::find(keys.begin(), keys.end(), std::make_pair(r.indicator, r.area_id)) == keys.end())
        keys.emplace_back(r.indicator, r.area_id);
    if (keys.empty()) continue;
    std::vector<IntervalRow> rows;
    for (const auto& [ind, area] : keys) {
      IntervalRow row;
      row.points.resize(d.periods.size());
      for (const auto& r : d.survey) {
        if (r.indicator != ind || r.area_id != area) continue;
        row.label = p.indicator(ind) + " · " + r.area_name;
        for (std::size_t k = 0; k < d.periods.size(); ++k)
          if (d.periods[k] == r.period)
            row.points[k] = {r.estimate, r.ci_low, r.ci_high, std::isfinite(r.estimate), r.too_few};
      }
      rows.push_back(std::move(row));
    }
    const std::string title =
        percent ? p.tr("Survey proportions with their intervals", "Enquête: aandelen met hun intervallen")
                : p.tr("Survey marks and means with their intervals",
                       "Enquête: cijfers en gemiddelden met hun intervallen");
    s +=
        "<figure class=\"chart\">\n" + svg_interval_chart(rows, series, colors, percent, title, p.lang) +
        "\n<figcaption>" + html_escape(title) + ". " +
        (percent ? p.tr("Dot: weighted proportion; line: Wilson interval on the effective number of respondents. ",
                        "Punt: gewogen aandeel; lijn: Wilson-interval op het effectieve aantal respondenten. ")
                 : p.tr("Dot: weighted mean; line: its interval. ", "Punt: gewogen gemiddelde; lijn: het interval. ")) +
        p.tr("Hollow grey: too few respondents to rely on.", "Open grijs: te weinig respondenten om op te bouwen.") +
        "</figcaption>\n</figure>\n";
  }
  s += "<table class=\"long\"><thead><tr><th>" + p.tr("Indicator", "Indicator") + "</th><th>" + p.tr("Area", "Gebied") +
       "</th><th>" + p.tr("Period", "Periode") + "</th><th class=\"n\">n</th><th class=\"n\">" +
       p.tr("effective n", "effectieve n") + "</th><th class=\"n\">" + p.tr("Estimate", "Schatting") +
       "</th><th class=\"n\">" + p.tr("Interval", "Interval") + "</th><th class=\"n\">" +
       p.tr("Change since the baseline", "Verandering sinds de nulmeting") + "</th><th></th></tr></thead><tbody>\n";
  for (const auto& r : d.survey) {
    const bool percent = not_proportion.count(r.indicator) == 0;
    const double f = percent ? 100 : 1;
    const std::string unit = percent ? " %" : "";
    // A change of a proportion is in percentage points.
    const std::string diff_unit = percent ? p.tr(" pp", " %-punt") : "";
    const int decimals = percent ? 1 : 2;
    s +=
        "<tr><td>" + html_escape(p.indicator(r.indicator)) + "</td><td>" + html_escape(r.area_name) + "</td><td>" +
        html_escape(period_label(r.period, p.lang)) + "</td><td class=\"n\">" + p.num(static_cast<double>(r.n), 0) +
        "</td><td class=\"n\">" + p.num(r.n_eff, 1) + "</td><td class=\"n\">" + p.num(r.estimate * f, decimals) + unit +
        "</td><td class=\"n\">" + p.num(r.ci_low * f, decimals) + "–" + p.num(r.ci_high * f, decimals) + unit +
        "</td><td class=\"n\">" +
        (std::isfinite(r.diff)
             ? html_escape((r.diff > 0 ? "+" : "") + p.num(r.diff * f, decimals) + diff_unit + " (" +
                           p.num(r.diff_low * f, decimals) + " – " + p.num(r.diff_high * f, decimals) + diff_unit +
                           (r.diff_p < 0.05 ? "; p < " + p.num(0.05, 2) : std::string()) + ")")
             : std::string("–")) +
        "</td><td>" +
        (r.too_few ? "<span class=\"warn\">" + p.tr("too few respondents", "te weinig respondenten") + "</span>" : "") +
        "</td></tr>\n";
  }
  s += "</tbody></table>\n";
  return s + "</section>\n";
}

namespace {

std::string reason_text(const Page& p, const std::string& code) {
  struct R {
    const char *code, *en, *nl;
  };
  static const R reasons[] = {
      {"missing_coordinates", "no coordinates", "geen coördinaten"},
      {"bad_coordinates", "coordinates unreadable", "coördinaten onleesbaar"},
      {"outside_extent", "outside the valid area of the coordinate system",
       "buiten het geldige gebied van het coördinatenstelsel"},
      {"swapped_coordinates", "x and y appear swapped", "x en y lijken verwisseld"},
      {"latlon_as_projected", "degrees in metre columns", "graden in kolommen voor meters"},
      {"missing_date", "no date", "geen datum"},
      {"bad_date", "date or time unreadable or impossible", "datum of tijd onleesbaar of onmogelijk"},
      {"end_before_start", "end before start", "einde voor begin"},
      {"future_date", "date after the reference date", "datum na de peildatum"},
      {"duplicate_id", "id seen before in the same source", "registratienummer dubbel in dezelfde bron"},
      {"unknown_code", "category not in the taxonomy", "categorie niet in de indeling"},
      {"missing_code", "no category", "geen categorie"},
      {"outside_period", "outside every analysis period", "buiten elke analyseperiode"},
      {"unknown_area", "area code unknown", "gebiedscode onbekend"},
      {"bad_value", "value unreadable", "waarde onleesbaar"},
  };
  for (const auto& r : reasons)
    if (code == r.code) return p.tr(r.en, r.nl);
  return {};
}

}  // namespace

std::string section_rejects(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"rejects\">\n<h2>" +
                  p.tr("Data quality: rejected records", "Datakwaliteit: afgewezen records") + "</h2>\n";
  s += "<p>" +
       p.tr(
           "Every record read is accepted, rejected with a reason, excluded (a known category out of scope) or "
           "outside the study region; the rejected records are in the layer ",
           "Elk gelezen record is geaccepteerd, afgewezen met een reden, uitgesloten (een bekende categorie buiten "
           "de analyse) of buiten het studiegebied; de afgewezen records staan in de laag ") +
       "<code>rejects</code>.</p>\n";
  const bool manifest = d.manifest.count("sources") && d.manifest.at("sources").is_array();
  if (manifest) {
    s += "<table><thead><tr><th>" + p.tr("Source", "Bron") + "</th><th>" + p.tr("Kind", "Soort") +
         "</th><th class=\"n\">" + p.tr("Read", "Gelezen") + "</th><th class=\"n\">" +
         p.tr("Accepted", "Geaccepteerd") + "</th><th class=\"n\">" + p.tr("Rejected", "Afgewezen") +
         "</th><th class=\"n\">%</th><th class=\"n\">" + p.tr("Excluded", "Uitgesloten") + "</th><th class=\"n\">" +
         p.tr("Outside", "Buiten") + "</th></tr></thead><tbody>\n";
    for (const auto& src : d.manifest.at("sources")) {
      const auto read = src.value("read", std::int64_t{0}), rejected = src.value("rejected", std::int64_t{0});
      s += "<tr><td>" + html_escape(src.value("name", "")) + "</td><td>" + html_escape(src.value("kind", "")) +
           "</td><td class=\"n\">" + p.num(static_cast<double>(read), 0) + "</td><td class=\"n\">" +
           p.num(static_cast<double>(src.value("accepted", std::int64_t{0})), 0) + "</td><td class=\"n\">" +
           p.num(static_cast<double>(rejected), 0) + "</td><td class=\"n\">" +
           (read > 0 ? p.num(100.0 * static_cast<double>(rejected) / static_cast<double>(read), 1) : "–") +
           "</td><td class=\"n\">" + p.num(static_cast<double>(src.value("excluded", std::int64_t{0})), 0) +
           "</td><td class=\"n\">" + p.num(static_cast<double>(src.value("outside_study_region", std::int64_t{0})), 0) +
           "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }
  if (!d.rejects.empty()) {
    s += "<table class=\"long\"><thead><tr><th>" + p.tr("Source", "Bron") + "</th><th>" + p.tr("Reason", "Reden") +
         "</th><th>" + p.tr("Meaning", "Betekenis") + "</th><th class=\"n\">" + p.tr("Records", "Records") +
         "</th></tr></thead><tbody>\n";
    for (const auto& r : d.rejects)
      s += "<tr><td>" + html_escape(r.source) + "</td><td><code>" + html_escape(r.reason) + "</code></td><td>" +
           html_escape(reason_text(p, r.reason)) + "</td><td class=\"n\">" + p.num(static_cast<double>(r.count), 0) +
           "</td></tr>\n";
    s += "</tbody></table>\n";
  } else if (!manifest) {
    s += absent_note(p.tr("No rejected records.", "Geen afgewezen records."));
  }
  return s + "</section>\n";
}

}  // namespace kvo::io::report
