#include <catch2/catch.hpp>

#include "io/gpkg/sql_text.hpp"

TEST_CASE("SQL literals and identifiers quote any text", "[io][sql]") {
  using kvo::io::sql_identifier;
  using kvo::io::sql_literal;
  CHECK(sql_literal("Winkelcentrum 't Zand") == "'Winkelcentrum ''t Zand'");
  CHECK(sql_literal("'s-Hertogenbosch") == "'''s-Hertogenbosch'");
  CHECK(sql_literal("") == "''");
  CHECK(sql_literal("say \"hi\"") == "'say \"hi\"'");
  CHECK(sql_identifier("area_id") == "\"area_id\"");
  CHECK(sql_identifier("punten \"oost\" 't Zand") == "\"punten \"\"oost\"\" 't Zand\"");
}
