#include <fstream>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/run.hpp"
#include "io/errors.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

namespace {

// Writes the JSON summary to a path or stdout.
void emit_summary(const nlohmann::json& summary, const std::string& target, std::ostream& out) {
  if (target.empty()) return;
  if (target == "-") {
    out << summary.dump(2) << "\n";
    return;
  }
  std::ofstream f(target);
  if (!f) throw io::IoError("cannot write the summary", io::at(target));
  f << summary.dump(2) << "\n";
}

std::string one_line(const std::exception& e) {
  std::string m = e.what();
  return m;
}

}  // namespace

int command_run(const std::vector<std::string>& specs, const RunOptions& run, const CommonOptions& common,
                std::ostream& out, std::ostream& err) {
  int failed = 0;
  nlohmann::json summaries = nlohmann::json::array();
  for (const auto& spec_path : specs) {
    ProgressPrinter progress(err, common.quiet);
    nlohmann::json summary = {{"spec", spec_path}, {"status", "failed"}};
    try {
      Analysis a = read_inputs(spec_path, run, progress);
      compute(a, run, progress);
      const auto violations = reject_share_violations(a);
      if (!violations.empty()) {
        summary = summary_json(a, {});
        summary["status"] = "failed";
        summary["error"] = violations;
        throw io::InputError(violations.front() + (violations.size() > 1 ? " (and " + std::to_string(violations.size() - 1) + " more)" : ""));
      }
      const fs::path written = write_output(a, run, progress);
      progress.finish();
      for (const auto& w : a.warnings)
        if (!common.quiet) err << "warning: " << w << "\n";
      summary = summary_json(a, written);
      summary["status"] = "ok";
      std::int64_t read = summary["totals"]["read"], accepted = summary["totals"]["accepted"],
                   rejected = summary["totals"]["rejected"];
      out << "ok  " << spec_path << " -> " << written.string() << "  (" << read << " read, " << accepted
          << " accepted, " << rejected << " rejected)\n";
    } catch (const io::Error& e) {
      ++failed;
      if (!common.quiet) err << "\n";
      err << "kvo: " << one_line(e) << "\n";
      out << "FAILED  " << spec_path << "\n";
      if (!summary.contains("error")) summary["error"] = e.what();
    } catch (const std::exception& e) {
      ++failed;
      err << "\nkvo: " << spec_path << ": internal error: " << e.what() << "\n";
      out << "FAILED  " << spec_path << "\n";
      summary["error"] = e.what();
    }
    summaries.push_back(summary);
  }
  try {
    emit_summary(specs.size() == 1 ? summaries[0] : nlohmann::json{{"runs", summaries}}, common.summary_json, out);
  } catch (const io::Error& e) {
    err << "kvo: " << e.what() << "\n";
    return kExitFailed;
  }
  if (specs.size() > 1) out << (specs.size() - static_cast<std::size_t>(failed)) << " of " << specs.size() << " specs done\n";
  return failed ? kExitFailed : kExitOk;
}

int command_check(const std::vector<std::string>& specs, const CommonOptions& common, std::ostream& out,
                  std::ostream& err) {
  int failed = 0;
  nlohmann::json summaries = nlohmann::json::array();
  for (const auto& spec_path : specs) {
    ProgressPrinter progress(err, true);
    try {
      Analysis a = read_inputs(spec_path, RunOptions{}, progress);
      out << spec_path << ": spec and inputs are readable; " << a.areas.size() << " areas\n";
      for (const auto& w : a.warnings) out << "warning: " << w << "\n";
      print_source_table(out, a);
      for (const auto& v : reject_share_violations(a)) {
        out << "FAIL: " << v << "\n";
        ++failed;
      }
      auto s = summary_json(a, {});
      s["status"] = "checked";
      summaries.push_back(s);
    } catch (const io::Error& e) {
      ++failed;
      err << "kvo: " << e.what() << "\n";
      summaries.push_back({{"spec", spec_path}, {"status", "failed"}, {"error", e.what()}});
    }
  }
  try {
    emit_summary(specs.size() == 1 ? summaries[0] : nlohmann::json{{"runs", summaries}}, common.summary_json, out);
  } catch (const io::Error& e) {
    err << "kvo: " << e.what() << "\n";
    return kExitFailed;
  }
  return failed ? kExitFailed : kExitOk;
}

}  // namespace kvo::cli
