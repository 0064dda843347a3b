// The demo's fire-brigade exports: many automatic false alarms in the business park,
// container and building fires, assistance calls (no KVO theme) and a few bad rows.

#include <algorithm>
#include <cmath>

#include "data/generator/civil.hpp"
#include "data/generator/demo.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace {

struct FirePlan {
  const char* classification;
  int kind;      // 0 alarm, 1 fire, 2 assistance (see draw_fire_moment)
  int priority;  // 1 = urgent
  Zone zone;
  int n2023, n2025;
};

constexpr FirePlan kPlan[] = {
    {"Alarm / OMS / Loos alarm", 0, 1, Zone::business, 80, 84},
    {"Alarm / OMS / Loos alarm", 0, 1, Zone::shopping, 22, 20},
    {"Alarm / OMS / Loos alarm", 0, 1, Zone::commercial, 12, 12},
    {"Alarm / Rookmelder / Woning", 0, 2, Zone::residential, 25, 27},
    {"Brand / Buitenbrand / Container", 1, 2, Zone::residential, 35, 36},
    {"Brand / Buitenbrand / Container", 1, 2, Zone::business, 12, 12},
    {"Brand / Buitenbrand / Container", 1, 2, Zone::hotspot_vandalism, 0, 10},
    {"Brand / Buitenbrand / Afvalbak", 1, 3, Zone::shopping_streets, 8, 8},
    {"Brand / Buitenbrand / Afvalbak", 1, 3, Zone::residential, 7, 8},
    {"Brand / Buitenbrand / Voertuig", 1, 2, Zone::residential, 12, 13},
    {"Brand / Buitenbrand / Voertuig", 1, 2, Zone::business, 3, 3},
    {"Brand / Gebouwbrand / Winkel", 1, 1, Zone::shopping_streets, 6, 5},
    {"Brand / Gebouwbrand / Woning", 1, 1, Zone::residential, 24, 23},
    {"Brand / Gebouwbrand / Bedrijfspand", 1, 1, Zone::business, 6, 7},
    {"Brand / Gebouwbrand / Bedrijfspand", 1, 1, Zone::commercial, 2, 2},
    {"Hulpverlening / Dier / Te water", 2, 2, Zone::residential, 6, 5},
    {"Hulpverlening / Dier / Overig", 2, 3, Zone::residential, 4, 5},
    {"Hulpverlening / Persoon / Liftopsluiting", 2, 2, Zone::residential, 8, 9},
    {"Hulpverlening / Water / Wateroverlast", 2, 3, Zone::residential, 3, 4},
};

std::string iso_datetime(const Window& w) {
  std::string s;
  append_date_iso(s, w.start_day);
  s += 'T';
  append_hhmm(s, w.start_min);
  s += ":00";
  return s;
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

}  // namespace

FireFile make_fire(const Town& town, int year, const ToWgs84& to_wgs84) {
  FireFile file;
  file.year = year;
  file.name = "brandweer_" + std::to_string(year) + ".xlsx";
  Rng rng(static_cast<std::uint64_t>(year) * 1000 + 2);

  struct Call {
    FireRecord r;
    Window when;
  };
  std::vector<Call> calls;
  for (const FirePlan& plan : kPlan) {
    const int n = year == 2023 ? plan.n2023 : plan.n2025;
    for (int i = 0; i < n; ++i) {
      Call c;
      c.r.p = sample_in(town, plan.zone, rng);
      c.when = draw_fire_moment(plan.kind, year, rng);
      c.r.start = iso_datetime(c.when);
      c.r.classification = plan.classification;
      c.r.priority = plan.priority;
      const Pt ll = to_wgs84(c.r.p);
      c.r.lon = round6(ll.x), c.r.lat = round6(ll.y);
      // Assistance calls are real records but no KVO theme: fire.csv marks "Hulpverlening"
      // excluded, so they are counted as excluded, not rejected.
      calls.push_back(std::move(c));
    }
  }
  std::stable_sort(calls.begin(), calls.end(), [](const Call& a, const Call& b) {
    return std::int64_t{a.when.start_day} * 1440 + a.when.start_min < std::int64_t{b.when.start_day} * 1440 + b.when.start_min;
  });

  // Planted faults: copies of valid calls, one fault each.
  const std::size_t n_calls = calls.size();
  auto plant = [&](const char* reason, int count, auto&& spoil) {
    for (int k = 0; k < count; ++k) {
      Call c = calls[rng.below(n_calls)];
      while (!c.r.reason.empty()) c = calls[rng.below(n_calls)];
      c.r.reason = reason;
      spoil(c.r, k);
      calls.insert(calls.begin() + static_cast<std::ptrdiff_t>(rng.below(calls.size() + 1)), std::move(c));
    }
  };
  plant("missing_coordinates", 3, [](FireRecord& r, int) { r.has_coordinates = false; });
  plant("swapped_coordinates", 3, [](FireRecord& r, int) { std::swap(r.lat, r.lon); });
  plant("bad_date", 3, [&](FireRecord& r, int k) {
    const std::string y = std::to_string(year);
    r.start = k == 0 ? y + "-02-30T10:15:00" : k == 1 ? y + "-13-04T08:00:00" : "onbekend";
  });
  plant("unknown_code", 2, [](FireRecord& r, int k) {
    r.classification = k == 0 ? "Overig / Onbekend" : "Overig / Nog te classificeren";
  });

  int seq = 100 + static_cast<int>(rng.below(50));
  for (Call& c : calls) {
    c.r.id = "BRW-" + std::to_string(year) + "-";
    append_int(c.r.id, seq++, 5);
    file.rows.push_back(std::move(c.r));
  }
  return file;
}

}  // namespace kvo::gen
