#include <filesystem>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/failure.hpp"
#include "cli/output_guard.hpp"
#include "cli/run.hpp"
#include "cli/summary_output.hpp"
#include "io/core/errors.hpp"
#include "io/core/machine_paths.hpp"
#include "pipeline/analysis.hpp"
#include "pipeline/cell_budget.hpp"
#include "pipeline/scope.hpp"

namespace kvo::cli {

namespace {

// A summary entry with the spec's folder taken out of its text (a run's own summary has
// every input folder taken out already; this covers failures before inputs are known).
nlohmann::json spec_folder_stripped(const std::string& spec_path, const nlohmann::json& entry) {
  io::MachinePaths paths(std::filesystem::absolute(spec_path).parent_path());
  paths.add_file(spec_path);
  return paths.strip_json(entry);
}

}  // namespace

namespace fs = std::filesystem;

namespace {

// Where the human-readable lines go: stderr when stdout carries the JSON summary.
std::ostream& human_stream(const CommonOptions& common, std::ostream& out, std::ostream& err) {
  return common.summary_json == "-" ? err : out;
}

}  // namespace

int command_run(const std::vector<std::string>& specs, const RunOptions& run, const CommonOptions& common,
                std::ostream& out, std::ostream& err) {
  std::ostream& human = human_stream(common, out, err);
  int failed = 0;
  nlohmann::json summaries = nlohmann::json::array();
  for (const auto& spec_path : specs) {
    ProgressPrinter progress(err, common.quiet);
    nlohmann::json summary = {{"spec", spec_path}, {"status", "failed"}};
    auto fail = [&](const std::string& message) {
      ++failed;
      if (!common.quiet) err << "\n";
      err << "kvo: " << message << "\n";
      human << "FAILED  " << spec_path << "\n";
      if (!summary.contains("error")) summary["error"] = message;
    };
    const auto error = guarded(
        [&] {
          Inputs in = read_inputs(spec_path, run, progress);
          refuse_output_over_inputs(in, run, output_path(in.spec, run));
          // Too many rejects fail the run before anything is computed.
          const auto violations = reject_share_violations(in);
          if (!violations.empty()) {
            summary = summary_json(in, in.warnings, nlohmann::json::object(), {});
            summary["status"] = "failed";
            summary["error"] = violations;
            throw io::InputError(violations.front() + (violations.size() > 1
                                                           ? " (and " + std::to_string(violations.size() - 1) + " more)"
                                                           : ""));
          }
          const MethodRecord method = resolve_method(in, run.threads);
          apply_scope(in, method.scope);
          progress.done(Stage::resolve_method);
          const Results results = compute(in, method, run.threads, progress);
          const auto warnings = run_warnings(in, &method, &results);
          const fs::path written = write_output(in, method, results, run, progress);
          progress.finish();
          for (const auto& w : warnings)
            if (!common.quiet) err << "warning: " << w << "\n";
          summary = summary_json(in, warnings, results.findings, written);
          summary["status"] = "ok";
          std::int64_t read = summary["totals"]["read"], accepted = summary["totals"]["accepted"],
                       rejected = summary["totals"]["rejected"];
          human << "ok  " << spec_path << " -> " << written.string() << "  (" << read << " read, " << accepted
                << " accepted, " << rejected << " rejected)\n";
        },
        spec_path);
    if (error) fail(*error);
    summaries.push_back(spec_folder_stripped(spec_path, summary));
  }
  const nlohmann::json document = specs.size() == 1 ? summaries[0] : nlohmann::json{{"runs", summaries}};
  if (const auto error = guarded([&] { emit_summary(document, common.summary_json, out); }, common.summary_json)) {
    err << "kvo: " << *error << "\n";
    return kExitFailed;
  }
  if (specs.size() > 1)
    human << (specs.size() - static_cast<std::size_t>(failed)) << " of " << specs.size() << " specs done\n";
  return failed ? kExitFailed : kExitOk;
}

int command_check(const std::vector<std::string>& specs, const CommonOptions& common, std::ostream& out,
                  std::ostream& err) {
  std::ostream& human = human_stream(common, out, err);
  int failed = 0;
  nlohmann::json summaries = nlohmann::json::array();
  for (const auto& spec_path : specs) {
    ProgressPrinter progress(err, true);
    auto fail = [&](const std::string& message) {
      ++failed;
      err << "kvo: " << message << "\n";
      summaries.push_back(
          spec_folder_stripped(spec_path, {{"spec", spec_path}, {"status", "failed"}, {"error", message}}));
    };
    const auto error = guarded(
        [&] {
          Inputs in = read_inputs(spec_path, RunOptions{}, progress);
          human << spec_path << ": spec and inputs are readable; " << in.areas.size() << " areas\n";
          for (const auto& w : in.warnings) human << "warning: " << w << "\n";
          auto violations = reject_share_violations(in);
          std::vector<std::string> method_warnings;
          const double hotspot_cell = resolve_hotspot_cell_size(in, &method_warnings);
          for (const auto& w : method_warnings) human << "warning: " << w << "\n";
          for (auto& problem : cell_budget_problems(in, hotspot_cell)) violations.push_back(std::move(problem));
          // The study region needs the resolved method, which the budget must allow.
          if (violations.empty()) apply_scope(in, resolve_method(in, 0).scope);
          print_source_table(human, in);
          for (const auto& v : violations) human << "FAIL: " << v << "\n";
          if (!violations.empty()) ++failed;
          auto s = summary_json(in, in.warnings, nlohmann::json::object(), {});
          s["status"] = violations.empty() ? "checked" : "failed";
          if (!violations.empty()) s["error"] = violations;
          summaries.push_back(s);
        },
        spec_path);
    if (error) fail(*error);
  }
  const nlohmann::json document = specs.size() == 1 ? summaries[0] : nlohmann::json{{"runs", summaries}};
  if (const auto error = guarded([&] { emit_summary(document, common.summary_json, out); }, common.summary_json)) {
    err << "kvo: " << *error << "\n";
    return kExitFailed;
  }
  return failed ? kExitFailed : kExitOk;
}

}  // namespace kvo::cli
