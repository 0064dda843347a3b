// kvo_generate: writes the Zuidhaven demo data set, large synthetic police exports and a
// synthetic national export with its KVO areas.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

#include "data/generator/bulk_police.hpp"
#include "data/generator/country.hpp"
#include "data/generator/demo.hpp"

namespace {

constexpr const char* kHelp = R"(kvo_generate — synthetic data for kvo (deterministic: same arguments, same bytes)

Usage:
  kvo_generate demo OUTDIR
      Writes the Zuidhaven demo (the files committed in data/demo, all but README.md):
      kvo_gebieden.geojson, buurten.shp/.shx/.dbf/.prj/.cpg, politie_2023.csv,
      politie_2025.csv, brandweer_2023.xlsx, brandweer_2025.xlsx, schouw_2023.geojson,
      schouw_2025.geojson, enquete_2023.csv, enquete_2025.csv, politie_buurt_maand.csv,
      nulmeting.toml, vervolgmeting.toml and expected_rejects.csv. Prints the planted
      facts (hotspot counts, survey shares, rows per file) on stdout.

  kvo_generate police-csv --rows N --seed S --out FILE [--years Y1[-Y2]] [--bad-share F]
                          [--rejects FILE]
      Writes a large police export in the demo's format (Windows-1252, ';', decimal
      comma, CRLF, the same header) over a 20 km x 20 km region of RD New
      (x 145000-165000, y 403000-423000), clustered around 60 synthetic towns.
        --rows N        data records (header not counted), up to 10 million or more
        --seed S        random seed (unsigned 64-bit)
        --out FILE      the CSV to write
        --years Y1-Y2   start dates spread over these years (default 2023)
        --bad-share F   share of rows with one planted fault (default 0.01)
        --rejects FILE  also write the bad rows as source_file,row,reason

  kvo_generate country --seed S --out DIR [--towns N] [--areas M] [--rows-per-year R]
                       [--years Y1[-Y2]] [--bad-share F]
      Writes a national police export and the KVO areas to analyse from it, over a
      synthetic Netherlands (RD New, x 13000-278000, y 306000-619000), into DIR:
        politie.csv           the police-csv format; records clustered around N towns (the
                              largest at real city centres, spread 500-4000 m), 10 % anywhere,
                              half the shop and business crime in the KVO areas
        kvo_gebieden.geojson  M KVO areas (0.5-1.5 km across) in those towns: code, naam,
                              soort (kvo_winkelgebied or kvo_bedrijventerrein); EPSG:28992
        nederland.geojson     one polygon around the whole country (code NL, naam Nederland)
        --seed S            random seed (unsigned 64-bit)
        --out DIR           folder to write (created when missing)
        --towns N           towns (default 350)
        --areas M           KVO areas (default 1000)
        --rows-per-year R   police records per year (default 420000)
        --years Y1-Y2       start dates spread over these years (default 2023-2024)
        --bad-share F       share of rows with one planted fault (default 0.01)

  kvo_generate --help
      This text.

Exit status: 0 done, 1 failure (cannot write), 2 usage error.
)";

int usage(const std::string& problem) {
  std::fprintf(stderr, "kvo_generate: %s\nRun 'kvo_generate --help' for usage.\n", problem.c_str());
  return 2;
}

bool parse_int(std::string_view s, long long& out) {
  if (s.empty()) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || v > (9'000'000'000'000'000'000LL - 9) / 10) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool parse_years(std::string_view v, int& first, int& last) {
  const auto dash = v.find('-');
  long long y1 = 0, y2 = 0;
  if (!parse_int(v.substr(0, dash), y1) || (dash != std::string_view::npos && !parse_int(v.substr(dash + 1), y2)))
    return false;
  if (dash == std::string_view::npos) y2 = y1;
  if (y1 < 1900 || y2 > 2100 || y2 < y1) return false;
  first = static_cast<int>(y1), last = static_cast<int>(y2);
  return true;
}

bool parse_share(std::string_view v, double& share) {
  char* end = nullptr;
  const std::string s(v);
  share = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size() && share >= 0 && share <= 1;
}

