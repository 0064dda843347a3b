// Fuzzes the spec parser as `kvo run` uses it: TOML → checked AnalysisSpec, periods
// resolved, and the spec echoed as JSON (manifest). Invalid specs throw ConfigError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/core/errors.hpp"
#include "io/core/spec.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);  // a spec without as_of: deterministic runs
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    kvo::io::AnalysisSpec spec = kvo::io::parse_spec(text, "/fuzz/spec.toml");
    kvo::io::resolve_periods(spec);
    (void)kvo::io::spec_to_json(spec).dump();
    kvo::io::resolve_periods(spec, 19000);  // as after reading sources (end = "newest_record")
  } catch (const kvo::io::ConfigError&) {
    // The documented answer to an invalid spec.
  }
  return 0;
}
