#pragma once
// Refuses an output path that would overwrite one of the run's own inputs.

#include <filesystem>

#include "pipeline/inputs.hpp"

namespace kvo::cli {

/// Throws io::ConfigError when `output` is the same file (same inode) as the spec, the
/// baseline, a source, an area layer or a taxonomy table of the run (a shapefile's
/// sidecar files included). A missing output clashes with nothing.
void refuse_output_over_inputs(const Inputs& inputs, const RunOptions& options, const std::filesystem::path& output);

}  // namespace kvo::cli
