// The demo's police exports: realistic volumes per offence and zone, the planted hotspots,
// and a few percent of deliberately bad rows (one fault each), listed for expected_rejects.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/generator/civil.hpp"
#include "data/generator/demo.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace {

struct PlanRow {
  Offence offence;
  Zone zone;
  int n2023, n2025;
};

// Incidents per offence and zone. The planted change: shoplifting at the Hoogstraat store
// shrinks (150 → 50), bicycle theft at the station persists (110 → 108), vandalism and
// nuisance appear at the business park's Energieweg only in 2025 (0 → 70 + 40).
constexpr PlanRow kPlan[] = {
    {Offence::home_burglary, Zone::residential, 300, 285},
    {Offence::shed_burglary, Zone::residential, 90, 88},
    {Offence::theft_from_vehicle, Zone::residential, 200, 195},
    {Offence::theft_from_vehicle, Zone::business, 30, 32},
    {Offence::theft_from_vehicle, Zone::shopping, 30, 28},
    {Offence::vehicle_theft, Zone::residential, 50, 47},
    {Offence::vehicle_theft, Zone::business, 10, 9},
    {Offence::bicycle_theft, Zone::hotspot_bicycles, 110, 108},
    {Offence::bicycle_theft, Zone::shopping_streets, 120, 118},
    {Offence::bicycle_theft, Zone::residential, 290, 300},
    {Offence::pickpocketing, Zone::shopping_streets, 60, 55},
    {Offence::pickpocketing, Zone::commercial, 30, 28},
    {Offence::other_vehicle_theft, Zone::residential, 25, 27},
    {Offence::other_vehicle_theft, Zone::business, 5, 5},
    {Offence::public_violence, Zone::shopping_streets, 20, 19},
    {Offence::public_violence, Zone::commercial, 20, 21},
    {Offence::threat, Zone::shopping, 35, 33},
    {Offence::threat, Zone::residential, 75, 77},
    {Offence::assault, Zone::shopping_streets, 60, 57},
    {Offence::assault, Zone::residential, 140, 143},
    {Offence::street_robbery, Zone::shopping, 8, 7},
    {Offence::street_robbery, Zone::residential, 17, 16},
    {Offence::robbery, Zone::shopping, 4, 3},
    {Offence::robbery, Zone::commercial, 4, 5},
    {Offence::arson, Zone::residential, 40, 41},
    {Offence::arson, Zone::business, 10, 11},
    {Offence::drugs_nuisance, Zone::shopping, 40, 38},
    {Offence::drugs_nuisance, Zone::business, 15, 14},
    {Offence::drugs_nuisance, Zone::residential, 95, 98},
    {Offence::drugs_nuisance, Zone::hotspot_vandalism, 0, 40},
    {Offence::vandalism, Zone::business, 60, 58},
    {Offence::vandalism, Zone::shopping, 80, 76},
    {Offence::vandalism, Zone::residential, 280, 287},
    {Offence::vandalism, Zone::hotspot_vandalism, 0, 70},
    {Offence::business_burglary, Zone::business, 80, 78},
    {Offence::business_burglary, Zone::shopping, 40, 37},
    {Offence::business_burglary, Zone::commercial, 40, 41},
    {Offence::shoplifting, Zone::hotspot_shoplifting, 150, 50},
    {Offence::shoplifting, Zone::shopping_streets, 220, 205},
    {Offence::shoplifting, Zone::commercial, 50, 52},
};

// Planted faults per file (one fault per row), in the reader's precedence order.
struct Fault {
  const char* reason;
  int count;
};
constexpr Fault kFaults[] = {
    {"missing_coordinates", 10}, {"bad_coordinates", 8}, {"outside_extent", 6}, {"swapped_coordinates", 8},
    {"latlon_as_projected", 6},  {"missing_date", 3},    {"bad_date", 8},       {"end_before_start", 6},
    {"future_date", 3},          {"unknown_code", 6},    {"missing_code", 4},
};
constexpr int kDuplicates = 8;

std::string fixed(double v, int decimals) {
  std::string s;
  append_fixed(s, v, decimals, ',');
  return s;
}

std::string dmy(std::int32_t day) {
  std::string s;
  append_date_dmy(s, day);
  return s;
}

std::string hhmm(int minutes) {
  std::string s;
  append_hhmm(s, minutes);
  return s;
}

// "dd-mm-" of a day followed by another year.
std::string dmy_in_year(std::int32_t day, int year) {
  std::string s = dmy(day);
  s.replace(6, 4, std::to_string(year));
  return s;
}

PoliceRecord make_record(const Town& town, Offence o, Zone z, int year, Rng& rng) {
  PoliceRecord r;
  r.offence = o;
  r.p = sample_in(town, z, rng);
  r.when = draw_window(o, year, rng);
  r.date_from = dmy(r.when.start_day);
  r.time_from = hhmm(r.when.start_min);
  if (r.when.has_end) {
    if (r.when.end_date_given) r.date_to = dmy(r.when.end_day);
    r.time_to = hhmm(r.when.end_min);
  }
  r.code = std::string(offence_label(o));
  r.street = street_at(town, r.p);
  r.x = fixed(r.p.x, 2);
  r.y = fixed(r.p.y, 2);
  const auto remarks = offence_remarks(o);
  if (!rng.chance(0.08)) r.remark = std::string(remarks[rng.below(remarks.size())]);
  if (!r.remark.empty() && rng.chance(0.012)) {
    const auto lines = follow_up_lines();
    r.remark += "\n" + std::string(lines[rng.below(lines.size())]);
  }
  return r;
}

