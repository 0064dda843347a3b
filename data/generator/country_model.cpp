#include "data/generator/country_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <span>
#include <stdexcept>

namespace kvo::gen {

namespace {

// The mainland of the Netherlands in RD New, coarsely (a few km), counter-clockwise from
// the Zwin: the Belgian border, Limburg, the German border, the Wadden coast, the
// Afsluitdijk and the North Sea coast. The IJsselmeer lies inside; the islands are left out.
constexpr std::array<Pt, 68> kOutline = {{
    {13000, 378000},  {14000, 372000},  {30000, 367000},  {48000, 361000},  {62000, 362000},  {75000, 366000},
    {80000, 375000},  {90000, 378000},  {100000, 381000}, {117000, 379000}, {135000, 372000}, {150000, 364000},
    {160000, 362000}, {168000, 358000}, {175000, 352000}, {180000, 345000}, {179000, 333000}, {175000, 325000},
    {173000, 318000}, {177000, 306500}, {187000, 307500}, {198000, 307500}, {205000, 316000}, {206000, 322000},
    {199000, 328000}, {192000, 335000}, {200000, 345000}, {205000, 355000}, {209000, 365000}, {212000, 377000},
    {208000, 395000}, {203000, 412000}, {198000, 421000}, {202000, 427000}, {215000, 436000}, {230000, 432000},
    {245000, 440000}, {250000, 450000}, {255000, 458000}, {268000, 470000}, {266000, 490000}, {250000, 505000},
    {256000, 522000}, {265000, 533000}, {268000, 545000}, {272000, 560000}, {277500, 575000}, {274000, 585000},
    {260000, 594000}, {250000, 607000}, {235000, 605000}, {215000, 604000}, {190000, 600000}, {175000, 591000},
    {157000, 578000}, {155000, 565000}, {125000, 549000}, {114000, 556000}, {106000, 540000}, {103000, 517000},
    {99000, 497000},  {97500, 487500},  {91000, 475000},  {78000, 457000},  {67000, 445000},  {47000, 428000},
    {26000, 398000},  {30000, 385000},
}};

// The largest cities, largest first, at about their real centres.
struct City {
  const char* name;
  Pt centre;
};
constexpr std::array<City, 21> kCities = {{
    {"Amsterdam", {121500, 487000}},  {"Rotterdam", {92500, 437500}},         {"Den Haag", {81500, 455000}},
    {"Utrecht", {136000, 456000}},    {"Eindhoven", {161500, 383500}},        {"Groningen", {233500, 582000}},
    {"Tilburg", {133000, 397500}},    {"Almere", {142500, 486000}},           {"Breda", {112500, 400000}},
    {"Nijmegen", {187000, 428500}},   {"Apeldoorn", {195500, 469500}},        {"Arnhem", {190500, 444000}},
    {"Haarlem", {104000, 488500}},    {"Enschede", {258000, 471500}},         {"Amersfoort", {155000, 463000}},
    {"Zwolle", {203000, 502500}},     {"'s-Hertogenbosch", {149500, 411500}}, {"Leiden", {93500, 464000}},
    {"Maastricht", {176500, 317500}}, {"Dordrecht", {105500, 424000}},        {"Leeuwarden", {182500, 579500}},
}};

constexpr double kWinkelShare = 0.65;  // of the KVO areas, the rest business parks

Ring outline() {
  Ring r(kOutline.begin(), kOutline.end());
  for (const City& c : kCities)
    if (!contains(r, c.centre)) throw std::logic_error(std::string("outline misses ") + c.name);
  return r;
}

// Towns by rank k (from 0): incident share ~ 1 / (k + 3) (a few large cities, many small
// towns), spread 500 m + 3500 m × sqrt(share / largest share), whole metres.
std::vector<CountryTown> place_towns(const Ring& land, int count, Rng& rng) {
  std::vector<CountryTown> towns;
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) {
    CountryTown t;
    t.weight = 1.0 / (k + 3);
    t.sd_m = std::round(500 + 3500 * std::sqrt(3 * t.weight));
    if (k < static_cast<int>(kCities.size())) {
      t.name = kCities[static_cast<std::size_t>(k)].name;
      t.centre = kCities[static_cast<std::size_t>(k)].centre;
    } else {
      t.name = draw_town_name(names, rng);
      // Apart from the towns placed so far, as far as a few tries allow.
      for (int attempt = 0; attempt < 100; ++attempt) {
        t.centre = round_cm(sample_in_ring(land, rng));
        const bool apart = std::all_of(towns.begin(), towns.end(), [&](const CountryTown& o) {
          return distance(o.centre, t.centre) >= 1.5 * (o.sd_m + t.sd_m);
        });
        if (apart) break;
      }
    }
    names.push_back(t.name);
    towns.push_back(std::move(t));
  }
  return towns;
}

// A random direction, from plain arithmetic (no libm: the same bytes on every platform).
Pt unit_vector(Rng& rng) {
  for (;;) {
    const double u = rng.uniform(-1, 1), v = rng.uniform(-1, 1), n2 = u * u + v * v;
    if (n2 > 0.01 && n2 <= 1) return {u / std::sqrt(n2), v / std::sqrt(n2)};
  }
}

// An outline 0.5–1.5 km across around the origin, turned at random: a square, or a simple
// irregular polygon — a dodecagon with some corners left out and the rest moved in or
// sideways, staying in their 30° sectors in order, so that it never crosses itself.
Ring draw_shape(Rng& rng) {
  const double r = rng.uniform(500, 1500) / 2;
  const Pt e = unit_vector(rng), n{-e.y, e.x};
  const auto at = [&](double along, double across) {
    return Pt{along * e.x + across * n.x, along * e.y + across * n.y};
  };
  Ring ring;
  if (rng.chance(0.35)) {
    for (const Pt d : {Pt{1, 0}, Pt{0, 1}, Pt{-1, 0}, Pt{0, -1}}) ring.push_back(at(r * d.x, r * d.y));
    return ring;
  }
  const double c = std::sqrt(3.0) / 2;  // cos 30°
  constexpr int kCorners = 12;
  const Pt dirs[kCorners] = {{1, 0},  {c, 0.5},   {0.5, c},   {0, 1},  {-0.5, c}, {-c, 0.5},
                             {-1, 0}, {-c, -0.5}, {-0.5, -c}, {0, -1}, {0.5, -c}, {c, -0.5}};
  bool dropped = true;  // corner 0 is always kept
  for (int i = 0; i < kCorners; ++i) {
    if (!dropped && i + 1 < kCorners && rng.chance(0.4)) {
      dropped = true;
      continue;
    }
    dropped = false;
    const Pt d = dirs[i], side{-d.y, d.x};
    const double radial = r * rng.uniform(0.7, 1.0), shift = radial * rng.uniform(-0.2, 0.2);
    ring.push_back(at(radial * d.x + shift * side.x, radial * d.y + shift * side.y));
  }
  return ring;
}

double reach(const Ring& shape) {
  double m = 0;
  for (const Pt& p : shape) m = std::max(m, std::sqrt(p.x * p.x + p.y * p.y));
  return m;
}

// KVO areas: each in a town drawn by sqrt(share) (large cities have more areas, not
// proportionally more), near where its incidents are, inside the land and, as far as a
// few tries allow, clear of the areas placed before.
std::vector<CountryArea> place_areas(const Ring& land, const std::vector<CountryTown>& towns, int count, Rng& rng) {
  std::vector<double> town_w;
  for (const CountryTown& t : towns) town_w.push_back(std::sqrt(t.weight));
  std::vector<CountryArea> areas;
  std::vector<std::pair<Pt, double>> taken;  // centre, reach
  std::vector<std::array<bool, 2>> named(towns.size(), {false, false});
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) {
    CountryArea a;
    a.town = rng.pick(std::span<const double>(town_w));
    const CountryTown& t = towns[a.town];
    const bool shop = rng.chance(kWinkelShare);
    a.kind = shop ? "kvo_winkelgebied" : "kvo_bedrijventerrein";
    const Ring shape = draw_shape(rng);
    const double r = reach(shape);
    Ring fallback;
    Pt fallback_c;
    for (int attempt = 0; attempt < 200 && a.ring.empty(); ++attempt) {
      const double spread = t.sd_m * (0.5 + 0.02 * attempt);
      const Pt c{t.centre.x + spread * rng.normal(), t.centre.y + spread * rng.normal()};
      Ring ring;
      for (const Pt& p : shape) ring.push_back(round_cm({c.x + p.x, c.y + p.y}));
      if (!std::all_of(ring.begin(), ring.end(), [&](Pt p) { return contains(land, p); })) continue;
      if (fallback.empty()) fallback = ring, fallback_c = c;
      const bool clear = std::all_of(taken.begin(), taken.end(),
                                     [&](const auto& o) { return distance(o.first, c) >= o.second + r + 50; });
      if (clear) a.ring = std::move(ring), taken.push_back({c, r});
    }
    if (a.ring.empty()) {
      if (fallback.empty()) throw std::logic_error("no room for a KVO area in " + t.name);
      a.ring = std::move(fallback);  // overlapping an earlier area: allowed, rare
      taken.push_back({fallback_c, r});
    }
    char code[16];
    std::snprintf(code, sizeof code, "KVO%04d", k + 1);
    a.code = code;
    bool& named_before = named[a.town][shop ? 0 : 1];
    a.name = draw_area_name(a.kind, t.name, !named_before, rng);
    named_before = true;
    const auto taken_name = [&](const std::string& s) {
      return std::find(names.begin(), names.end(), s) != names.end();
    };
    if (taken_name(a.name)) a.name += " (" + t.name + ")";
    const std::string base = a.name;
    for (int n = 2; taken_name(a.name); ++n) a.name = base + " " + std::to_string(n);
    names.push_back(a.name);
    areas.push_back(std::move(a));
  }
  return areas;
}

}  // namespace

Country build_country(int towns, int areas, Rng& rng) {
  Country c;
  c.outline = outline();
  c.towns = place_towns(c.outline, towns, rng);
  c.areas = place_areas(c.outline, c.towns, areas, rng);
  return c;
}

}  // namespace kvo::gen
