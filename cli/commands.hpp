#pragma once
// The subcommands of kvo. Each returns an exit code (cli/run.hpp).

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/analysis.hpp"

namespace kvo::cli {

/// Options shared by run and check.
struct CommonOptions {
  bool quiet = false;
  std::string summary_json;  ///< path, "-" for stdout, empty for none
};

/// `kvo run SPEC... `: runs each spec in turn; 1 when any failed.
int command_run(const std::vector<std::string>& specs, const RunOptions& run, const CommonOptions& common,
                std::ostream& out, std::ostream& err);
/// `kvo check SPEC...`: reads and validates, writes nothing, reports rejects.
int command_check(const std::vector<std::string>& specs, const CommonOptions& common, std::ostream& out,
                  std::ostream& err);
/// `kvo inspect OUT.gpkg`: what a kvo GeoPackage holds.
int command_inspect(const std::filesystem::path& gpkg, std::ostream& out, std::ostream& err);

}  // namespace kvo::cli