// Applies fault `reason` (variant k) to a copy of a valid record.
void spoil(PoliceRecord& r, const std::string& reason, int k, int year, const ToWgs84& to_wgs84) {
  const std::string y = std::to_string(year);
  r.reason = reason;
  if (reason == "missing_coordinates") {
    if (k % 3 != 2) r.x.clear();
    if (k % 3 != 1) r.y.clear();
  } else if (reason == "bad_coordinates") {
    static const char* const bad[][2] = {{"n.b.", "n.b."}, {"n.b.", nullptr}, {nullptr, "n.b."}, {"onbekend", "onbekend"}, {"-", "-"}};
    const auto& v = bad[k % 5];
    if (v[0]) r.x = v[0];
    if (v[1]) r.y = v[1];
  } else if (reason == "outside_extent") {
    if (k % 3 == 0) r.y = fixed(std::floor(r.p.y / 10 * 100) / 100, 2);  // a digit missing
    else if (k % 3 == 1) r.x = fixed(r.p.x * 10, 2);                     // a digit too many
    else r.y = fixed(r.p.y * 10, 2);
  } else if (reason == "swapped_coordinates") {
    std::swap(r.x, r.y);
  } else if (reason == "latlon_as_projected") {
    const Pt ll = to_wgs84(r.p);
    r.x = fixed(ll.x, 5);
    r.y = fixed(ll.y, 5);
  } else if (reason == "missing_date") {
    r.date_from.clear();
  } else if (reason == "bad_date") {
    switch (k % 8) {
      case 0: r.date_from = "31-02-" + y; break;
      case 1: r.date_from = y + "/13/45"; break;
      case 2: r.date_from = "30-02-" + y; break;
      case 3: r.date_from = "29-02-" + y; break;
      case 4: r.time_from = "25:10"; break;
      case 5: r.date_to = "31-04-" + y, r.time_to = "08:00"; break;
      case 6: r.date_from = "00-06-" + y; break;
      default: r.date_from = "15-13-" + y; break;
    }
  } else if (reason == "end_before_start") {
    r.date_to = dmy(r.when.start_day - 1 - k % 3);
    r.time_to = r.time_from;
  } else if (reason == "future_date") {
    r.date_from = dmy_in_year(r.when.start_day, 2031);
    r.date_to.clear();
    r.time_to.clear();
  } else if (reason == "unknown_code") {
    r.code = "9.9.9 Onbekend feit";
  } else if (reason == "missing_code") {
    r.code.clear();
  }
}

}  // namespace

PoliceFile make_police(const Town& town, int year, const ToWgs84& to_wgs84) {
  PoliceFile file;
  file.year = year;
  file.name = "politie_" + std::to_string(year) + ".csv";
  Rng rng(static_cast<std::uint64_t>(year) * 1000 + 1);

  std::vector<PoliceRecord> good;
  for (const PlanRow& plan : kPlan) {
    const int n = year == 2023 ? plan.n2023 : plan.n2025;
    for (int i = 0; i < n; ++i) good.push_back(make_record(town, plan.offence, plan.zone, year, rng));
  }
  // A registration system lists records roughly in the order they were reported.
  std::vector<std::size_t> order(good.size());
  std::iota(order.begin(), order.end(), 0);
  auto start_of = [&](std::size_t i) { return std::int64_t{good[i].when.start_day} * 1440 + good[i].when.start_min; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return start_of(a) < start_of(b); });
  std::vector<PoliceRecord> rows;
  rows.reserve(good.size() + 100);
  for (std::size_t i : order) rows.push_back(good[i]);

  // Bad rows: copies of random valid records with one fault, at random places.
  const std::size_t n_good = rows.size();
  for (const Fault& f : kFaults) {
    for (int k = 0; k < f.count; ++k) {
      PoliceRecord bad = rows[rng.below(n_good)];
      while (!bad.reason.empty()) bad = rows[rng.below(n_good)];
      spoil(bad, f.reason, k, year, to_wgs84);
      rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(rng.below(rows.size() + 1)), std::move(bad));
    }
  }
  // Registration numbers in file order, with the gaps other municipalities leave.
  std::int64_t seq = 1000 + static_cast<std::int64_t>(rng.below(500));
  for (PoliceRecord& r : rows) {
    r.id = "PL1900-" + std::to_string(year);
    append_int(r.id, seq, 6);
    seq += 1 + static_cast<std::int64_t>(rng.below(3));
  }
  // Duplicates: a valid record exported twice; the later copy is the reject.
  std::vector<std::string> used;
  for (int k = 0; k < kDuplicates; ++k) {
    std::size_t i = rng.below(rows.size());
    while (!rows[i].reason.empty() || std::find(used.begin(), used.end(), rows[i].id) != used.end())
      i = rng.below(rows.size());
    used.push_back(rows[i].id);
    PoliceRecord dup = rows[i];
    dup.reason = "duplicate_id";
    const std::size_t at = i + 1 + rng.below(rows.size() - i);
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(at), std::move(dup));
  }
  file.rows = std::move(rows);
  return file;
}

std::string police_csv(const PoliceFile& file) {
  std::string out(kPoliceHeader);
  out += "\r\n";
  for (const PoliceRecord& r : file.rows)
    append_police_row(out, {r.id, r.date_from, r.time_from, r.date_to, r.time_to, r.code, r.street, r.x, r.y, r.remark});
  return utf8_to_cp1252(out);
}

}  // namespace kvo::gen
