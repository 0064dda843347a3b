// The report's "when incidents happen" section: incidents per month (study-wide, and per KVO
// area with its Mann–Kendall trend) and the hour × weekday heat tables.

#include <algorithm>
#include <cstdio>
#include <limits>

#include "qgis/layer_styles_legend.hpp"
#include "report/report_map_parts.hpp"
#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

namespace {

// Incidents in the areas per whole month of each period (the manifest's monthly_counts, by
// the local start date): month k of each period side by side, the trend made visible.
std::string monthly_chart(const Page& p) {
  const auto& d = p.d;
  const auto it = d.manifest.find("monthly_counts");
  if (it == d.manifest.end() || !it->second.is_object()) return {};
  std::vector<std::string> series, periods;
  std::vector<Rgba> colors;
  std::size_t months = 0;
  for (const auto& q : d.periods)
    if (it->second.contains(q) && it->second[q].contains("counts")) {
      periods.push_back(q), series.push_back(p.period(q)), colors.push_back(period_color(q));
      months = std::max(months, it->second[q]["counts"].size());
    }
  if (periods.empty() || months < 2) return {};
  std::vector<BarRow> rows(months);
  for (std::size_t k = 0; k < months; ++k) {
    for (const auto& q : periods) {
      const auto& c = it->second[q]["counts"];
      rows[k].values.push_back(k < c.size() ? c[k].get<double>() : std::numeric_limits<double>::quiet_NaN());
      // The label: each period's calendar month, "2023-01 · 2025-01" (Dutch "01-2023 · 01-2025").
      const std::string first = it->second[q].value("first", "");
      if (first.size() == 7) {
        const int month0 = std::stoi(first.substr(5, 2)) - 1 + static_cast<int>(k);
        char label[16];
        std::snprintf(label, sizeof label, "%04d-%02d", std::stoi(first.substr(0, 4)) + month0 / 12, month0 % 12 + 1);
        rows[k].label += (rows[k].label.empty() ? "" : " · ") + p.month(label);
      }
    }
  }
  const std::string title = p.tr("Incidents per month in the areas", "Incidenten per maand in de gebieden");
  return "<figure class=\"chart\">\n" + svg_bar_chart(rows, series, colors, title, p.lang) + "\n<figcaption>" +
         html_escape(title) + ". " +
         p.tr("Whole calendar months of each period, by the local start date; month k of each period side by side.",
              "Hele kalendermaanden van elke periode, naar de lokale begindatum; maand k van elke periode naast "
              "elkaar.") +
         "</figcaption>\n</figure>\n";
}

// Per KVO area (the busiest 12, as the area maps) its incidents per month in each period,
// the series its Mann–Kendall trend is computed on, with that trend (all themes) below.
std::string area_month_charts(const Page& p) {
  const auto& d = p.d;
  if (d.area_months.empty()) return {};
  std::vector<const ReportArea*> left_out;
  const auto shown = busiest_kvo_areas(d, left_out);
  std::vector<std::string> periods, series;
  std::vector<Rgba> colors;
  for (const auto& q : d.periods)
    if (d.area_months_first.count(q))
      periods.push_back(q), series.push_back(p.period(q)), colors.push_back(period_color(q));
  if (shown.empty() || periods.empty()) return {};
  std::string legend;
  for (std::size_t k = 0; k < periods.size(); ++k)
    legend += "<span>" + svg_swatch(colors[k]) + " " + html_escape(series[k]) + "</span>";
  std::string s = "<h3>" + p.tr("Incidents per month per KVO area", "Incidenten per maand per KVO-gebied") +
                  "</h3>\n<p>" +
                  p.tr(
                      "Each KVO area's incidents (all themes, every area set) per whole calendar month, by the local "
                      "start date: the series of the area's Mann–Kendall trend (follow-up), given below each "
                      "chart. Each chart has its own scale.",
                      "De incidenten van elk KVO-gebied (alle thema's) per hele kalendermaand, naar de lokale "
                      "begindatum: de reeks van de Mann–Kendall-trend van het gebied (vervolgmeting), onder elke "
                      "grafiek vermeld. Elke grafiek heeft een eigen schaal.");
  if (!left_out.empty()) {
    std::string names;
    for (const auto* a : left_out) names += (names.empty() ? "" : ", ") + html_escape(a->name);
    s += " " + p.tr("Shown: the ", "Getoond: de ") + p.num(static_cast<double>(shown.size()), 0) +
         p.tr(" KVO areas with the most incidents; not shown: ",
              " KVO-gebieden met de meeste incidenten; niet getoond: ") +
         names + ".";
  }
  s += "</p>\n<div class=\"legend\">" + legend + "</div>\n<div class=\"multiples\">\n";
  for (const auto* a : shown) {
    const auto it = d.area_months.find(a->id);
    if (it == d.area_months.end()) continue;
    std::vector<std::vector<double>> values;
    for (const auto& q : periods) {
      const auto v = it->second.find(q);
      values.push_back(v == it->second.end() ? std::vector<double>{} : v->second);
    }
    // Under the first and the last month each period's calendar month, "2023-01 · 2025-01".
    std::string first_label, last_label;
    for (std::size_t k = 0; k < periods.size(); ++k) {
      const std::string& first = d.area_months_first.at(periods[k]);
      const int month0 = std::stoi(first.substr(5, 2)) - 1 + static_cast<int>(values[k].size()) - 1;
      char last[16];
      std::snprintf(last, sizeof last, "%04d-%02d", std::stoi(first.substr(0, 4)) + month0 / 12, month0 % 12 + 1);
      first_label += (k ? " · " : "") + p.month(first);
      last_label += (k ? " · " : "") + p.month(last);
    }
    const std::string title = a->name + " — " + p.tr("incidents per month", "incidenten per maand");
    std::string trend;
    for (const auto& c : d.area_changes)
      if (c.area_id == a->id && c.theme == "all" && !c.trend.empty())
        trend = "Trend (Mann–Kendall): " + trend_cell(p, c);
    s += "<figure class=\"chart\" data-area=\"" + html_escape(a->id) + "\">\n<h4>" + html_escape(a->name) + "</h4>\n" +
         svg_month_lines(values, colors, first_label, last_label, title, p.lang) + "\n" +
         (trend.empty() ? std::string() : "<figcaption>" + trend + "</figcaption>\n") + "</figure>\n";
  }
  return s + "</div>\n";
}

}  // namespace

