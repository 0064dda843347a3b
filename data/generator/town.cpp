#include "data/generator/town.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace kvo::gen {

namespace {

constexpr int kCols = 6, kRows = 5;                  // 30 buurten
constexpr double kX0 = 150000, kY0 = 410000;         // south-west corner of the town
constexpr double kCellW = 1000, kCellH = 1200;       // 6 km × 6 km

// Row by row from the south-west; codes follow this order.
constexpr std::array<const char*, kCols * kRows> kBuurtNames = {
    "Zuiderpolder", "Kloosterakker", "Vlasakker", "Molenwijk", "'t Ven", "Hoge Akker",
    "Ooievaarsnest", "Bloemenbuurt", "Schildersbuurt", "Spoorzone", "Heidebloem", "De Kamp",
    "Waterfront", "'s-Gravenhof", "Centrum 't Zand", "Stationsbuurt", "Oude Haven", "Havenkwartier",
    "Kerkebuurt", "Café-kwartier", "Marktkwartier", "Singelpark", "De Hoek-West", "De Hoek-Oost",
    "Noorderhout", "Vogelwijk", "Lindenhof", "Rietland", "Industriehaven", "Polder De Hoek"};

constexpr std::array<const char*, 60> kStems = {
    "Eiken", "Beuken", "Linden", "Kastanje", "Wilgen", "Populieren", "Berken", "Esdoorn",
    "Tulp", "Rozen", "Anjer", "Lelie", "Iris", "Narcis", "Madelief", "Zonnebloem",
    "Merel", "Lijster", "Spreeuw", "Mussen", "Reiger", "Kievit", "Zwaluw", "Vinken",
    "Rembrandt", "Vermeer", "Frans Hals", "Jan Steen", "Jozef Israëls", "Mesdag", "Mauve", "Breitner",
    "Ariëns", "Australië", "België", "Curaçao", "Coöperatie", "Reünie", "Ruïne", "Molen",
    "Klooster", "Vlas", "Akker", "Heide", "Ven", "Dijk", "Haven", "Kade",
    "Sluis", "Spoor", "Zuider", "Noorder", "Ooster", "Wester", "Kruis", "School",
    "Brink", "René Descartes", "Hélène Swarth", "Burgemeester Smeets"};

constexpr std::array<const char*, 8> kSuffixes = {"straat", "laan", "weg", "hof", "plein", "singel", "dreef", "pad"};

Pt lerp(Pt a, Pt b, double t) { return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}; }

// Two intermediate points on the edge a→b, pushed sideways by up to `amp` metres
// (only to the left of a→b when `one_sided`, which keeps the outline inside the box).
std::array<Pt, 2> edge_points(Pt a, Pt b, double amp, bool one_sided, Rng& rng) {
  const double len = distance(a, b);
  const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;  // left normal
  std::array<Pt, 2> out;
  for (int k = 0; k < 2; ++k) {
    const double s = one_sided ? rng.uniform(0, amp) : rng.uniform(-amp, amp);
    const Pt m = lerp(a, b, (k + 1) / 3.0 + rng.uniform(-0.06, 0.06));
    out[k] = round_cm({m.x + s * nx, m.y + s * ny});
  }
  return out;
}

Street street(const char* name, std::initializer_list<Pt> pts, Pt origin = {0, 0}) {
  Street s{name, {}};
  for (Pt p : pts) s.line.push_back({origin.x + p.x, origin.y + p.y});
  return s;
}

