// The demo's entrepreneurs' survey: one row per responding business in the two KVO areas,
// with weights, victimisation, reporting, feeling unsafe and marks. The share feeling
// unsafe (vaak/altijd) in the shopping area is planted to drop from about 0.35 to 0.18.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/generator/civil.hpp"
#include "data/generator/demo.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace {

struct Wave {
  int respondents;
  double unsafe_share;               // weighted share vaak/altijd among valid answers
  double p_shoplifting, p_burglary, p_vandalism;
  double lighting_mark, upkeep_mark;  // mean marks
};

// [area][wave]: area 0 = shopping, 1 = business park; wave 0 = 2023, 1 = 2025.
constexpr Wave kWaves[2][2] = {
    {{72, 0.35, 0.45, 0.10, 0.20, 6.3, 6.5}, {66, 0.18, 0.30, 0.09, 0.18, 6.9, 6.8}},
    {{41, 0.22, 0.05, 0.25, 0.25, 5.6, 6.0}, {37, 0.30, 0.05, 0.22, 0.45, 5.1, 5.6}},
};

struct Respondent {
  Pt p;
  double weight = 1;
  std::int32_t day = 0;
  int area = 0;
  std::string victim[3], reported[3], unsafe, lighting, upkeep;
};

std::string answer(bool yes) { return yes ? "ja" : "nee"; }

std::string mark(double mean, Rng& rng) {
  if (rng.chance(0.06)) return "";
  const double v = std::clamp(std::round(mean + 1.3 * rng.normal()), 1.0, 10.0);
  return std::to_string(static_cast<int>(v));
}

// Marks a random subset of `group` unsafe whose weight share comes closest to `target`.
void assign_unsafe(std::vector<Respondent*>& group, double target, Rng& rng) {
  for (std::size_t i = group.size(); i > 1; --i) std::swap(group[i - 1], group[rng.below(i)]);  // Fisher–Yates
  double total = 0;
  for (const Respondent* r : group) total += r->weight;
  std::size_t take = 0;
  double acc = 0, best = 2;
  for (std::size_t k = 0; k <= group.size(); ++k) {
    if (std::abs(acc / total - target) < best) best = std::abs(acc / total - target), take = k;
    if (k < group.size()) acc += group[k]->weight;
  }
  for (std::size_t k = 0; k < group.size(); ++k) {
    if (k < take) {
      group[k]->unsafe = rng.chance(0.7) ? "vaak" : "altijd";
    } else {
      const double u = rng.uniform();
      group[k]->unsafe = u < 0.25 ? "nooit" : u < 0.6 ? "zelden" : "soms";
    }
  }
}

}  // namespace

SurveyFile make_survey(const Town& town, int year) {
  SurveyFile file;
  file.year = year;
  file.name = "enquete_" + std::to_string(year) + ".csv";
  Rng rng(static_cast<std::uint64_t>(year) * 1000 + 4);
  const int wave = year == 2023 ? 0 : 1;
  const std::int32_t first_day = days_from_civil(year, 4, year == 2023 ? 3 : 7);

  std::vector<Respondent> all;
  for (int area = 0; area < 2; ++area) {
    const Wave& w = kWaves[area][wave];
    std::vector<Respondent> group(static_cast<std::size_t>(w.respondents));
    for (Respondent& r : group) {
      r.area = area;
      const Ring& ring = area == 0 ? town.shopping.ring : town.business.ring;
      do r.p = sample_in(town, area == 0 ? Zone::shopping_streets : Zone::business, rng);
      while (!contains(ring, r.p));  // every respondent's business lies inside its KVO area
      r.weight = 0.5 + 0.05 * static_cast<double>(rng.below(41));  // 0.50 … 2.50
      do r.day = first_day + static_cast<std::int32_t>(rng.below(26));
      while (weekday(r.day) >= 5);
      const double p[3] = {w.p_shoplifting, w.p_burglary, w.p_vandalism};
      const double p_report[3] = {0.55, 0.9, 0.45};
      for (int k = 0; k < 3; ++k) {
        // A business park firm without a shop often skips the shoplifting question.
        if (rng.chance(0.04) || (k == 0 && area == 1 && rng.chance(0.7))) continue;
        const bool victim = rng.chance(p[k]);
        r.victim[k] = answer(victim);
        if (victim) r.reported[k] = answer(rng.chance(p_report[k]));
        else r.reported[k] = rng.chance(0.6) ? "n.v.t." : "";
      }
      r.lighting = mark(w.lighting_mark, rng);
      r.upkeep = mark(w.upkeep_mark, rng);
      if (rng.chance(0.03)) r.unsafe = "weet niet";
    }
    std::vector<Respondent*> answering;
    for (Respondent& r : group)
      if (r.unsafe.empty()) answering.push_back(&r);
    assign_unsafe(answering, w.unsafe_share, rng);
    all.insert(all.end(), group.begin(), group.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const Respondent& a, const Respondent& b) { return a.day < b.day; });

  std::string& out = file.csv;
  out = "respondent;x_rd;y_rd;gewicht;datum;slachtoffer_winkeldiefstal;slachtoffer_inbraak;slachtoffer_vernieling;"
        "aangifte_winkeldiefstal;aangifte_inbraak;aangifte_vernieling;onveilig;cijfer_verlichting;cijfer_onderhoud\n";
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Respondent& r = all[i];
    out += "R" + std::to_string(year % 100) + "-";
    append_int(out, static_cast<std::int64_t>(i + 1), 3);
    out += ';';
    append_fixed(out, r.p.x, 2, ',');
    out += ';';
    append_fixed(out, r.p.y, 2, ',');
    out += ';';
    append_fixed(out, r.weight, 2, ',');
    out += ';';
    append_date_iso(out, r.day);
    for (const auto* column : {&r.victim, &r.reported})
      for (const std::string& v : *column) out += ';' + v;
    out += ';' + r.unsafe + ';' + r.lighting + ';' + r.upkeep + '\n';
  }
  file.respondents = static_cast<int>(all.size());

  // Realised facts, the way a survey indicator reads them.
  for (int area = 0; area < 2; ++area) {
    double sw = 0, sw2 = 0, unsafe = 0, all_w = 0, all_unsafe = 0;
    int n = 0, n_unsafe = 0, n_dont_know = 0;
    for (const Respondent& r : all) {
      if (r.area != area) continue;
      all_w += r.weight;
      if (r.unsafe == "weet niet") {
        ++n_dont_know;
        continue;
      }
      ++n;
      sw += r.weight, sw2 += r.weight * r.weight;
      if (r.unsafe == "vaak" || r.unsafe == "altijd") unsafe += r.weight, all_unsafe += r.weight, ++n_unsafe;
    }
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "%s %d: %d respondents (%d 'weet niet'); vaak/altijd weighted share %.4f of %d valid answers "
                  "(%d unweighted, n_eff %.1f); %.4f of all respondents' weight\n",
                  area == 0 ? "shopping area" : "business park", year, n + n_dont_know, n_dont_know, unsafe / sw, n,
                  n_unsafe, sw * sw / sw2, all_unsafe / all_w);
    file.facts += buf;
  }
  return file;
}

}  // namespace kvo::gen