std::string section_time(const Page& p) {
  const auto& d = p.d;
  std::string s =
      "<section id=\"time\">\n<h2>" + p.tr("When incidents happen", "Wanneer incidenten plaatsvinden") + "</h2>\n";
  s += monthly_chart(p);
  s += area_month_charts(p);
  if (d.profiles.empty())
    return s +
           absent_note(p.tr("This file has no hour × weekday profile (layer temporal_profile).",
                            "Dit bestand bevat geen profiel uur × weekdag (laag temporal_profile).")) +
           "</section>\n";
  s += "<p>" +
       p.tr(
           "Each incident spreads a weight of 1 over the hours of the week in proportion to how much of its "
           "time window falls in each hour (aoristic method), in local time (Europe/Amsterdam). ",
           "Elk incident verdeelt een gewicht van 1 over de uren van de week naar rato van het deel van zijn "
           "tijdvak dat in elk uur valt (aoristische methode), in lokale tijd (Europe/Amsterdam). ") +
       (d.profile_scope == "all" ? p.tr("All incidents of the study.", "Alle incidenten van de analyse.")
                                 : p.tr("Areas: ", "Gebieden: ") + html_escape(d.profile_scope) + ".") +
       "</p>\n";
  const char* days_en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const char* days_nl[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
  const auto ramp = density_ramp();
  for (const auto& period : d.periods) {
    const auto it = d.profiles.find(period);
    if (it == d.profiles.end()) continue;
    const auto& w = it->second;
    const double max = *std::max_element(w.begin(), w.end());
    const auto peak = static_cast<std::size_t>(std::max_element(w.begin(), w.end()) - w.begin());
    // Records known only to their day spread evenly over it (docs/temporal.md): a profile of
    // such records has many equal hours, and naming the first of them would invent a peak.
    const auto ties = std::count_if(w.begin(), w.end(), [&](double v) { return max > 0 && v >= max * (1 - 1e-9); });
    s += "<figure class=\"heat\">\n<table class=\"heat\"><thead><tr><th></th>";
    for (int h = 0; h < 24; ++h) s += "<th>" + std::to_string(h) + "</th>";
    s += "</tr></thead><tbody>\n";
    for (int day = 0; day < 7; ++day) {
      s += "<tr><th>" + std::string(p.lang == "nl" ? days_nl[day] : days_en[day]) + "</th>";
      for (int h = 0; h < 24; ++h) {
        const double v = w[static_cast<std::size_t>(day * 24 + h)];
        const Rgba c = ramp_color(ramp, max > 0 ? v / max : 0);
        const bool dark = max > 0 && v / max > 0.6;
        // Empty hours stay blank so that the pattern reads at a glance.
        s += "<td style=\"background:" + c.hex() + (dark ? ";color:#ffffff" : "") + "\">" +
             (v > 0 ? p.num(v, max < 10 ? 1 : 0) : std::string()) + "</td>";
      }
      s += "</tr>\n";
    }
    s += "</tbody></table>\n<figcaption>" + p.tr("Hour × weekday, ", "Uur × weekdag, ") +
         html_escape(p.period(period)) + ". " +
         (ties > 1 ? p.tr("No single busiest hour: ", "Geen drukste uur: ") + std::to_string(ties) +
                         p.tr(" hours share the highest weight.", " uren delen het hoogste gewicht.")
                   : p.tr("Busiest hour: ", "Drukste uur: ") +
                         std::string(p.lang == "nl" ? days_nl[peak / 24] : days_en[peak / 24]) + " " +
                         std::to_string(peak % 24) + ":00–" + std::to_string(peak % 24 + 1) + ":00.") +
         "</figcaption>\n</figure>\n";
  }
  return s + "</section>\n";
}

}  // namespace kvo::io::report