Town build() {
  Town t;
  Rng rng(19990001);

  // Lattice vertices, jittered; boundary vertices only inward and along the boundary.
  Pt v[kCols + 1][kRows + 1];
  for (int i = 0; i <= kCols; ++i) {
    for (int j = 0; j <= kRows; ++j) {
      const bool west = i == 0, east = i == kCols, south = j == 0, north = j == kRows;
      double dx = rng.uniform(-200, 200), dy = rng.uniform(-220, 220);
      if (west) dx = rng.uniform(0, 150);
      if (east) dx = -rng.uniform(0, 150);
      if (south) dy = rng.uniform(0, 150);
      if (north) dy = -rng.uniform(0, 150);
      v[i][j] = round_cm({kX0 + i * kCellW + dx, kY0 + j * kCellH + dy});
    }
  }
  // Intermediate points per edge, in the edge's own direction (east or north).
  std::array<Pt, 2> h[kCols][kRows + 1], e[kCols + 1][kRows];
  for (int i = 0; i < kCols; ++i)
    for (int j = 0; j <= kRows; ++j) {
      const bool boundary = j == 0 || j == kRows;
      // Left of an eastward edge is north: inward on the south boundary; flip on the north.
      h[i][j] = boundary && j == kRows ? edge_points(v[i + 1][j], v[i][j], 90, true, rng)
                                       : edge_points(v[i][j], v[i + 1][j], 90, boundary, rng);
      if (boundary && j == kRows) std::swap(h[i][j][0], h[i][j][1]);
    }
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j < kRows; ++j) {
      const bool boundary = i == 0 || i == kCols;
      // Left of a northward edge is west: inward on the east boundary; flip on the west.
      e[i][j] = boundary && i == 0 ? edge_points(v[i][j + 1], v[i][j], 90, true, rng)
                                   : edge_points(v[i][j], v[i][j + 1], 90, boundary, rng);
      if (boundary && i == 0) std::swap(e[i][j][0], e[i][j][1]);
    }

  for (int j = 0; j < kRows; ++j) {
    for (int i = 0; i < kCols; ++i) {
      const int n = j * kCols + i;
      Buurt b;
      char code[16];
      std::snprintf(code, sizeof code, "BU1999%04d", n + 1);
      b.code = code;
      b.name = kBuurtNames[static_cast<std::size_t>(n)];
      b.ring = {v[i][j],         h[i][j][0],     h[i][j][1],     v[i + 1][j],     e[i + 1][j][0], e[i + 1][j][1],
                v[i + 1][j + 1], h[i][j + 1][1], h[i][j + 1][0], v[i][j + 1],     e[i][j][1],     e[i][j][0]};
      b.residential = 0.7 + 0.6 * rng.uniform();
      b.commercial = 0.5 + 0.5 * rng.uniform();
      for (int k = 0; k < 4; ++k) {
        const auto stem = static_cast<std::size_t>(n * 2 + k * 17) % kStems.size();
        const auto suffix = static_cast<std::size_t>(n * 3 + k * 5) % kSuffixes.size();
        b.streets.push_back(street_name(suffix * kStems.size() + stem));
      }
      t.buurten.push_back(std::move(b));
    }
  }
  // Character of the buurten: the centre is busy, the business park hardly has homes.
  auto set = [&](const char* name, double residential, double commercial) {
    for (auto& b : t.buurten)
      if (b.name == name) b.residential = residential, b.commercial = commercial;
  };
  set("Centrum 't Zand", 1.6, 3.0);
  set("Stationsbuurt", 1.3, 2.0);
  set("Marktkwartier", 1.4, 2.0);
  set("Café-kwartier", 1.4, 1.8);
  set("De Hoek-West", 0.15, 2.5);
  set("De Hoek-Oost", 0.15, 2.5);
  set("Industriehaven", 0.1, 2.0);
  set("Polder De Hoek", 0.3, 1.0);

  // The outline: boundary edges in counter-clockwise order.
  for (int i = 0; i < kCols; ++i) t.outline.insert(t.outline.end(), {v[i][0], h[i][0][0], h[i][0][1]});
  for (int j = 0; j < kRows; ++j) t.outline.insert(t.outline.end(), {v[kCols][j], e[kCols][j][0], e[kCols][j][1]});
  for (int i = kCols; i > 0; --i) t.outline.insert(t.outline.end(), {v[i][kRows], h[i - 1][kRows][1], h[i - 1][kRows][0]});
  for (int j = kRows; j > 0; --j) t.outline.insert(t.outline.end(), {v[0][j], e[0][j - 1][1], e[0][j - 1][0]});

  // Winkelcentrum 't Zand: a hand-drawn outline around the old centre (about 55 ha).
  const Pt c{152900, 413100};
  t.shopping.code = "KVO-WTZ";
  t.shopping.name = "Winkelcentrum 't Zand";
  t.shopping.kind = "kvo_winkelgebied";
  for (Pt d : {Pt{-420, -250}, Pt{-180, -360}, Pt{150, -330}, Pt{380, -440}, Pt{560, -400}, Pt{540, -230},
               Pt{330, -60}, Pt{360, 180}, Pt{200, 380}, Pt{-60, 420}, Pt{-300, 330}, Pt{-460, 120},
               Pt{-480, -80}})
    t.shopping.ring.push_back({c.x + d.x, c.y + d.y});
  t.shopping.drawn = t.shopping.ring;
  t.shopping.streets = {
      street("Hoogstraat", {{-420, -120}, {-100, 0}, {250, 120}}, c),
      street("Zandstraat", {{-150, -330}, {-80, 0}, {-20, 380}}, c),
      street("Kerkstraat", {{-450, 100}, {-100, 220}, {150, 350}}, c),
      street("Ruïnepad", {{-100, 220}, {-60, 400}}, c),
      street("Marktplein", {{40, -160}, {160, -40}}, c),
      street("Stationsstraat", {{150, -100}, {320, -250}, {470, -330}}, c),
      street("Stationsplein", {{420, -390}, {540, -330}}, c),
      street("Passage 't Zand", {{-250, -200}, {-120, -120}}, c),
      street("Jozef Israëlsstraat", {{250, 120}, {320, -60}}, c),
  };

  // Bedrijventerrein De Hoek (about 90 ha). The NE corner C is drawn as a bowtie: the
  // pen overshoots C northwards (C2), cuts across to a point east of C (C1) and returns
  // west along the northern edge, crossing its own track — a self-intersecting ring.
  t.business.code = "KVO-BDH";
  t.business.name = "Bedrijventerrein De Hoek";
  t.business.kind = "kvo_bedrijventerrein";
  const Pt a{155560, 414300}, corner{155450, 414760}, b{154900, 414820};
  t.business.ring = {{154420, 413900}, {155480, 413880}, a, corner, b, {154400, 414700}, {154350, 414300}};
  auto beyond = [](Pt from, Pt to, double m) {
    const double len = distance(from, to);
    return round_cm({to.x + m * (to.x - from.x) / len, to.y + m * (to.y - from.y) / len});
  };
  t.business.drawn = {{154420, 413900}, {155480, 413880}, a, beyond(a, corner, 60), beyond(b, corner, 60), b,
                      {154400, 414700}, {154350, 414300}};
  t.business.streets = {
      street("Industrieweg", {{154450, 414300}, {155500, 414320}}),
      street("Ambachtsweg", {{154700, 413920}, {154700, 414780}}),
      street("Energieweg", {{155150, 413920}, {155150, 414760}}),
      street("Transportweg", {{154450, 414600}, {155400, 414640}}),
      street("Coöperatieweg", {{154450, 414050}, {155450, 414030}}),
  };

  t.shoplifting = {{152860, 413120}, 100};
  t.bicycles = {{153380, 412740}, 80};
  t.vandalism = {{155050, 414450}, 120};
  return t;
}

}  // namespace

