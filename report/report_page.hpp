#pragma once
// Internal to io/: the sections of the HTML report. Each returns one <section> (or "")
// built from ReportData, with every text in the report's language.

#include <string>
#include <string_view>

#include "qgis/layer_styles_legend.hpp"
#include "report/report_data.hpp"

namespace kvo::io::report {

/// What every section needs: the data and the language helpers.
struct Page {
  const ReportData& d;
  std::string lang;  ///< "nl" | "en"

  /// The Dutch or English text.
  [[nodiscard]] std::string tr(std::string_view en, std::string_view nl) const;
  /// A number in the page's language.
  [[nodiscard]] std::string num(double value, int decimals) const;
  /// A period's name with its years, e.g. "Nulmeting 2023".
  [[nodiscard]] std::string period(const std::string& period) const;
  /// A period's dates, e.g. "01-01-2023 – 31-12-2023".
  [[nodiscard]] std::string period_dates(const std::string& period) const;
  /// A period's length in years (days / 365.25); 0 when unknown.
  [[nodiscard]] double period_years(const std::string& period) const;
  /// An ISO date (YYYY-MM-DD) as Dutch dd-mm-jjjj, or unchanged in English.
  [[nodiscard]] std::string date(const std::string& iso) const;
  /// A month "YYYY-MM" as Dutch mm-jjjj ("01-2025"), or unchanged in English.
  [[nodiscard]] std::string month(const std::string& yyyy_mm) const;
  /// A UTC time "YYYY-MM-DDTHH:MM:SS[.fff]Z" as Dutch "dd-mm-jjjj hh:mm:ss UTC", or unchanged
  /// in English; anything else unchanged.
  [[nodiscard]] std::string timestamp(const std::string& iso) const;
  /// A survey indicator's name for people ("feels_unsafe" → "feels unsafe").
  [[nodiscard]] std::string indicator(const std::string& id) const;
  /// A p- or q-value with three decimals, "< 0.001" below that.
  [[nodiscard]] std::string pvalue(double value) const;
  /// True for a KVO area (any kind but the context kind), or an unknown area.
  [[nodiscard]] bool primary_area(const std::string& area_id) const;
  /// "= 0.132", or "&lt; 0.001" below that: a p- or q-value after its symbol.
  [[nodiscard]] std::string equals_pvalue(double value) const;
  /// The correction in words for one comparison: interval and p for it alone, q after the
  /// Benjamini–Hochberg correction over every comparison, and the verdict that follows.
  [[nodiscard]] std::string judged(const ReportAreaChange& c) const;
  /// The rule for judging a change (comparisons counted, FDR level, what p, q and the
  /// interval mean), as one paragraph.
  [[nodiscard]] std::string correction_note() const;
  /// A rate ratio or interval bound with two decimals; "∞" when the baseline had no incident
  /// (the GeoPackage stores that infinity as NULL), "–" when unknown.
  [[nodiscard]] std::string ratio(double value, std::int64_t count_baseline) const;
  /// The significance level as a percentage, e.g. "5 %".
  [[nodiscard]] std::string alpha_percent() const;
};

/// Series colour of a period in the charts: grey for the baseline, blue for the follow-up.
Rgba period_color(const std::string& period);
/// A row's Mann–Kendall trend in words with its p, e.g. "increasing, p = 0.012"; "–" when none.
std::string trend_cell(const Page& p, const ReportAreaChange& c);

/// Key figures: incidents per period, significant changes, hot spots, rejects.
std::string section_summary(const Page& p);
/// The maps: hot spots and density per period, and the change map.
std::string section_maps(const Page& p);
/// Incidents per theme and period: bar chart and table with significant changes marked.
std::string section_themes(const Page& p);
/// The area × theme comparison of a follow-up.
std::string section_area_change(const Page& p);
/// The hour × weekday heat tables.
std::string section_time(const Page& p);
/// Survey indicators with their intervals.
std::string section_survey(const Page& p);
/// The schouw findings of the latest period, as a list per area.
std::string section_findings(const Page& p);
/// Between the measurements: emerging hot spot categories and the near-repeat window.
std::string section_monitor(const Page& p);
/// Rejected records per source and reason.
std::string section_rejects(const Page& p);
/// Method, parameters, sources with hashes, software versions, references.
std::string section_method(const Page& p);
/// The layers of the GeoPackage.
std::string section_layers(const Page& p);

/// A note for a part the file does not have.
std::string absent_note(const std::string& text);

}  // namespace kvo::io::report
