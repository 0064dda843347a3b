// kvo_generate: writes the Zuidhaven demo data set and large synthetic police exports.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "data/generator/bulk_police.hpp"
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
      const auto dash = v.find('-');
      long long y1 = 0, y2 = 0;
      if (!parse_int(v.substr(0, dash), y1) || (dash != std::string_view::npos && !parse_int(v.substr(dash + 1), y2)))
        return usage("--years needs YEAR or FROM-TO");
      if (dash == std::string_view::npos) y2 = y1;
      if (y1 < 1900 || y2 > 2100 || y2 < y1) return usage("--years must be a range within 1900-2100");
      o.first_year = static_cast<int>(y1), o.last_year = static_cast<int>(y2);
    } else if (a == "--bad-share") {
      char* end = nullptr;
      const std::string s(v);
      o.bad_share = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size() || !(o.bad_share >= 0 && o.bad_share <= 1))
        return usage("--bad-share needs a number from 0 to 1");
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

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) return usage("missing command (demo or police-csv)");
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
    return usage("unknown command '" + std::string(cmd) + "'");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kvo_generate: %s\n", e.what());
    return 1;
  }
}
