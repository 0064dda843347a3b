#pragma once
// Outputs name files, not the machine they were made on: the manifest, the summary JSON
// and the report hold input paths relative to the spec's folder (else the bare file
// name) and checksums, never an absolute path of this machine (docs/robustness.md).

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kvo::io {

/// Removes known folders of this machine from text: first the spec's folder (so inputs
/// beside or below the spec keep their relative path), then every other folder given,
/// longest first (a file elsewhere keeps its name).
class MachinePaths {
 public:
  /// `spec_dir`: the folder relative input paths are taken from.
  explicit MachinePaths(const std::filesystem::path& spec_dir);

  /// Adds the folder holding `file` (an input or output).
  void add_file(const std::filesystem::path& file);

  /// `text` without the known folders.
  [[nodiscard]] std::string strip(std::string text) const;
  /// Every string in `doc` (keys too) without the known folders.
  [[nodiscard]] nlohmann::json strip_json(const nlohmann::json& doc) const;

 private:
  std::vector<std::string> prefixes_;  // "/folder/", spec folder first, then longest first
};

}  // namespace kvo::io
