#include "cli/summary_output.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include "io/core/errors.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

std::string summary_text(const nlohmann::json& summary) {
  return summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void emit_summary(const nlohmann::json& summary, const std::string& target, std::ostream& out) {
  if (target.empty()) return;
  const std::string text = summary_text(summary);
  if (target == "-") {
    out << text;
    return;
  }
  const fs::path path = fs::absolute(target);
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
  {
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    if (!f) throw io::IoError("cannot write the summary", io::at(target));
    f << text;
    f.close();
    if (!f) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw io::IoError("cannot write the summary (disk full?)", io::at(target));
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw io::IoError("cannot move the summary into place: " + ec.message(), io::at(target));
  }
}

}  // namespace kvo::cli
