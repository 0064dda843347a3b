#include "data/generator/police_model.hpp"

#include <algorithm>

#include "data/generator/civil.hpp"
#include "data/generator/text_out.hpp"

namespace kvo::gen {

namespace {

using HourWeights = std::array<int, 24>;
using DayWeights = std::array<double, 7>;     // Monday … Sunday
using MonthWeights = std::array<double, 12>;  // January … December

constexpr HourWeights kShopHours = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 5, 6, 6, 7, 8, 9, 8, 6, 4, 3, 1, 0, 0};
constexpr HourWeights kDayHours = {0, 0, 0, 0, 0, 0, 0, 1, 3, 4, 5, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2, 2, 1, 0};
constexpr HourWeights kNightHours = {6, 5, 4, 3, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8};
constexpr HourWeights kRobberyHours = {0, 0, 0, 0, 0, 0, 0, 1, 3, 2, 1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 3, 2, 1, 0};
constexpr HourWeights kAlarmHours = {1, 1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 6, 6, 6, 6, 6, 5, 4, 3, 2, 2, 1, 1, 1};
constexpr HourWeights kFireHours = {5, 4, 3, 3, 2, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 6, 7, 7, 6};

constexpr DayWeights kAllDays = {1, 1, 1, 1, 1, 1, 1};
constexpr DayWeights kShopDays = {1.0, 1.0, 1.1, 1.1, 1.3, 1.7, 0.4};
constexpr DayWeights kWeekendNights = {0.8, 0.7, 0.8, 0.9, 1.3, 1.6, 1.2};
constexpr DayWeights kWorkDays = {1, 1, 1, 1, 1, 0, 0};
constexpr DayWeights kMonToThu = {1, 1, 1, 1, 0, 0, 0};
constexpr DayWeights kFriday = {0, 0, 0, 0, 1, 0, 0};
constexpr DayWeights kOfficeDays = {1.3, 1.3, 1.3, 1.3, 1.3, 0.6, 0.6};

constexpr MonthWeights kFlat = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
constexpr MonthWeights kDarkMonths = {1.4, 1.2, 1.0, 0.8, 0.7, 0.7, 0.9, 0.9, 0.9, 1.2, 1.4, 1.5};
constexpr MonthWeights kHolidays = {0.6, 0.8, 0.8, 1.0, 1.0, 1.0, 1.6, 1.6, 0.9, 1.0, 0.8, 1.2};
constexpr MonthWeights kSummer = {0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.0, 0.9, 0.8, 1.0};
constexpr MonthWeights kShopMonths = {0.9, 0.8, 0.9, 0.9, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.4};

constexpr std::array<std::string_view, kOffenceCount> kLabels = {
    "1.1.1 Diefstal/inbraak woning",
    "1.1.2 Diefstal/inbraak box/garage/schuur",
    "1.2.1 Diefstal uit/vanaf motorvoertuigen",
    "1.2.2 Diefstal van motorvoertuigen",
    "1.2.3 Diefstal van brom-, snor-, fietsen",
    "1.2.4 Zakkenrollerij",
    "1.2.5 Diefstal af/uit/van overige vervoermiddelen",
    "1.4.3 Openlijk geweld (persoon)",
    "1.4.4 Bedreiging",
    "1.4.5 Mishandeling",
    "1.4.6 Straatroof",
    "1.4.7 Overval",
    "1.6.1 Brand/ontploffing",
    "2.1.1 Drugs/drankoverlast",
    "2.2.1 Vernieling cq. zaakbeschadiging",
    "2.5.1 Diefstal/inbraak bedrijven en instellingen",
    "2.5.2 Winkeldiefstal",
};

// Descriptions; a few hold ';' or quotes on purpose (they must be quoted in the CSV).
constexpr std::string_view kHome[] = {"Achterdeur geforceerd, sieraden weggenomen", "Inbraak via openstaand raam",
                                      "Bewoners op vakantie; woning doorzocht", "Schuifpui opengebroken",
                                      "Cilinder van voordeur afgebroken", "Laptop en contant geld weggenomen"};
constexpr std::string_view kShed[] = {"Schuurdeur opengebroken, gereedschap weg", "Inbraak in berging; twee fietsen weg",
                                      "Garagebox geforceerd", "Hangslot van tuinhuis doorgezaagd"};
constexpr std::string_view kFromVehicle[] = {"Ruit ingeslagen, navigatiesysteem weg", "Katalysator gestolen",
                                             "Tas van achterbank weggenomen", "Kentekenplaten weggenomen",
                                             "Gereedschap uit bedrijfsbus; schade ca. € 1.500"};
constexpr std::string_view kVehicle[] = {"Auto weggenomen vanaf oprit", "Bestelbus gestolen van terrein",
                                         "Motor weggenomen uit parkeergarage", "Scooter weggenomen (kenteken bekend)"};
constexpr std::string_view kBicycle[] = {"Fiets stond op slot bij het station", "E-bike weggenomen uit fietsenstalling",
                                         "Slot doorgeknipt; fiets weg", "Damesfiets (zwart) gestolen tijdens werktijd",
                                         "Fiets van dochter weggenomen voor de bibliotheek", "Bakfiets weggenomen"};
constexpr std::string_view kPickpocket[] = {"Portemonnee uit tas gerold op de markt", "Telefoon uit jaszak weggenomen",
                                            "Zakkenroller actief bij bushalte", "Pinpas en rijbewijs weg na drukte"};
constexpr std::string_view kOtherVehicle[] = {"Aanhangwagen weggenomen van oprit", "Buitenboordmotor van sloep gestolen",
                                              "Accu van scootmobiel weggenomen"};
constexpr std::string_view kPublicViolence[] = {"Vechtpartij voor café", "Groep sloeg man na sluitingstijd",
                                                "Opstootje bij snackbar; twee gewonden"};
constexpr std::string_view kThreat[] = {"Winkelmedewerker bedreigd na aanspreken", "Bedreiging via telefoon",
                                        "Buschauffeur bedreigd", "Melder zegt: \"hij riep dat hij terug zou komen\""};
constexpr std::string_view kAssault[] = {"Man geslagen bij het uitgaan", "Mishandeling na ruzie over parkeerplaats",
                                         "Portier mishandeld", "Vrouw geduwd en geschopt; lichte verwondingen"};
constexpr std::string_view kStreetRobbery[] = {"Telefoon uit hand gegrist", "Tas afgepakt door man op scooter",
                                               "Jongen beroofd van jas en schoenen"};
constexpr std::string_view kRobbery[] = {"Overval op tankstation", "Overval op supermarkt vlak voor sluitingstijd",
                                         "Overval op juwelier; daders gevlucht"};
constexpr std::string_view kArson[] = {"Brand in container", "Autobrand in de nacht", "Vuurwerk in brievenbus",
                                       "Brandstichting in portiek"};
constexpr std::string_view kNuisance[] = {"Jongeren hangen rond met drank", "Drugsoverlast in portiek",
                                          "Geluidsoverlast en blikjes bij bankje", "Melding van dealen bij speeltuin",
                                          "Dronken man valt klanten lastig; café belde"};
constexpr std::string_view kVandalism[] = {"Ruit van bedrijfspand ingegooid", "Graffiti op gevel",
                                           "Bushokje vernield", "Hekwerk beschadigd",
                                           "Spiegels van auto's afgetrapt", "Ruit van snackbar ingegooid; schade ca. € 400"};
constexpr std::string_view kBusiness[] = {"Inbraak in bedrijfspand via dakluik", "Kantoor doorzocht, laptops weggenomen",
                                          "Roldeur geforceerd; koperen kabel weg", "Inbraak in bouwkeet",
                                          "Alarm ging af, daders gevlucht", "Kassa uit café weggenomen"};
constexpr std::string_view kShoplifting[] = {"Klant nam cosmetica mee zonder te betalen",
                                             "Verdachte aangehouden door winkelpersoneel",
                                             "Diefstal van kleding; beveiligingspoortje ging af",
                                             "Twee jongens namen blikjes energiedrank mee",
                                             "Aangifte door bedrijfsleider van drogisterij",
                                             "Verdachte liep weg richting Stationsplein"};
constexpr std::string_view kFollowUp[] = {"Politie ter plaatse; sporen veiliggesteld.", "Camerabeelden opgevraagd.",
                                          "Getuige heeft signalement gegeven.", "Melder wordt teruggebeld."};

struct Catalogue {
  std::array<std::span<const std::string_view>, kOffenceCount> remarks = {
      kHome,     kShed,   kFromVehicle, kVehicle, kBicycle,  kPickpocket, kOtherVehicle, kPublicViolence, kThreat,
      kAssault, kStreetRobbery, kRobbery, kArson, kNuisance, kVandalism, kBusiness, kShoplifting};
};
const Catalogue kCatalogue;

int minute_of(int hour, Rng& rng) { return hour * 60 + static_cast<int>(rng.below(60)); }

// Moves a wall-clock time out of the hour that is skipped or repeated on clock-change days.
int avoid_clock_change(std::int32_t day, int minutes) {
  return is_clock_change_day(day) && minutes >= 120 && minutes < 180 ? minutes + 60 : minutes;
}

// "start" + a choice from `count` steps of `step` minutes.
int pick_time(int start, int count, int step, Rng& rng) { return start + step * static_cast<int>(rng.below(count)); }

Window point(int year, const DayWeights& days, const MonthWeights& months, const HourWeights& hours, Rng& rng) {
  Window w;
  w.start_day = draw_day(year, days, months, rng);
  w.start_min = minute_of(static_cast<int>(rng.pick(std::span<const int>(hours))), rng);
  return w;
}

Window window(std::int32_t start_day, int start_min, std::int32_t end_day, int end_min) {
  // Minutes past midnight may overflow into following days.
  start_day += start_min / 1440, start_min %= 1440;
  end_day += end_min / 1440, end_min %= 1440;
  return {start_day, start_min, true, true, end_day, end_min};
}

Window overnight(int year, const DayWeights& days, const MonthWeights& months, Rng& rng) {
  const std::int32_t d = draw_day(year, days, months, rng);
  return window(d, pick_time(18 * 60, 72, 5, rng), d + 1, pick_time(6 * 60, 43, 5, rng));
}

Window work_hours(int year, Rng& rng) {
  const std::int32_t d = draw_day(year, kWorkDays, kFlat, rng);
  return window(d, pick_time(7 * 60 + 30, 19, 5, rng), d, pick_time(16 * 60 + 30, 25, 5, rng));
}

Window draw_raw(Offence o, int year, Rng& rng) {
  const double u = rng.uniform();
  switch (o) {
    case Offence::home_burglary: {
      if (u < 0.55) {
        const std::int32_t d = draw_day(year, kWorkDays, kDarkMonths, rng);
        return window(d, pick_time(7 * 60 + 15, 22, 5, rng), d, pick_time(16 * 60, 37, 5, rng));
      }
      if (u < 0.80) {
        const std::int32_t d = draw_day(year, kAllDays, kDarkMonths, rng);
        const int s = pick_time(17 * 60, 31, 5, rng);
        return window(d, s, d, s + pick_time(120, 37, 5, rng));
      }
      const std::int32_t d = draw_day(year, kAllDays, kHolidays, rng);  // away for days
      return window(d, pick_time(8 * 60, 49, 15, rng), d + 2 + static_cast<int>(rng.below(11)),
                    pick_time(10 * 60, 49, 15, rng));
    }
    case Offence::shed_burglary: {
      if (u < 0.7) return overnight(year, kAllDays, kDarkMonths, rng);
      const std::int32_t d = draw_day(year, kAllDays, kFlat, rng);
      return window(d, pick_time(9 * 60, 45, 15, rng), d + 1 + static_cast<int>(rng.below(4)),
                    pick_time(8 * 60, 49, 15, rng));
    }
    case Offence::theft_from_vehicle:
    case Offence::vehicle_theft:
    case Offence::other_vehicle_theft:
      return u < 0.75 ? overnight(year, kAllDays, kFlat, rng) : work_hours(year, rng);
    case Offence::bicycle_theft: {
      if (u < 0.45) {
        const std::int32_t d = draw_day(year, kWorkDays, kSummer, rng);
        return window(d, pick_time(6 * 60 + 45, 28, 5, rng), d, pick_time(16 * 60 + 30, 37, 5, rng));
      }
      if (u < 0.85) {
        const std::int32_t d = draw_day(year, kAllDays, kSummer, rng);
        const int s = pick_time(9 * 60, 145, 5, rng);
        Window w = window(d, s, d, s + pick_time(20, 45, 5, rng));
        if (w.end_day == w.start_day && rng.chance(0.3)) w.end_date_given = false;  // only the end time noted
        return w;
      }
      return overnight(year, kAllDays, kSummer, rng);
    }
    case Offence::pickpocketing: {
      Window w = u < 0.7 ? point(year, kShopDays, kShopMonths, kShopHours, rng)
                         : point(year, kAllDays, kFlat, kDayHours, rng);
      if (rng.chance(0.3)) w = window(w.start_day, w.start_min, w.start_day, w.start_min + pick_time(15, 16, 5, rng));
      return w;
    }
    case Offence::public_violence:
    case Offence::assault:
    case Offence::street_robbery:
      return point(year, kWeekendNights, kFlat, kNightHours, rng);
    case Offence::threat:
      return u < 0.6 ? point(year, kAllDays, kFlat, kDayHours, rng) : point(year, kWeekendNights, kFlat, kNightHours, rng);
    case Offence::robbery:
      return point(year, kAllDays, kDarkMonths, kRobberyHours, rng);
    case Offence::arson:
      return point(year, kWeekendNights, kFlat, kNightHours, rng);
    case Offence::drugs_nuisance:
      return point(year, kWeekendNights, kSummer, kNightHours, rng);
    case Offence::vandalism:
      return u < 0.5 ? point(year, kWeekendNights, kFlat, kNightHours, rng) : overnight(year, kWeekendNights, kFlat, rng);
    case Offence::business_burglary: {
      if (u < 0.35) {  // Friday evening to Monday morning
        const std::int32_t d = draw_day(year, kFriday, kFlat, rng);
        return window(d, pick_time(17 * 60, 31, 5, rng), d + 3, pick_time(6 * 60 + 30, 25, 5, rng));
      }
      const std::int32_t d = draw_day(year, kMonToThu, kFlat, rng);
      return window(d, pick_time(17 * 60 + 30, 31, 5, rng), d + 1, pick_time(6 * 60 + 30, 25, 5, rng));
    }
    case Offence::shoplifting:
      return point(year, kShopDays, kShopMonths, kShopHours, rng);
  }
  return point(year, kAllDays, kFlat, kDayHours, rng);
}

}  // namespace

