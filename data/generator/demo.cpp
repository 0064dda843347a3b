// The Zuidhaven demo as a whole: writes every data file, the two specs and
// expected_rejects.csv, and prints the planted facts (counts, shares) for the README.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <tuple>

#include "data/generator/civil.hpp"
#include "data/generator/demo.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace fs = std::filesystem;

namespace {

constexpr const char* kNulmeting = R"(# KVO Zuidhaven — nulmeting (baseline 2023).
# Written by `kvo_generate demo` (scripts/generate-demo.sh); see README.md.
title = "KVO Zuidhaven — nulmeting 2023"
crs = "EPSG:28992"
output = "nulmeting.gpkg"
as_of = 2026-01-31

[[areas]]
path = "kvo_gebieden.geojson"
id = "code"
name = "naam"
kind_field = "soort"

[[areas]]
path = "buurten.shp"
id = "BU_CODE"
name = "BU_NAAM"
kind = "buurt"

[periods.baseline]
from = 2023-01-01
to = 2023-12-31

[[sources]]
name = "politie"
kind = "police"
path = "politie_2023.csv"
encoding = "windows-1252"
id = "registratienummer"
x = "x_rd"
y = "y_rd"
crs = "EPSG:28992"
start = ["pleegdatum_van", "pleegtijd_van"]
end = ["pleegdatum_tot", "pleegtijd_tot"]
date_format = "%d-%m-%Y"
time_format = "%H:%M"
code = "maatschappelijke_klasse"

[[sources]]
name = "brandweer"
kind = "fire"
path = "brandweer_2023.xlsx"
layer = "incidenten"
id = "incidentnummer"
lon = "lengtegraad"
lat = "breedtegraad"
start = "starttijd"
code = "meldingsclassificatie"

[[sources]]
name = "schouw"
kind = "observation"
path = "schouw_2023.geojson"
id = "id"
start = "datum"
code = "categorie"
remark = "opmerking"

[[sources]]
name = "enquete"
kind = "survey"
path = "enquete_2023.csv"
id = "respondent"
x = "x_rd"
y = "y_rd"
start = "datum"
weight = "gewicht"
min_respondents = 10

[sources.indicators]
victim_shoplifting = { field = "slachtoffer_winkeldiefstal", yes = ["ja"], no = ["nee"], theme = "shoplifting" }
victim_burglary = { field = "slachtoffer_inbraak", yes = ["ja"], no = ["nee"], theme = "burglary" }
victim_vandalism = { field = "slachtoffer_vernieling", yes = ["ja"], no = ["nee"], theme = "vandalism" }
reported_shoplifting = { field = "aangifte_winkeldiefstal", yes = ["ja"], no = ["nee"], given = "victim_shoplifting" }
reported_burglary = { field = "aangifte_inbraak", yes = ["ja"], no = ["nee"], given = "victim_burglary" }
reported_vandalism = { field = "aangifte_vernieling", yes = ["ja"], no = ["nee"], given = "victim_vandalism" }
feels_unsafe = { field = "onveilig", yes = ["vaak", "altijd"], no = ["nooit", "zelden", "soms"] }
mark_lighting = { field = "cijfer_verlichting", mark = true }
mark_upkeep = { field = "cijfer_onderhoud", mark = true }

[grid]
shape = "hexagon"
cell_size = "auto"
extent = "areas"

[hotspots]
distance = "auto"
weights = "distance_band"
k = 8
permutations = 999
seed = 20240101
fdr = true

[density]
kernel = "quartic"
bandwidth = "auto"
cell_size = 10
per_theme = false
)";

// The follow-up: the same spec for 2025; the baseline comes from nulmeting.gpkg.
std::string vervolgmeting() {
  std::string s = kNulmeting;
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    if (at == std::string::npos) throw std::logic_error("spec template lacks " + from);
    s.replace(at, from.size(), to);
  };
  replace("# KVO Zuidhaven — nulmeting (baseline 2023).",
          "# KVO Zuidhaven — vervolgmeting (follow-up 2025); run with --baseline nulmeting.gpkg.");
  replace("nulmeting 2023\"", "vervolgmeting 2025\"");
  replace("output = \"nulmeting.gpkg\"", "output = \"vervolgmeting.gpkg\"");
  replace("[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31", "[periods.followup]\nfrom = 2025-01-01\nto = 2025-12-31");
  for (const char* f : {"politie_", "brandweer_", "schouw_", "enquete_"}) replace(std::string(f) + "2023", std::string(f) + "2025");
  // The monitor between the measurements: what built up month by month, and near repeats.
  s += "\n[emerging]\nenabled = true\ntime_step = \"month\"\ntime_window = 1\nthemes = [\"all\", \"vandalism\"]\n"
       "\n[near_repeat]\nenabled = true\nthemes = [\"burglary\", \"vandalism\"]\ndistance_band = 100\n"
       "distance_bands = 5\ntime_band = 7\ntime_bands = 5\niterations = 99\n";
  return s;
}

