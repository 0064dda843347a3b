#include "cli/output_guard.hpp"

#include <string>
#include <vector>

#include "io/core/errors.hpp"
#include "io/read/taxonomy.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

namespace {

struct Input {
  fs::path path;
  std::string what;
};

void add(std::vector<Input>& inputs, const fs::path& path, const std::string& what) {
  if (path.empty()) return;
  inputs.push_back({path, what});
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".shp")
    for (const char* side : {".dbf", ".shx", ".prj", ".cpg", ".qix", ".sbn", ".sbx"})
      inputs.push_back({fs::path(path).replace_extension(side), what});
}

}  // namespace

void refuse_output_over_inputs(const Inputs& a, const RunOptions& options, const fs::path& output) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return;
  std::vector<Input> inputs;
  add(inputs, a.spec.spec_path, "the spec");
  add(inputs, options.baseline, "the --baseline GeoPackage");
  for (const auto& area : a.spec.areas) add(inputs, area.path, "an [[areas]] layer");
  for (const auto& src : a.spec.sources) {
    add(inputs, src.path, "source '" + src.name + "'");
    if (!src.taxonomy.empty())
      add(inputs, io::taxonomy_path(src.taxonomy, a.spec.base_dir), "the taxonomy of source '" + src.name + "'");
  }
  for (const auto& in : inputs) {
    if (!fs::exists(in.path, ec)) continue;
    if (fs::equivalent(output, in.path, ec) && !ec)
      throw io::ConfigError(
          "the output would overwrite " + in.what + " (" + in.path.string() + "); choose another -o or 'output'",
          io::at(output.string()));
  }
}

}  // namespace kvo::cli
