// The demo's schouw (walk-through) findings: points with a category and a remark, mostly
// in the two KVO areas; in 2025 graffiti and loitering cluster where vandalism appeared.

#include <algorithm>

#include "data/generator/civil.hpp"
#include "data/generator/demo.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace {

struct SchouwPlan {
  const char* category;
  Zone zone;
  int n2023, n2025;
};

constexpr SchouwPlan kPlan[] = {
    {"graffiti", Zone::shopping_streets, 6, 3},
    {"zwerfvuil", Zone::shopping_streets, 6, 4},
    {"hangplek", Zone::shopping, 4, 2},
    {"kapotte_verlichting", Zone::shopping_streets, 5, 4},
    {"losliggende_tegels", Zone::shopping_streets, 4, 4},
    {"onveilige_oversteek", Zone::shopping_streets, 3, 3},
    {"kapotte_verlichting", Zone::business, 6, 4},
    {"slecht_zicht", Zone::business, 5, 3},
    {"zwerfvuil", Zone::business, 4, 2},
    {"hangplek", Zone::business, 2, 1},
    {"graffiti", Zone::business, 2, 1},
    {"losliggende_tegels", Zone::business, 1, 1},
    {"graffiti", Zone::hotspot_vandalism, 0, 5},
    {"hangplek", Zone::hotspot_vandalism, 0, 4},
    {"onveilige_oversteek", Zone::hotspot_bicycles, 2, 2},
    {"kapotte_verlichting", Zone::residential, 2, 1},
    {"hangplek", Zone::residential, 1, 1},
};

struct Remarks {
  const char* category;
  std::array<const char*, 4> texts;
};

constexpr Remarks kRemarks[] = {
    {"kapotte_verlichting",
     {"Lantaarnpaal defect bij ingang parkeergarage", "Verlichting achterom werkt niet", "Twee lampen uit in steeg",
      "Gevelverlichting café kapot, steeg donker"}},
    {"graffiti", {"Graffiti op gevel", "Tags op rolluik van winkel", "Graffiti op elektriciteitskastje",
                  "Nieuwe tags op bedrijfshal, eigenaar geïnformeerd"}},
    {"hangplek", {"Groep jongeren 's avonds bij bankje", "Hangplek achter supermarkt, veel blikjes",
                  "Jongeren met scooters op parkeerterrein", "Vaste hangplek bij laadperron"}},
    {"zwerfvuil", {"Veel zwerfvuil rond container", "Afval naast prullenbak", "Dumping van grofvuil achter loods",
                   "Zwerfvuil langs fietspad"}},
    {"slecht_zicht", {"Zicht op entree belemmerd door overhangend groen", "Hoge heg, onoverzichtelijke hoek",
                      "Geparkeerde vrachtwagens ontnemen zicht", "Donkere nis naast ingang"}},
    {"onveilige_oversteek", {"Oversteekplaats zonder zebrapad bij Stationsplein", "Fietsers rijden hard door",
                             "Oversteek bij bushalte onoverzichtelijk", "Geen middengeleider, brede weg"}},
    {"losliggende_tegels", {"Losliggende tegels voor bakkerij, struikelgevaar", "Stoeptegels opgedrukt door boomwortels",
                            "Gat in bestrating bij kruising", "Putdeksel ligt los"}},
};

const char* remark_for(const std::string& category, Rng& rng) {
  for (const Remarks& r : kRemarks)
    if (category == r.category) return r.texts[rng.below(r.texts.size())];
  return "Fietswrak al weken aan hek";
}

}  // namespace

SchouwFile make_schouw(const Town& town, int year) {
  SchouwFile file;
  file.year = year;
  file.name = "schouw_" + std::to_string(year) + ".geojson";
  Rng rng(static_cast<std::uint64_t>(year) * 1000 + 3);
  // Three walks a year: the shopping area and the business park in spring, a mixed one in autumn.
  const std::int32_t spring_shop = days_from_civil(year, 3, year == 2023 ? 14 : 18);
  const std::int32_t spring_park = days_from_civil(year, 3, year == 2023 ? 21 : 25);
  const std::int32_t autumn = days_from_civil(year, 10, year == 2023 ? 12 : 9);

  for (const SchouwPlan& plan : kPlan) {
    const int n = year == 2023 ? plan.n2023 : plan.n2025;
    for (int i = 0; i < n; ++i) {
      SchouwRecord r;
      r.p = sample_in(town, plan.zone, rng);
      r.category = plan.category;
      r.remark = remark_for(r.category, rng);
      const bool park = plan.zone == Zone::business || plan.zone == Zone::hotspot_vandalism;
      const std::int32_t day = rng.chance(0.35) ? autumn : park ? spring_park : spring_shop;
      append_date_iso(r.date, day);
      file.rows.push_back(std::move(r));
    }
  }
  // Walk order: by date, then as found.
  std::stable_sort(file.rows.begin(), file.rows.end(), [](const SchouwRecord& a, const SchouwRecord& b) { return a.date < b.date; });
  // Planted: a finding whose point was never placed, and a category outside the list.
  SchouwRecord no_point = file.rows[rng.below(file.rows.size())];
  no_point.has_geometry = false;
  no_point.reason = "missing_coordinates";
  SchouwRecord odd = file.rows[rng.below(file.rows.size())];
  odd.category = "fietswrak";
  odd.remark = remark_for(odd.category, rng);
  odd.reason = "unknown_code";
  file.rows.insert(file.rows.begin() + static_cast<std::ptrdiff_t>(rng.below(file.rows.size() + 1)), std::move(no_point));
  file.rows.insert(file.rows.begin() + static_cast<std::ptrdiff_t>(rng.below(file.rows.size() + 1)), std::move(odd));
  const std::string prefix = "S" + std::to_string(year % 100) + "-";
  for (std::size_t i = 0; i < file.rows.size(); ++i) {
    file.rows[i].id = prefix;
    append_int(file.rows[i].id, static_cast<std::int64_t>(i + 1), 3);
  }
  return file;
}

}  // namespace kvo::gen
