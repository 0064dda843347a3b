#include "cli/run.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>

#include "cli/command_export.hpp"
#include "cli/command_report.hpp"
#include "cli/commands.hpp"
#include "cli/failure.hpp"

namespace kvo::cli {

namespace {

constexpr const char* kDescription =
    "kvo — incident analysis for KVO safety partnerships: hotspots, density and\n"
    "baseline/follow-up comparison, written as styled GeoPackages for QGIS.";

struct Parsed {
  std::vector<std::string> specs;
  std::string output;
  std::string baseline;
  bool allow_method_change = false;
  std::string summary_json;
  bool quiet = false;
  unsigned threads = 0;
  std::string gpkg;
  std::string report_out;
  std::string report_language;
  std::string help_topic;
};

void build(CLI::App& app, Parsed& p) {
  app.description(kDescription);
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("kvo ") + KVO_VERSION);
  app.footer("Run 'kvo help COMMAND' for a command's options. Exit status: 0 done, 1 failed, 2 usage error.");

  auto* run = app.add_subcommand("run", "Analyse one or more specs and write a GeoPackage for each");
  run->add_option("specs", p.specs, "Spec files (TOML); several run in turn")->required()->check(CLI::ExistingFile);
  run->add_option(
      "-o,--output", p.output,
      "Output GeoPackage, or PostGIS as \"PG:dbname=… active_schema=…\" (one spec only; default: the spec's output)");
  run->add_option("--baseline", p.baseline, "Baseline GeoPackage whose method the follow-up repeats")
      ->check([](const std::string& v) -> std::string {
        if (v.rfind("PG:", 0) != 0) return {};
        return "a baseline is read from its GeoPackage, not from PostgreSQL: keep the baseline run's GeoPackage "
               "(kvo run … -o nulmeting.gpkg, then kvo export nulmeting.gpkg -o PG:…)";
      })
      ->check(CLI::ExistingFile);
  run->add_flag("--allow-method-change", p.allow_method_change,
                "Allow method keys that differ from the baseline (recorded in the manifest)");
  run->add_option("--summary-json", p.summary_json, "Write the run's counts as JSON to PATH, or '-' for stdout");
  run->add_flag("-q,--quiet", p.quiet, "No progress on stderr");
  run->add_option("--threads", p.threads, "Worker threads (default: all cores)");

  auto* check = app.add_subcommand("check", "Read and validate specs and inputs, write nothing, report rejects");
  check->add_option("specs", p.specs, "Spec files (TOML)")->required()->check(CLI::ExistingFile);
  check->add_option("--summary-json", p.summary_json, "Write the counts as JSON to PATH, or '-' for stdout");

  auto* inspect = app.add_subcommand("inspect", "Show what a kvo GeoPackage holds");
  inspect->add_option("gpkg", p.gpkg, "A GeoPackage written by kvo")->required();

  auto* report = app.add_subcommand("report", "Write a self-contained HTML report (maps, charts, tables) of a kvo GeoPackage");
  report->add_option("gpkg", p.gpkg, "A GeoPackage written by kvo")->required();
  report->add_option("-o,--output", p.report_out, "HTML file to write (default: the GeoPackage's name with .html)");
  report->add_option("--language", p.report_language, "nl | en (default: the spec's language)")
      ->check(CLI::IsMember({"nl", "en"}));

  auto* exp = app.add_subcommand(
      "export",
      "Write the working group's tables of a kvo GeoPackage as a workbook (.xlsx or .ods), or publish it to PostGIS");
  exp->add_option("gpkg", p.gpkg, "A GeoPackage written by kvo")->required();
  exp->add_option(
      "-o,--output", p.report_out,
      "Workbook to write, .xlsx or .ods (default: the GeoPackage's name with .xlsx), or PG:… to publish the "
      "GeoPackage");
  exp->add_option("--language", p.report_language, "nl | en (default: the spec's language)")
      ->check(CLI::IsMember({"nl", "en"}));

  auto* help = app.add_subcommand("help", "Show help for a command");
  help->add_option("command", p.help_topic, "run | check | inspect | report | export");
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{kDescription, "kvo"};
  Parsed p;
  build(app, p);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "kvo " << KVO_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << "kvo: " << e.what() << "\n";
    err << "Run 'kvo --help' for usage.\n";
    return kExitUsage;
  }
  if (app.get_subcommands().empty()) {
    out << app.help();
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string cmd = app.get_subcommands().front()->get_name();
  if (cmd == "help") {
    if (p.help_topic.empty()) {
      out << app.help();
      return kExitOk;
    }
    try {
      out << app.get_subcommand(p.help_topic)->help();
      return kExitOk;
    } catch (const CLI::OptionNotFound&) {
      err << "kvo: no command '" << p.help_topic << "'\n";
      return kExitUsage;
    }
  }
  if (cmd == "run" && !p.output.empty() && p.specs.size() > 1) {
    err << "kvo: -o names one output; it cannot be used with several specs\n";
    return kExitUsage;
  }
  // The one catch site: whatever a command throws becomes a message and exit 1.
  int code = kExitUsage;
  const std::string subject = p.gpkg.empty() ? cmd : p.gpkg;
  const auto error = guarded(
      [&] {
        CommonOptions common{p.quiet, p.summary_json};
        if (cmd == "run")
          code = command_run(p.specs, RunOptions{p.output, p.baseline, p.allow_method_change, p.threads}, common, out,
                             err);
        else if (cmd == "check")
          code = command_check(p.specs, common, out, err);
        else if (cmd == "inspect")
          code = command_inspect(p.gpkg, out, err);
        else if (cmd == "report")
          code = command_report({p.gpkg, p.report_out, p.report_language}, out, err);
        else if (cmd == "export")
          code = command_export({p.gpkg, p.report_out, p.report_language}, out);
      },
      subject);
  if (!error) return code;
  err << "kvo: " << *error << "\n";
  return kExitFailed;
}

}  // namespace kvo::cli
