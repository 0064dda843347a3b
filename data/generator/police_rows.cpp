#include "data/generator/police_rows.hpp"

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "data/generator/text_out.hpp"
#include "data/generator/town.hpp"

namespace kvo::gen {

namespace {

// Relative frequency of each offence (catalogue order), roughly the national mix.
constexpr std::array<int, kOffenceCount> kMix = {60, 20, 100, 20, 140, 30, 10, 10, 60, 90, 6, 2, 20, 50, 160, 40, 90};

enum class Fault : std::uint8_t {
  none,
  missing_coordinates,
  bad_coordinates,
  outside_extent,
  swapped_coordinates,
  latlon_as_projected,
  missing_date,
  bad_date,
  end_before_start,
  future_date,
  duplicate_id,
  unknown_code,
  missing_code
};
constexpr int kFaultKinds = 12;
constexpr std::array<const char*, kFaultKinds + 1> kFaultNames = {"",
                                                                  "missing_coordinates",
                                                                  "bad_coordinates",
                                                                  "outside_extent",
                                                                  "swapped_coordinates",
                                                                  "latlon_as_projected",
                                                                  "missing_date",
                                                                  "bad_date",
                                                                  "end_before_start",
                                                                  "future_date",
                                                                  "duplicate_id",
                                                                  "unknown_code",
                                                                  "missing_code"};

// Text tables converted to Windows-1252 once, so rows are written without allocation.
struct Tables {
  std::array<std::string, kOffenceCount> labels;
  std::array<std::vector<std::string>, kOffenceCount> remarks;
  std::vector<std::string> follow_ups, streets;
  Tables() {
    for (std::size_t o = 0; o < kOffenceCount; ++o) {
      labels[o] = utf8_to_cp1252(offence_label(static_cast<Offence>(o)));
      for (std::string_view r : offence_remarks(static_cast<Offence>(o))) remarks[o].push_back(utf8_to_cp1252(r));
    }
    for (std::string_view f : follow_up_lines()) follow_ups.push_back(utf8_to_cp1252(f));
    for (std::size_t i = 0; i < street_name_count(); ++i) streets.push_back(utf8_to_cp1252(street_name(i)));
  }
};

}  // namespace

std::int64_t write_police_rows(const PoliceExportOptions& o, Rng& rng, const Placer& place) {
  const Tables tables;
  const int years = o.last_year - o.first_year + 1;

  OutFile out(o.out);
  OutFile* rejects = nullptr;
  std::unique_ptr<OutFile> rejects_file;
  if (!o.rejects.empty()) {
    rejects_file = std::make_unique<OutFile>(o.rejects);
    rejects = rejects_file.get();
    rejects->write("source_file,row,reason\n");
  }
  const std::string source_name = o.out.filename().string();

  std::string line, last_valid, id, date_from, time_from, date_to, time_to, x, y, remark, reject_line;
  out.write(kPoliceHeader);
  out.write("\r\n");
  std::int64_t bad_rows = 0;
  std::uint64_t seq = 0;
  for (std::int64_t row = 1; row <= o.rows; ++row) {
    auto fault = Fault::none;
    if (rng.chance(o.bad_share)) fault = static_cast<Fault>(1 + rng.below(kFaultKinds));
    if (fault == Fault::duplicate_id && last_valid.empty()) fault = Fault::none;
    if (fault == Fault::duplicate_id) {
      out.write(last_valid);  // the same record exported twice: the second is the reject
    } else {
      const auto off = static_cast<Offence>(rng.pick(std::span<const int>(kMix)));
      const auto oi = static_cast<std::size_t>(off);
      const Pt p = place(off, rng);
      const double px = p.x, py = p.y;
      const int year = o.first_year + static_cast<int>(rng.below(static_cast<std::uint64_t>(years)));
      const Window w = draw_window(off, year, rng);

      id.assign("PL1900-");
      append_int(id, year, 4);
      append_int(id, static_cast<std::int64_t>(++seq), 7);
      date_from.clear(), time_from.clear(), date_to.clear(), time_to.clear(), x.clear(), y.clear();
      append_date_dmy(date_from, w.start_day);
      append_hhmm(time_from, w.start_min);
      if (w.has_end) {
        if (w.end_date_given) append_date_dmy(date_to, w.end_day);
        append_hhmm(time_to, w.end_min);
      }
      append_fixed(x, px, 2, ',');
      append_fixed(y, py, 2, ',');
      const auto& rs = tables.remarks[oi];
      remark.clear();
      if (!rng.chance(0.08)) remark = rs[rng.below(rs.size())];
      if (!remark.empty() && rng.chance(0.005)) {
        remark += '\n';
        remark += tables.follow_ups[rng.below(tables.follow_ups.size())];
      }
      std::string_view code = tables.labels[oi];
      const std::string& street = tables.streets[rng.below(tables.streets.size())];

      switch (fault) {
        case Fault::missing_coordinates:
          x.clear(), y.clear();
          break;
        case Fault::bad_coordinates:
          x = "n.b.";
          break;
        case Fault::outside_extent:
          y.clear(), append_fixed(y, py / 10, 2, ',');
          break;  // a digit missing
        case Fault::swapped_coordinates:
          std::swap(x, y);
          break;
        case Fault::latlon_as_projected:  // degrees, by a local linear approximation
          x.clear(), y.clear();
          append_fixed(x, 5.38720 + (px - 155000) / 68000, 5, ',');
          append_fixed(y, 52.15517 + (py - 463000) / 111200, 5, ',');
          break;
        case Fault::missing_date:
          date_from.clear();
          break;
        case Fault::bad_date:
          date_from.replace(0, 5, "31-02");
          break;
        case Fault::end_before_start:
          date_to.clear(), append_date_dmy(date_to, w.start_day - 1);
          time_to = time_from;
          break;
        case Fault::future_date:
          if (date_from.compare(0, 5, "29-02") == 0) date_from[1] = '8';  // 2031 is no leap year
          date_from.replace(6, 4, "2031");
          date_to.clear(), time_to.clear();
          break;
        case Fault::unknown_code:
          code = "9.9.9 Onbekend feit";
          break;
        case Fault::missing_code:
          code = {};
          break;
        case Fault::none:
        case Fault::duplicate_id:
          break;
      }
      line.clear();
      append_police_row(line, {id, date_from, time_from, date_to, time_to, code, street, x, y, remark});
      out.write(line);
      if (fault == Fault::none) last_valid = line;
    }
    if (fault != Fault::none) {
      ++bad_rows;
      if (rejects) {
        reject_line.assign(source_name);
        reject_line += ',';
        append_int(reject_line, row);
        reject_line += ',';
        reject_line += kFaultNames[static_cast<std::size_t>(fault)];
        reject_line += '\n';
        rejects->write(reject_line);
      }
    }
  }
  out.close();
  if (rejects) rejects->close();
  return bad_rows;
}

}  // namespace kvo::gen
