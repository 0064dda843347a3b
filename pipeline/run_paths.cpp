#include "pipeline/run_paths.hpp"

namespace kvo::cli {

io::MachinePaths run_machine_paths(const Inputs& in, const std::filesystem::path& output) {
  io::MachinePaths paths(in.spec.base_dir);
  paths.add_file(in.spec.spec_path);
  for (const auto& src : in.spec.areas) paths.add_file(src.path);
  for (const auto& src : in.spec.sources) {
    if (src.path.string().rfind("PG:", 0) != 0) paths.add_file(src.path);
    if (src.taxonomy.find('/') != std::string::npos) paths.add_file(src.taxonomy);
  }
  if (in.baseline) paths.add_file(in.baseline->path);
  if (output.string().rfind("PG:", 0) != 0) paths.add_file(output);
  return paths;
}

}  // namespace kvo::cli
