#pragma once
// A test whose tool is missing is a ctest skip, never a pass: it prints why and ends the
// process with the code tests/CMakeLists.txt registers as SKIP_RETURN_CODE.

#include <cstdlib>
#include <iostream>
#include <string>

namespace kvo::test {

/// The exit code ctest reads as "skipped".
inline constexpr int kSkipReturnCode = 77;

/// Ends this test process as skipped, saying which tool (and Debian package) is missing.
[[noreturn]] inline void skip_test(const std::string& why) {
  std::cout << "SKIPPED: " << why << std::endl;
  std::exit(kSkipReturnCode);
}

}  // namespace kvo::test
