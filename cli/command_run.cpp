#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/failure.hpp"
#include "cli/ordered_batch.hpp"
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

namespace {

// One spec of a run: its summary entry, and whether it failed. `human` gets the "ok"/"FAILED"
// line, `err` the warnings and the error.
bool run_spec(const std::string& spec_path, const RunOptions& run, const CommonOptions& common, SourceCache& cache,
              ProgressPrinter& progress, bool progress_shown, std::ostream& human, std::ostream& err,
              nlohmann::json& summary) {
  summary = {{"spec", spec_path}, {"status", "failed"}};
  const auto error = guarded(
      [&] {
        Inputs in = read_inputs(spec_path, run, progress, &cache);
        refuse_output_over_inputs(in, run, output_path(in.spec, run));
        check_output_target(in.spec, run);
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
        human << "ok  " << spec_path << " -> " << written.string() << "  (" << totals_sum(summary["totals"]) << ")\n";
      },
      spec_path);
  if (error) {
    if (progress_shown) err << "\n";
    err << "kvo: " << *error << "\n";
    human << "FAILED  " << spec_path << "\n";
    if (!summary.contains("error")) summary["error"] = *error;
  }
  summary = spec_folder_stripped(spec_path, summary);
  return error.has_value();
}

// What a spec run in parallel printed, held until the specs before it are printed.
struct HeldOutput {
  std::ostringstream human, err;
  nlohmann::json summary;
  bool failed = false;
};

}  // namespace

int command_run(const std::vector<std::string>& specs, const RunOptions& run, const CommonOptions& common,
                std::ostream& out, std::ostream& err) {
  std::ostream& human = human_stream(common, out, err);
  SourceCache cache;  // a source shared by several specs is read once
  nlohmann::json summaries = nlohmann::json::array();
  std::size_t failed = 0;
  // Several specs run side by side, the cores shared out among them; each spec's results
  // do not depend on its thread count, so they equal a run of that spec alone.
  const unsigned cores = run.threads ? run.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto parallel = static_cast<unsigned>(std::min<std::size_t>(cores, specs.size()));
  if (parallel <= 1) {
    for (const auto& spec_path : specs) {
      ProgressPrinter progress(err, common.quiet);
      nlohmann::json summary;
      if (run_spec(spec_path, run, common, cache, progress, !common.quiet, human, err, summary)) ++failed;
      summaries.push_back(std::move(summary));
    }
  } else {
    RunOptions each = run;
    each.threads = std::max(1u, cores / parallel);
    std::vector<HeldOutput> held(specs.size());
    run_in_order(
        specs.size(), parallel,
        [&](std::size_t i) {
          ProgressPrinter silent(err, true);
          held[i].failed =
              run_spec(specs[i], each, common, cache, silent, false, held[i].human, held[i].err, held[i].summary);
        },
        [&](std::size_t i) {
          err << held[i].err.str() << std::flush;
          human << held[i].human.str() << std::flush;
          if (held[i].failed) ++failed;
          summaries.push_back(std::move(held[i].summary));
          held[i] = {};
        });
  }
  const nlohmann::json document = specs.size() == 1 ? summaries[0] : nlohmann::json{{"runs", summaries}};
  if (const auto error = guarded([&] { emit_summary(document, common.summary_json, out); }, common.summary_json)) {
    err << "kvo: " << *error << "\n";
    return kExitFailed;
  }
  if (specs.size() > 1) human << (specs.size() - failed) << " of " << specs.size() << " specs done\n";
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
          const HotspotGridChoice hotspot_grid = resolve_hotspot_grid(in, &method_warnings);
          for (const auto& w : method_warnings) human << "warning: " << w << "\n";
          for (auto& problem : cell_budget_problems(in, hotspot_grid)) violations.push_back(std::move(problem));
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