std::string street_name(std::size_t i) {
  return std::string(kStems[i % kStems.size()]) + kSuffixes[(i / kStems.size()) % kSuffixes.size()];
}

std::size_t street_name_count() { return kStems.size() * kSuffixes.size(); }

const Town& zuidhaven() {
  static const Town town = build();
  return town;
}

std::size_t buurt_at(const Town& town, Pt p) {
  for (std::size_t i = 0; i < town.buurten.size(); ++i)
    if (contains(town.buurten[i].ring, p)) return i;
  return town.buurten.size();
}

Pt sample_in(const Town& town, Zone zone, Rng& rng) {
  auto pick_buurt = [&](bool residential) -> const Buurt& {
    std::vector<double> w;
    w.reserve(town.buurten.size());
    for (const Buurt& b : town.buurten) w.push_back(residential ? b.residential : b.commercial);
    return town.buurten[rng.pick(std::span<const double>(w))];
  };
  switch (zone) {
    case Zone::residential: return round_cm(sample_in_ring(pick_buurt(true).ring, rng));
    case Zone::commercial: return round_cm(sample_in_ring(pick_buurt(false).ring, rng));
    case Zone::shopping: return round_cm(sample_in_ring(town.shopping.ring, rng));
    case Zone::shopping_streets: {
      const auto& streets = town.shopping.streets;
      return round_cm(sample_along(streets[rng.below(streets.size())], 12, rng));
    }
    case Zone::business: {
      if (rng.chance(0.3)) return round_cm(sample_in_ring(town.business.ring, rng));
      const auto& streets = town.business.streets;
      for (;;) {
        const Pt p = sample_along(streets[rng.below(streets.size())], 30, rng);
        if (contains(town.business.ring, p)) return round_cm(p);
      }
    }
    case Zone::hotspot_shoplifting: return round_cm(sample_hotspot(town.shoplifting.centre, town.shoplifting.radius_m, rng));
    case Zone::hotspot_bicycles: return round_cm(sample_hotspot(town.bicycles.centre, town.bicycles.radius_m, rng));
    case Zone::hotspot_vandalism: return round_cm(sample_hotspot(town.vandalism.centre, town.vandalism.radius_m, rng));
  }
  return town.shoplifting.centre;
}

const std::string& street_at(const Town& town, Pt p) {
  static const std::string station = "Stationsplein";
  if (distance(p, town.bicycles.centre) <= town.bicycles.radius_m + 20) return station;
  for (const KvoArea* area : {&town.shopping, &town.business}) {
    if (!contains(area->ring, p)) continue;
    const Street* best = &area->streets.front();
    double best_d = distance_to(best->line, p);
    for (const Street& s : area->streets) {
      const double d = distance_to(s.line, p);
      if (d < best_d) best = &s, best_d = d;
    }
    return best->name;
  }
  std::size_t bi = buurt_at(town, p);
  if (bi == town.buurten.size()) bi = 0;
  const Buurt& b = town.buurten[bi];
  const auto [lo, hi] = bounds(b.ring);
  // Streets run as parallel bands: east–west in even buurten, north–south in odd ones.
  const double f = bi % 2 == 0 ? (p.y - lo.y) / (hi.y - lo.y) : (p.x - lo.x) / (hi.x - lo.x);
  const auto k = static_cast<std::size_t>(std::clamp(f, 0.0, 0.999) * static_cast<double>(b.streets.size()));
  return b.streets[k];
}

}  // namespace kvo::gen