std::string_view offence_label(Offence o) { return kLabels[static_cast<std::size_t>(o)]; }

std::span<const std::string_view> offence_remarks(Offence o) { return kCatalogue.remarks[static_cast<std::size_t>(o)]; }

std::span<const std::string_view> follow_up_lines() { return kFollowUp; }

std::int32_t draw_day(int year, const std::array<double, 7>& weekday_w, const std::array<double, 12>& month_w, Rng& rng) {
  const std::int32_t first = days_from_civil(year, 1, 1);
  const std::int32_t count = days_from_civil(year + 1, 1, 1) - first;
  double top = 0;
  for (double a : weekday_w)
    for (double b : month_w) top = std::max(top, a * b);
  for (;;) {
    const std::int32_t d = first + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(count)));
    const double w = weekday_w[static_cast<std::size_t>(weekday(d))] *
                     month_w[static_cast<std::size_t>(civil_from_days(d).month - 1)];
    if (rng.uniform() * top < w) return d;
  }
}

Window draw_window(Offence o, int year, Rng& rng) {
  const std::int32_t next_year = days_from_civil(year + 1, 1, 1);
  for (;;) {
    Window w = draw_raw(o, year, rng);
    w.start_min = avoid_clock_change(w.start_day, w.start_min);
    if (!w.has_end) return w;
    w.end_min = avoid_clock_change(w.end_day, w.end_min);
    const std::int64_t s = std::int64_t{w.start_day} * 1440 + w.start_min;
    const std::int64_t e = std::int64_t{w.end_day} * 1440 + w.end_min;
    if (e > s && w.end_day < next_year) return w;
  }
}

Window draw_fire_moment(int kind, int year, Rng& rng) {
  Window w = kind == 0   ? point(year, kOfficeDays, kFlat, kAlarmHours, rng)
             : kind == 1 ? point(year, kWeekendNights, kFlat, kFireHours, rng)
                         : point(year, kAllDays, kSummer, kDayHours, rng);
  w.start_min = avoid_clock_change(w.start_day, w.start_min);
  return w;
}

void append_date_dmy(std::string& out, std::int32_t day) {
  const Date d = civil_from_days(day);
  append_int(out, d.day, 2);
  out += '-';
  append_int(out, d.month, 2);
  out += '-';
  append_int(out, d.year, 4);
}

void append_date_iso(std::string& out, std::int32_t day) {
  const Date d = civil_from_days(day);
  append_int(out, d.year, 4);
  out += '-';
  append_int(out, d.month, 2);
  out += '-';
  append_int(out, d.day, 2);
}

void append_hhmm(std::string& out, int minutes) {
  append_int(out, minutes / 60, 2);
  out += ':';
  append_int(out, minutes % 60, 2);
}

void append_police_row(std::string& out, const PoliceFields& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ';';
    append_csv_field(out, fields[i], ';');
  }
  out += "\r\n";
}

}  // namespace kvo::gen