std::string month_of(std::int32_t day) {
  const Date d = civil_from_days(day);
  std::string s;
  append_int(s, d.year, 4);
  s += '-';
  append_int(s, d.month, 2);
  return s;
}

void print_hotspot(const char* what, const Hotspot& h, const std::vector<const PoliceFile*>& police,
                   std::initializer_list<Offence> offences) {
  std::printf("  %s: centre (%.0f, %.0f), radius %.0f m:", what, h.centre.x, h.centre.y, h.radius_m);
  for (const PoliceFile* f : police) {
    int n = 0;
    for (const PoliceRecord& r : f->rows)
      if (r.reason.empty() && distance(r.p, h.centre) <= h.radius_m &&
          std::find(offences.begin(), offences.end(), r.offence) != offences.end())
        ++n;
    std::printf("  %d: %d", f->year, n);
  }
  std::printf(" valid records within the radius (planted + background)\n");
}

}  // namespace

std::string make_area_counts(const Town& town, const std::vector<const PoliceFile*>& police,
                             std::vector<PlantedReject>& rejects, std::int64_t& rows) {
  std::map<std::tuple<std::string, std::string, std::string>, int> counts;
  for (const PoliceFile* f : police)
    for (const PoliceRecord& r : f->rows) {
      if (!r.reason.empty()) continue;
      const std::size_t b = buurt_at(town, r.p);
      if (b == town.buurten.size()) throw std::logic_error("a police record lies outside every buurt");
      ++counts[{town.buurten[b].code, month_of(r.when.start_day), std::string(offence_label(r.offence))}];
    }
  std::vector<std::string> lines;
  for (const auto& [key, n] : counts)
    lines.push_back(std::get<0>(key) + ";" + std::get<1>(key) + ";" + std::get<2>(key) + ";" + std::to_string(n) + "\n");
  // Two rows for buurt codes the buurten map does not have (a typo and a retired code).
  Rng rng(2023'2025);
  const std::pair<const char*, std::size_t> unknown[] = {
      {"BU19990099;2023-06;2.2.1 Vernieling cq. zaakbeschadiging;2\n", lines.size() / 3},
      {"BU19990310;2025-03;1.2.3 Diefstal van brom-, snor-, fietsen;1\n", 2 * lines.size() / 3}};
  for (const auto& [line, around] : unknown) {
    const std::size_t at = around + rng.below(50);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), line);
    rejects.push_back({"politie_buurt_maand.csv", static_cast<std::int64_t>(at + 1), "unknown_area"});
  }
  // The second insert can shift the first one's row when it lands before it.
  if (rejects.back().row <= rejects[rejects.size() - 2].row) ++rejects[rejects.size() - 2].row;
  std::string out = "buurtcode;maand;soort_misdrijf;aantal\n";
  for (const std::string& l : lines) out += l;
  rows = static_cast<std::int64_t>(lines.size());
  return out;
}

