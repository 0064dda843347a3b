// Dutch-looking names for the synthetic country's towns and KVO areas, some with the
// apostrophes ('s-, 't) and diacritics real names have, so that they are tested for quoting.

#include <algorithm>
#include <array>

#include "data/generator/country_model.hpp"

namespace kvo::gen {

namespace {

constexpr std::array<const char*, 40> kStems = {
    "Beek",  "Bergen", "Dal",  "Drie",   "Eind",  "Elst",  "Gouds", "Haar",  "Heer", "Hil",
    "Hoog",  "Lange",  "Lis",  "Lo",     "Maar",  "Meer",  "Mid",   "Moer",  "Oos",  "Ooster",
    "Ouder", "Rijs",   "Ros",  "Schoon", "Sluis", "Steen", "Uit",   "Valk",  "Veen", "Vlie",
    "Wa",    "Wester", "Wijk", "Zand",   "Zeven", "Zuid",  "Noord", "Emmel", "Har",  "Kor"};

constexpr std::array<const char*, 24> kSuffixes = {
    "dam",   "dijk",  "hoven", "horst",  "wijk", "veen",  "loo",   "broek", "beek", "berg",  "burg", "hout",
    "recht", "voort", "zijl",  "huizen", "kerk", "sloot", "woude", "meer",  "rade", "wolde", "sel",  "stede"};

// Place names of a district or estate ("Winkelcentrum 't Zand", "Bedrijventerrein De Hoek").
constexpr std::array<const char*, 28> kPlaces = {
    "'t Zand",     "'t Loo",      "'t Veld",    "'t Hoge Land",  "'t Ven",        "De Hoek",       "De Kroon",
    "De Kamp",     "Het Hof",     "De Vaart",   "De Schans",     "Het Rietveld",  "De Molenwaard", "De Heuvel",
    "Oosterpoort", "De Brink",    "Het Plein",  "De Weiden",     "De Kreek",      "Kanaalzone",    "Havenkwartier",
    "Spoorzone",   "De Wetering", "Hoge Akker", "Coöperatiehof", "Het Ruïneveld", "Café-hoek",     "De Reünie"};

constexpr std::array<const char*, 4> kQuarters = {"Noord", "Zuid", "Oost", "West"};

template <std::size_t N>
const char* any(const std::array<const char*, N>& pool, Rng& rng) {
  return pool[rng.below(N)];
}

std::string town_name(Rng& rng) {
  const std::string stem = any(kStems, rng), suffix = any(kSuffixes, rng);
  const double u = rng.uniform();
  if (u < 0.05) return "'s-Graven" + suffix;  // 's-Gravendijk
  if (u < 0.09) return "'t " + stem;          // 't Veen
  if (u < 0.16) return "Nieuw-" + stem + suffix;
  if (u < 0.21) return "Oud-" + stem + suffix;
  if (u < 0.24) return "Sint-" + stem + suffix;
  return stem + suffix;
}

}  // namespace

std::string draw_town_name(const std::vector<std::string>& taken, Rng& rng) {
  for (int n = 2;; ++n) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::string name = town_name(rng);
      if (std::find(taken.begin(), taken.end(), name) == taken.end()) return name;
    }
    // The pool is running out: number the name (never happens at a few hundred towns).
    std::string name = town_name(rng) + " " + std::to_string(n);
    if (std::find(taken.begin(), taken.end(), name) == taken.end()) return name;
  }
}

std::string draw_area_name(const std::string& kind, const std::string& town, bool first_of_kind, Rng& rng) {
  const std::string place = any(kPlaces, rng), quarter = any(kQuarters, rng);
  const double u = rng.uniform();
  if (kind == "kvo_winkelgebied") {
    if (first_of_kind) return town + " Centrum";
    if (u < 0.5) return "Winkelcentrum " + place;
    if (u < 0.8) return "Winkelgebied " + town + "-" + quarter;
    return "Winkelhart " + place;
  }
  if (first_of_kind) return "Bedrijventerrein " + town;
  if (u < 0.45) return "Bedrijventerrein " + place;
  if (u < 0.8) return "Industrieterrein " + town + "-" + quarter;
  return "Bedrijvenpark " + place;
}

}  // namespace kvo::gen
