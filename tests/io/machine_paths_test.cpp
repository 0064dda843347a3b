#include <catch2/catch.hpp>

#include "io/core/machine_paths.hpp"

using kvo::io::MachinePaths;

TEST_CASE("machine folders are removed from text: relative below the spec, a bare name elsewhere", "[io][paths]") {
  MachinePaths paths("/srv/kvo/Winkelcentrum 't Zand");
  paths.add_file("/srv/kvo/Winkelcentrum 't Zand/bronnen/politie.csv");
  paths.add_file("/data/exports/brandweer 2023.xlsx");
  paths.add_file("/data/exports/2025/brandweer.xlsx");
  CHECK(paths.strip("/srv/kvo/Winkelcentrum 't Zand/bronnen/politie.csv") == "bronnen/politie.csv");
  CHECK(paths.strip("/data/exports/brandweer 2023.xlsx:12: bad date") == "brandweer 2023.xlsx:12: bad date");
  CHECK(paths.strip("/data/exports/2025/brandweer.xlsx") == "brandweer.xlsx");  // the longer folder first
  // A folder that only appears inside another path is left alone.
  CHECK(paths.strip("/mnt/data/exports/x.csv") == "/mnt/data/exports/x.csv");
  CHECK(paths.strip("see '/data/exports/a.csv' and \"/data/exports/b.csv\"") == "see 'a.csv' and \"b.csv\"");
}

TEST_CASE("machine folders are removed from every string of a JSON document, keys included", "[io][paths]") {
  MachinePaths paths("/home/analist/kvo");
  const auto out =
      paths.strip_json(nlohmann::json{{"spec", "/home/analist/kvo/nulmeting.toml"},
                                      {"sources", {{{"path", "/home/analist/kvo/politie.csv"}, {"read", 12}}}},
                                      {"/home/analist/kvo/x", true}});
  CHECK(out["spec"] == "nulmeting.toml");
  CHECK(out["sources"][0]["path"] == "politie.csv");
  CHECK(out["sources"][0]["read"] == 12);
  CHECK(out.contains("x"));
}
