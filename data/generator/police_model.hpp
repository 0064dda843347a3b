#pragma once
// What a police registration looks like: the offence catalogue (maatschappelijke klasse
// codes with their labels), when each kind of offence happens (point in time or a time
// window, by hour, weekday and month), typical descriptions, and the CSV row layout of a
// police export. Shared by the demo and the bulk generator.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "data/generator/rng.hpp"

namespace kvo::gen {

/// The offences the generator writes, in catalogue order.
enum class Offence : std::uint8_t {
  home_burglary,        ///< 1.1.1
  shed_burglary,        ///< 1.1.2
  theft_from_vehicle,   ///< 1.2.1
  vehicle_theft,        ///< 1.2.2
  bicycle_theft,        ///< 1.2.3
  pickpocketing,        ///< 1.2.4
  other_vehicle_theft,  ///< 1.2.5
  public_violence,      ///< 1.4.3
  threat,               ///< 1.4.4
  assault,              ///< 1.4.5
  street_robbery,       ///< 1.4.6
  robbery,              ///< 1.4.7
  arson,                ///< 1.6.1
  drugs_nuisance,       ///< 2.1.1
  vandalism,            ///< 2.2.1
  business_burglary,    ///< 2.5.1
  shoplifting,          ///< 2.5.2
};

/// Number of offences.
inline constexpr std::size_t kOffenceCount = 17;

/// "code label" as written in the maatschappelijke_klasse column (UTF-8).
std::string_view offence_label(Offence o);

/// Typical descriptions (omschrijving) of an offence (UTF-8, Windows-1252-encodable).
std::span<const std::string_view> offence_remarks(Offence o);

/// A second line some descriptions get (written inside quotes with an embedded newline).
std::span<const std::string_view> follow_up_lines();

/// When an offence happened, as Amsterdam wall-clock time.
struct Window {
  std::int32_t start_day = 0;  ///< days since 1970-01-01
  int start_min = 0;           ///< minutes after local midnight
  bool has_end = false;        ///< false: a point in time (the "tot" pair stays empty)
  bool end_date_given = true;  ///< false: only pleegtijd_tot is written (same or next day)
  std::int32_t end_day = 0;
  int end_min = 0;
};

/// Draws a start (and end) for an offence in `year`; start and end both fall in that year,
/// the end after the start, and never in the hour clocks skip or repeat.
Window draw_window(Offence o, int year, Rng& rng);

/// Draws a moment for a fire-brigade call: `kind` 0 = automatic alarm (office hours),
/// 1 = fire (evening and night), 2 = assistance (daytime).
Window draw_fire_moment(int kind, int year, Rng& rng);

/// Draws a day of `year` with the given relative weekday (Mon…Sun) and month weights.
std::int32_t draw_day(int year, const std::array<double, 7>& weekday_w, const std::array<double, 12>& month_w,
                      Rng& rng);

/// Appends "dd-mm-jjjj".
void append_date_dmy(std::string& out, std::int32_t day);
/// Appends "jjjj-mm-dd".
void append_date_iso(std::string& out, std::int32_t day);
/// Appends "HH:MM".
void append_hhmm(std::string& out, int minutes);

/// The header line of a police export (without line end).
inline constexpr std::string_view kPoliceHeader =
    "registratienummer;pleegdatum_van;pleegtijd_van;pleegdatum_tot;pleegtijd_tot;"
    "maatschappelijke_klasse;straat;x_rd;y_rd;omschrijving";

/// The ten text fields of one police export row, in column order.
using PoliceFields = std::array<std::string_view, 10>;

/// Appends one row: fields joined by ';', quoted where needed, CRLF line end.
void append_police_row(std::string& out, const PoliceFields& fields);

}  // namespace kvo::gen