int run_demo(const fs::path& dir) {
  fs::create_directories(dir);
  const Town& town = zuidhaven();
  const ToWgs84 to_wgs84 = rd_to_wgs84;
  std::vector<PlantedReject> rejects;
  std::vector<std::pair<std::string, std::int64_t>> totals;

  write_kvo_areas(dir / "kvo_gebieden.geojson", town);
  write_buurten(dir / "buurten.shp", town);

  std::vector<PoliceFile> police;
  for (int year : {2023, 2025}) police.push_back(make_police(town, year, to_wgs84));
  for (const PoliceFile& f : police) {
    write_file(dir / f.name, police_csv(f));
    totals.emplace_back(f.name, static_cast<std::int64_t>(f.rows.size()));
    for (std::size_t i = 0; i < f.rows.size(); ++i)
      if (!f.rows[i].reason.empty()) rejects.push_back({f.name, static_cast<std::int64_t>(i + 1), f.rows[i].reason});
  }
  std::vector<FireFile> fire;
  for (int year : {2023, 2025}) {
    FireFile f = make_fire(town, year, to_wgs84);
    write_fire_xlsx(dir / f.name, f);
    totals.emplace_back(f.name, static_cast<std::int64_t>(f.rows.size()));
    for (std::size_t i = 0; i < f.rows.size(); ++i)
      if (!f.rows[i].reason.empty()) rejects.push_back({f.name, static_cast<std::int64_t>(i + 1), f.rows[i].reason});
    fire.push_back(std::move(f));
  }
  for (int year : {2023, 2025}) {
    SchouwFile f = make_schouw(town, year);
    write_schouw(dir / f.name, f);
    totals.emplace_back(f.name, static_cast<std::int64_t>(f.rows.size()));
    for (std::size_t i = 0; i < f.rows.size(); ++i)
      if (!f.rows[i].reason.empty()) rejects.push_back({f.name, static_cast<std::int64_t>(i + 1), f.rows[i].reason});
  }
  std::vector<SurveyFile> surveys;
  for (int year : {2023, 2025}) {
    surveys.push_back(make_survey(town, year));
    write_file(dir / surveys.back().name, surveys.back().csv);
    totals.emplace_back(surveys.back().name, surveys.back().respondents);
  }
  std::int64_t count_rows = 0;
  const std::vector<const PoliceFile*> both = {&police[0], &police[1]};
  write_file(dir / "politie_buurt_maand.csv", make_area_counts(town, both, rejects, count_rows));
  totals.emplace_back("politie_buurt_maand.csv", count_rows);

  write_file(dir / "nulmeting.toml", kNulmeting);
  write_file(dir / "vervolgmeting.toml", vervolgmeting());

  std::stable_sort(rejects.begin(), rejects.end(), [](const PlantedReject& a, const PlantedReject& b) {
    return std::tie(a.file, a.row) < std::tie(b.file, b.row);
  });
  std::string csv = "source_file,row,reason\n";
  for (const PlantedReject& r : rejects) csv += r.file + "," + std::to_string(r.row) + "," + r.reason + "\n";
  write_file(dir / "expected_rejects.csv", csv);

  // The facts, for data/demo/README.md.
  std::printf("Zuidhaven demo written to %s\n\nData records per file (header not counted) and planted rejects:\n",
              dir.string().c_str());
  for (const auto& [name, n] : totals) {
    std::map<std::string, int> by_reason;
    for (const PlantedReject& r : rejects)
      if (r.file == name) ++by_reason[r.reason];
    std::printf("  %-26s %5lld rows", name.c_str(), static_cast<long long>(n));
    for (const auto& [reason, k] : by_reason) std::printf("  %s %d", reason.c_str(), k);
    std::printf("\n");
  }
  std::printf("\nAreas: %zu buurten, town %.1f ha; shopping area %.1f ha; business park %.1f ha (intended outline)\n",
              town.buurten.size(), ring_area(town.outline) / 1e4, ring_area(town.shopping.ring) / 1e4,
              ring_area(town.business.ring) / 1e4);
  std::printf("\nPlanted hotspots (police):\n");
  print_hotspot("(a) shoplifting, Hoogstraat", town.shoplifting, both, {Offence::shoplifting});
  print_hotspot("(b) bicycle theft, Stationsplein", town.bicycles, both, {Offence::bicycle_theft});
  print_hotspot("(c) vandalism + nuisance, Energieweg", town.vandalism, both, {Offence::vandalism, Offence::drugs_nuisance});
  print_hotspot("(c) vandalism only", town.vandalism, both, {Offence::vandalism});
  std::printf("\nValid police records per area:\n");
  for (const PoliceFile& f : police) {
    int total = 0, shop = 0, park = 0;
    for (const PoliceRecord& r : f.rows) {
      if (!r.reason.empty()) continue;
      ++total;
      shop += contains(town.shopping.ring, r.p);
      park += contains(town.business.ring, r.p);
    }
    std::printf("  %d: %d in town, %d in the shopping area, %d in the business park\n", f.year, total, shop, park);
  }
  std::printf("\nValid police records per offence (2023, 2025):\n");
  for (std::size_t o = 0; o < kOffenceCount; ++o) {
    int n[2] = {0, 0};
    for (int k = 0; k < 2; ++k)
      for (const PoliceRecord& r : police[static_cast<std::size_t>(k)].rows)
        n[k] += r.reason.empty() && r.offence == static_cast<Offence>(o);
    std::printf("  %-52s %4d %4d\n", std::string(offence_label(static_cast<Offence>(o))).c_str(), n[0], n[1]);
  }
  std::printf("\nSurvey (feeling unsafe 'vaak'/'altijd'):\n");
  for (const SurveyFile& s : surveys) std::printf("%s", s.facts.c_str());
  return 0;
}

}  // namespace kvo::gen
