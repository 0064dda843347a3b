#include <catch2/catch.hpp>

#include <string>

#include "io/read/source_data.hpp"

using kvo::io::StringColumn;

TEST_CASE("A string column keeps strings in order, empty ones included", "[io][columns]") {
  StringColumn c;
  c.push_back("");
  c.push_back("");
  c.push_back("Winkelcentrum 't Zand");
  c.push_back("");
  c.push_back("PL1900");
  REQUIRE(c.size() == 5);
  CHECK(c[0].empty());
  CHECK(c[1].empty());
  CHECK(c[2] == "Winkelcentrum 't Zand");
  CHECK(c[3].empty());
  CHECK(c[4] == "PL1900");
}

TEST_CASE("A column of only empty strings has a size and empty strings", "[io][columns]") {
  StringColumn c;
  for (int i = 0; i < 1000; ++i) c.push_back("");
  CHECK(c.size() == 1000);
  CHECK(c[999].empty());
  c.filter(std::vector<std::uint8_t>(1000, 1));
  CHECK(c.size() == 1000);
  std::vector<std::uint8_t> keep(1000, 0);
  keep[3] = keep[500] = 1;
  c.filter(keep);
  CHECK(c.size() == 2);
}

TEST_CASE("Filtering keeps the flagged strings, in order", "[io][columns]") {
  StringColumn c;
  for (const char* s : {"a", "", "ccc", "dd", "", "ffff"}) c.push_back(s);
  c.filter({0, 1, 1, 0, 1, 1});
  REQUIRE(c.size() == 4);
  CHECK(c[0].empty());
  CHECK(c[1] == "ccc");
  CHECK(c[2].empty());
  CHECK(c[3] == "ffff");
  c.push_back("g");  // still appendable after compacting
  CHECK(c[4] == "g");
}

TEST_CASE("Growing, copying and appending keep every string", "[io][columns]") {
  StringColumn c;
  for (int i = 0; i < 100000; ++i) c.push_back("id-" + std::to_string(i));
  const StringColumn copy = c;
  StringColumn joined;
  joined.push_back("");
  joined.append(copy);
  REQUIRE(joined.size() == 100001);
  CHECK(joined[0].empty());
  CHECK(joined[1] == "id-0");
  CHECK(joined[100000] == "id-99999");
  StringColumn moved = std::move(c);
  CHECK(moved[54321] == "id-54321");
  c = copy;  // a moved-from column can be assigned again
  CHECK(c[99999] == "id-99999");
}

TEST_CASE("Filtering everything away leaves an empty column, whatever it held", "[io][columns]") {
  StringColumn c;
  c.push_back("");
  c.push_back("a");
  c.filter({0, 0});
  CHECK(c.size() == 0);
  c.push_back("");
  CHECK(c.size() == 1);
  StringColumn d;
  d.push_back("x");
  StringColumn e = std::move(d);
  CHECK(d.size() == 0);  // NOLINT(bugprone-use-after-move): moved-from is empty and usable
  d.push_back("y");
  CHECK(d[0] == "y");
  CHECK(e[0] == "x");
}
