#include "cli/run.hpp"

#include <ostream>

namespace kvo::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << "usage: kvo COMMAND ...\n";
    return kExitUsage;
  }
  if (args[0] == "--version") {
    out << "kvo " << KVO_VERSION << "\n";
    return kExitOk;
  }
  err << "kvo: unknown command '" << args[0] << "'\n";
  return kExitUsage;
}

}  // namespace kvo::cli
