#pragma once
// The files of a run whose folders are taken out of everything kvo writes (manifest,
// summary, report): outputs name no folder of the machine that made them.

#include <filesystem>

#include "io/core/machine_paths.hpp"
#include "pipeline/inputs.hpp"

namespace kvo::cli {

/// The spec, areas, sources, taxonomy files, baseline and output of a run.
io::MachinePaths run_machine_paths(const Inputs& inputs, const std::filesystem::path& output);

}  // namespace kvo::cli
