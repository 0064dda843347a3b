// Fuzzes kvo's own CSV record splitter (the taxonomy tables; incident CSVs are split by
// GDAL's CSV driver) and the code matching that uses what it read.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/themes.hpp"
#include "io/core/errors.hpp"
#include "io/read/taxonomy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  kvo::io::Taxonomy taxonomy;
  try {
    std::istringstream in(text);
    taxonomy = kvo::io::Taxonomy::parse_csv(in, "fuzz.csv");
  } catch (const kvo::io::InputError&) {
    // The documented answer to a malformed table; classify the lines against an empty one.
  }
  // Every line is also a category value as found in a source.
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto eol = rest.find('\n');
    const auto line = rest.substr(0, eol);
    // A code maps to one of the themes or to "out of scope"; nothing else may come back.
    const auto theme = taxonomy.classify(line);
    if (theme && *theme >= kvo::engine::kThemeCount && *theme != kvo::io::Taxonomy::kExcluded) __builtin_trap();
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
  }
  (void)taxonomy.fingerprint();
  return 0;
}
