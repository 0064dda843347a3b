#pragma once
// Runs kvo in-process, as the cli tests do: `kvo::cli::run` with captured streams.

#include <sstream>
#include <string>
#include <vector>

#include "cli/run.hpp"
#include "support/temp_dir.hpp"

namespace kvo::test {

/// Exit code and the two streams of one in-process kvo run.
struct Outcome {
  int code;
  std::string out, err;
};

/// Runs `kvo ARGS…` in-process.
inline Outcome kvo_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = kvo::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

/// The path of `name` inside a test folder, as a string argument.
inline std::string path_in(const TempDir& dir, const std::string& name) { return (dir.path() / name).string(); }

}  // namespace kvo::test
