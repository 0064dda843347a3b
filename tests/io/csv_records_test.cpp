#include <catch2/catch.hpp>

#include "io/read/csv_records.hpp"
#include "support/temp_dir.hpp"

using kvo::io::CsvRecordSplitter;
using kvo::io::Encoding;
using kvo::io::escape_record;
using kvo::io::read_csv_records;

namespace {
// Splits `text` fed in pieces of `piece` bytes and keeps the records `wanted`.
std::vector<std::string> split(std::string_view text, std::vector<std::int64_t> wanted, std::size_t piece,
                               std::int64_t* count = nullptr) {
  CsvRecordSplitter s(std::move(wanted));
  for (std::size_t i = 0; i < text.size(); i += piece) s.feed(text.substr(i, piece));
  s.finish();
  if (count) *count = s.records();
  return s.kept();
}
}  // namespace

TEST_CASE("records end at line feeds outside quotes, whatever the chunk boundaries", "[io][csv_records]") {
  const std::string text = std::string("kop;b\r\n") + "1;\"twee\r\nregels\"\r\n" + "\r\n" + "\n" +
                           "3;\"\"\"\";x;y\r\n" + std::string("4;nul\0byte\r\n", 12) + "5;laatste";
  for (std::size_t piece : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, text.size()}) {
    std::int64_t count = 0;
    const auto kept = split(text, {1, 2, 3, 4}, piece, &count);
    INFO("piece " << piece);
    CHECK(count == 5);  // header + 4 data records; the two blank lines are no records
    REQUIRE(kept.size() == 4);
    CHECK(kept[0] == "1;\"twee\r\nregels\"");
    CHECK(kept[1] == "3;\"\"\"\";x;y");
    CHECK(kept[2] == std::string("4;nul\0byte", 10));
    CHECK(kept[3] == "5;laatste");
  }
}

TEST_CASE("a record of a lone carriage return is blank, two are not", "[io][csv_records]") {
  std::int64_t count = 0;
  split("a\r\n\r\nb\n", {}, 4, &count);
  CHECK(count == 2);
  split("a\n\r\r\nb\n", {}, 1, &count);
  CHECK(count == 3);
}

TEST_CASE("escaped records show every byte and can be read back", "[io][csv_records]") {
  CHECK(escape_record(std::string("a\0b", 3), Encoding::utf8) == "a\\x00b");
  CHECK(escape_record("x;\"r1\r\nr2\"", Encoding::utf8) == "x;\"r1\\x0D\\x0Ar2\"");
  CHECK(escape_record("tab\there", Encoding::utf8) == "tab\there");
  CHECK(escape_record("c:\\pad", Encoding::utf8) == "c:\\\\pad");
  // Windows-1252 'ö' (0xF6) becomes UTF-8; in a UTF-8 file the same byte is invalid and escaped.
  CHECK(escape_record("co\xf6rdinaat", Encoding::windows1252) == "co\xc3\xb6rdinaat");
  CHECK(escape_record("co\xf6rdinaat", Encoding::utf8) == "co\\xF6rdinaat");
  CHECK(escape_record("Caf\xc3\xa9", Encoding::utf8) == "Caf\xc3\xa9");
  // auto: valid UTF-8 stays, anything else reads as Windows-1252.
  CHECK(escape_record("Caf\xc3\xa9", Encoding::auto_detect) == "Caf\xc3\xa9");
  CHECK(escape_record("Caf\xe9", Encoding::auto_detect) == "Caf\xc3\xa9");
}

TEST_CASE("records are read back by data row, and not at all when the count disagrees", "[io][csv_records]") {
  kvo::test::TempDir dir;
  const auto path = dir.write("export 't Zand.csv", "nr;x\r\nA;1\r\n\"B\r\nb\";2\r\nC;3;extra\r\n");
  const auto rows = read_csv_records(path, {1, 3}, 3);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "A;1");
  CHECK(rows[1] == "C;3;extra");
  CHECK(read_csv_records(path, {1}, 4).empty());
}