int police_csv(int argc, char** argv) {
  kvo::gen::BulkPoliceOptions o;
  bool have_rows = false, have_seed = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (i + 1 >= argc) return usage("option " + std::string(a) + " needs a value");
    const std::string_view v = argv[++i];
    long long n = 0;
    if (a == "--rows") {
      if (!parse_int(v, n)) return usage("--rows needs a whole number");
      o.rows = n, have_rows = true;
    } else if (a == "--seed") {
      if (!parse_int(v, n)) return usage("--seed needs a whole number");
      o.seed = static_cast<std::uint64_t>(n), have_seed = true;
    } else if (a == "--out") {
      o.out = std::string(v);
    } else if (a == "--rejects") {
      o.rejects = std::string(v);
    } else if (a == "--years") {
      if (!parse_years(v, o.first_year, o.last_year)) return usage("--years needs YEAR or FROM-TO within 1900-2100");
    } else if (a == "--bad-share") {
      if (!parse_share(v, o.bad_share)) return usage("--bad-share needs a number from 0 to 1");
    } else {
      return usage("unknown option " + std::string(a));
    }
  }
  if (!have_rows || !have_seed || o.out.empty()) return usage("police-csv needs --rows, --seed and --out");
  const auto t0 = std::chrono::steady_clock::now();
  const auto bad = kvo::gen::write_bulk_police(o);
  const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  std::fprintf(stderr, "kvo_generate: wrote %lld rows (%lld planted bad) to %s in %.2f s\n",
               static_cast<long long>(o.rows), static_cast<long long>(bad), o.out.string().c_str(), dt.count());
  return 0;
}

int country(int argc, char** argv) {
  kvo::gen::CountryOptions o;
  bool have_seed = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (i + 1 >= argc) return usage("option " + std::string(a) + " needs a value");
    const std::string_view v = argv[++i];
    long long n = 0;
    if (a == "--towns") {
      if (!parse_int(v, n) || n < 1 || n > 100'000) return usage("--towns needs a whole number from 1 to 100000");
      o.towns = static_cast<int>(n);
    } else if (a == "--areas") {
      if (!parse_int(v, n) || n < 1 || n > 100'000) return usage("--areas needs a whole number from 1 to 100000");
      o.areas = static_cast<int>(n);
    } else if (a == "--rows-per-year") {
      if (!parse_int(v, n) || n > 1'000'000'000) return usage("--rows-per-year needs a whole number");
      o.rows_per_year = n;
    } else if (a == "--seed") {
      if (!parse_int(v, n)) return usage("--seed needs a whole number");
      o.seed = static_cast<std::uint64_t>(n), have_seed = true;
    } else if (a == "--out") {
      o.out_dir = std::string(v);
    } else if (a == "--years") {
      if (!parse_years(v, o.first_year, o.last_year)) return usage("--years needs YEAR or FROM-TO within 1900-2100");
    } else if (a == "--bad-share") {
      if (!parse_share(v, o.bad_share)) return usage("--bad-share needs a number from 0 to 1");
    } else {
      return usage("unknown option " + std::string(a));
    }
  }
  if (!have_seed || o.out_dir.empty()) return usage("country needs --seed and --out");
  std::filesystem::create_directories(o.out_dir);
  const auto t0 = std::chrono::steady_clock::now();
  const auto s = kvo::gen::write_country(o);
  const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  std::fprintf(stderr,
               "kvo_generate: wrote %lld police rows (%lld planted bad), %d towns and %d KVO areas (%d shopping "
               "areas, %d business parks) to %s in %.2f s\n",
               static_cast<long long>(s.rows), static_cast<long long>(s.bad_rows), o.towns, o.areas, s.shopping_areas,
               s.business_parks, o.out_dir.string().c_str(), dt.count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) return usage("missing command (demo, police-csv or country)");
    const std::string_view cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if (cmd == "demo") {
      if (argc != 3) return usage("demo needs exactly one argument: OUTDIR");
      return kvo::gen::run_demo(argv[2]);
    }
    if (cmd == "police-csv") return police_csv(argc, argv);
    if (cmd == "country") return country(argc, argv);
    return usage("unknown command '" + std::string(cmd) + "'");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kvo_generate: %s\n", e.what());
    return 1;
  }
}
