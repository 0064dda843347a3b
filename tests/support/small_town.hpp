#pragma once
// A tiny but complete kvo input set written into a temporary folder: two areas (one
// invalid), a police CSV in Windows-1252 with a few bad rows, a taxonomy and specs for a
// baseline (2023) and a follow-up (2025).

#include <string>

#include "support/temp_dir.hpp"

namespace kvo::test {

inline std::string small_town_spec(const std::string& period, const std::string& from, const std::string& to,
                                   const std::string& csv, const std::string& extra = "") {
  return "title = \"KVO Winkelcentrum 't Zand\"\nas_of = 2026-01-31\n"
         "[areas]\npath = \"gebieden 's-Hertogenbosch.geojson\"\nid = \"code\"\nname = \"naam\"\n"
         "[periods." + period + "]\nfrom = " + from + "\nto = " + to + "\n"
         "[[sources]]\nname = \"politie\"\nkind = \"police\"\npath = \"" + csv + "\"\n"
         "x = \"x_rd\"\ny = \"y_rd\"\nid = \"nr\"\nstart = [\"van\", \"tijd\"]\ncode = \"klasse\"\n"
         "date_format = \"%d-%m-%Y\"\ntaxonomy = \"tax.csv\"\n"
         "[hotspots]\npermutations = 99\n[density]\ncell_size = 50\n" + extra;
}

/// The baseline spec with `code` out of scope (the source's `exclude`).
inline std::string small_town_spec_excluding(const std::string& code) {
  std::string spec = small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv");
  const std::string anchor = "taxonomy = \"tax.csv\"\n";
  spec.replace(spec.find(anchor), anchor.size(), anchor + "exclude = [\"" + code + "\"]\n");
  return spec;
}

/// Police rows: `n` valid incidents in the year, clustered around (150250, 410250), plus 3 bad rows.
inline std::string small_town_police(int year, int n) {
  std::string s = "nr;van;tijd;klasse;x_rd;y_rd\r\n";
  for (int i = 0; i < n; ++i) {
    const int day = 1 + i % 28, month = 1 + (i / 28) % 12;
    const double x = 150000 + (i * 37 % 1000) * (i % 3 == 0 ? 0.3 : 1.0);
    const double y = 410000 + (i * 91 % 1000) * (i % 3 == 0 ? 0.3 : 1.0);
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.1f;%.1f", x, y);
    for (char* c = coords; *c; ++c)
      if (*c == '.') *c = ',';  // decimal comma, as police exports write it
    char row[160];
    std::snprintf(row, sizeof row, "P%d-%d;%02d-%02d-%d;%02d:%02d;%s;%s\r\n", year, i, day, month, year, i % 24,
                  (i * 7) % 60, i % 2 ? "2.5.2 Winkeldiefstal" : "1.1.1 Diefstal/inbraak woning", coords);
    s += row;
  }
  s += "BAD1;01-01-" + std::to_string(year) + ";10:00;2.5.2 Winkeldiefstal;;410500\r\n";
  s += "BAD2;31-02-" + std::to_string(year) + ";10:00;2.5.2 Winkeldiefstal;150500;410500\r\n";
  s += "BAD3;01-03-" + std::to_string(year) + ";10:00;9.9.9 Onbekend;150500;410500\r\n";
  return s;
}

/// Writes the areas, taxonomy, both police exports and both specs; returns nothing.
inline void write_small_town(const TempDir& dir, int n_baseline = 300, int n_followup = 200) {
  dir.write("gebieden 's-Hertogenbosch.geojson",
            R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"WC01","naam":"Winkelcentrum 't Zand"},"geometry":{"type":"Polygon","coordinates":[[[150000,410000],[150500,410000],[150500,410500],[150000,410500],[150000,410000]]]}},
{"type":"Feature","properties":{"code":"BU02","naam":"'s-Gravenhof"},"geometry":{"type":"Polygon","coordinates":[[[150500,410000],[151000,411000],[151000,410000],[150500,411000],[150500,410000]]]}},
{"type":"Feature","properties":{"code":"BU03","naam":"Café-kwartier"},"geometry":{"type":"Polygon","coordinates":[[[150000,410500],[150500,410500],[150500,411000],[150000,411000],[150000,410500]]]}}]})");
  dir.write("tax.csv", "code,label,theme\n2.5.2,Winkeldiefstal,shoplifting\n1.1.1,Diefstal/inbraak woning,burglary\n");
  dir.write("politie 2023.csv", small_town_police(2023, n_baseline));
  dir.write("politie 2025.csv", small_town_police(2025, n_followup));
  dir.write("nulmeting.toml", small_town_spec("baseline", "2023-01-01", "2023-12-31", "politie 2023.csv"));
  dir.write("vervolgmeting.toml", small_town_spec("followup", "2025-01-01", "2025-12-31", "politie 2025.csv"));
}

}  // namespace kvo::test
