#pragma once
// The command-line interface as a library: `kvo` is `run(args)`; tests call it in-process.

#include <iosfwd>
#include <string>
#include <vector>

namespace kvo::cli {

/// Exit codes of every command.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

/// Runs kvo with `args` (without the program name); results to `out`, progress and
/// messages to `err`. Returns the exit status.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kvo::cli
