#pragma once
// The classes, colours and labels (Dutch or English) that kvo's QGIS styles and its HTML
// report share, so that a map looks the same in both. docs/qgis.md gives the sources.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kvo::io {

/// An sRGB colour with alpha, 0–255 each.
struct Rgba {
  int r = 0, g = 0, b = 0, a = 255;
  /// "r,g,b,a" as QGIS writes colours.
  [[nodiscard]] std::string qgis() const;
  /// "#rrggbb" (alpha dropped).
  [[nodiscard]] std::string hex() const;
};

/// One class of a categorised legend.
struct LegendClass {
  std::string value;  ///< the field value (text; gi_bin as "-3".."3")
  std::string label;  ///< legend text in the requested language
  Rgba color;         ///< fill colour
};

/// One stop of a continuous colour ramp.
struct RampStop {
  double position = 0;  ///< 0..1 along the value range
  Rgba color;
};

/// Picks the Dutch or English text.
inline std::string_view pick(std::string_view language, std::string_view en, std::string_view nl) {
  return language == "nl" ? nl : en;
}

/// Getis-Ord Gi* bins, hot 99 % first (ArcGIS Hot Spot Analysis colours).
std::vector<LegendClass> gi_bin_classes(std::string_view language);
/// Local Moran clusters HH, LL, HL, LH, ns (GeoDa LISA colours).
std::vector<LegendClass> lm_cluster_classes(std::string_view language);
/// Cell change classes of a follow-up (cell_change.change_class).
std::vector<LegendClass> cell_change_classes(std::string_view language);
/// A readable label for an area kind kvo knows: "kvo_area" → "KVO area" / "KVO-gebied",
/// "kvo_winkelgebied" → "KVO shopping area" / "KVO-winkelgebied", "buurt" →
/// "Neighbourhood" / "Buurt", also "kvo_bedrijventerrein", "wijk", "gemeente"; any other
/// kind (a partnership's own, e.g. "kvo_haventerrein") is shown as its code.
std::string area_kind_label(const std::string& kind, std::string_view language);
/// A readable label for a source kind ("police" → "Police" / "Politie", "fire",
/// "survey", "observation", "area_counts"); another value as it is.
std::string source_kind_label(std::string_view kind, std::string_view language);
/// A readable name for a survey indicator key (the spec gives no label): underscores as
/// spaces and a capital first letter, "feels_unsafe" → "Feels unsafe".
std::string survey_indicator_label(std::string_view indicator);
/// The 17 emerging hot spot categories (ArcGIS's colours: hot in reds, cold in blues).
std::vector<LegendClass> emerging_classes(std::string_view language);
/// Area change outcomes (area_change.change).
std::vector<LegendClass> area_change_classes(std::string_view language);
/// The 16 incident themes in kvo's fixed order, each with a distinct colour.
std::vector<LegendClass> theme_classes(std::string_view language);

/// Sequential ramp for densities (light yellow to dark red, ColorBrewer YlOrRd).
std::vector<RampStop> density_ramp();
/// Diverging ramp for changes (blue for decrease, red for increase, ColorBrewer RdBu).
std::vector<RampStop> change_ramp();
/// Sequential ramp for rates and proportions per area (ColorBrewer Reds / Blues).
std::vector<RampStop> rate_ramp(bool blue = false);
/// The ramp's colour at `t` in 0..1 (linear in sRGB between stops).
Rgba ramp_color(const std::vector<RampStop>& ramp, double t);

/// Display label of a theme id ("all" included).
std::string theme_label(std::string_view theme, std::string_view language);
/// Readable name of a schouw (walk-through) finding category: the common categories of
/// data/taxonomy/observation.csv in Dutch or English ("kapotte_verlichting" → "Kapotte
/// verlichting" / "Broken lighting"), matched as the taxonomy matches them ('_' as a space,
/// case ignored); any other code with '_' as a space and a capital first letter.
std::string observation_category_label(std::string_view category, std::string_view language);
/// A Mann–Kendall trend class of area_change.trend in words ("increasing" → "increasing" /
/// "stijgend", "no_trend" → "no trend" / "geen trend"); other values unchanged.
std::string trend_label(std::string_view trend, std::string_view language);
/// Display label of a period ("baseline" → "Nulmeting" / "Baseline").
std::string period_label(std::string_view period, std::string_view language);
/// Display alias of a field of kvo's layers; "" when kvo has none for it.
std::string field_alias(std::string_view field, std::string_view language);

/// The coded values of a layer's field with their readable names (QGIS shows these in the
/// attribute table and forms through a ValueMap widget; the data keep the codes of the
/// contract). Empty when the field holds no codes kvo knows. The area `kind` fields map
/// `area_kinds` (the kinds present in the data), each by area_kind_label.
std::vector<std::pair<std::string, std::string>> value_labels(std::string_view layer, std::string_view field,
                                                              std::string_view language,
                                                              const std::vector<std::string>& area_kinds = {});

/// The largest value of a "nice" 1-2-2.5-5 × 10^k scale at or above `value` (> 0).
double nice_ceiling(double value);

/// Round class values for a continuous colour ramp: 0, step, 2·step … count·step, with
/// step 1, 2 or 5 × 10^k, the smallest that reaches `max` in at most `max_steps` steps.
struct NiceScale {
  double step = 1;      ///< distance between class values, 1, 2 or 5 × 10^k
  int count = 1;        ///< steps from 0 to the top value (count·step ≥ max)
  int decimals = 0;     ///< decimals the step needs (0 for 1, 2, 5, 10 …; 1 for 0.5 …)
  int exponent = 0;     ///< k
  double mantissa = 1;  ///< 1, 2 or 5
  /// The i-th class value, i·step, computed so that it is the double nearest the decimal.
  [[nodiscard]] double value(int i) const;
};
/// The scale for values 0..`max` (max ≤ 0 or not finite counts as 1) in at most
/// `max_steps` (≥ 1) steps.
NiceScale nice_scale(double max, int max_steps);

}  // namespace kvo::io
