#pragma once
// Sources shared by the specs of one batch: the specs of a `kvo run` that read the same
// source with the same reader settings (and the same periods and reference date, which
// decide its rejects) read it once. Safe to use from several threads.

#include <cstddef>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engine/progress.hpp"
#include "io/core/spec.hpp"
#include "io/read/source_reader.hpp"

namespace kvo::cli {

/// What reading one source gave: its records (one origin) and its counts and rejects.
struct SourceRead {
  io::IncidentTable records;
  io::SourceResult result;
};

class SourceCache {
 public:
  /// Reads source `index` of `spec` into `table` as io::read_source does, or copies it from
  /// an earlier read with the same settings. The result is the same either way.
  io::SourceResult read(const io::AnalysisSpec& spec, std::size_t index, const io::Taxonomy& taxonomy,
                        io::IncidentTable& table, const io::ReadOptions& options, const engine::Progress& progress);

  /// Sources read from the file so far (the rest were copies).
  [[nodiscard]] std::size_t reads() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_future<std::shared_ptr<const SourceRead>>> reads_;
};

/// Everything that decides what reading source `index` of `spec` gives, as text.
std::string source_read_key(const io::AnalysisSpec& spec, std::size_t index, const io::Taxonomy& taxonomy,
                            const io::ReadOptions& options);

}  // namespace kvo::cli
