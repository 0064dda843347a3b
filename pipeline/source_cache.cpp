#include "pipeline/source_cache.hpp"

#include <nlohmann/json.hpp>

namespace kvo::cli {

std::string source_read_key(const io::AnalysisSpec& spec, std::size_t index, const io::Taxonomy& taxonomy,
                            const io::ReadOptions& options) {
  // The source's keys as the manifest records them (absolute path, fields, formats, CRS,
  // codes), its place in the spec (rejects name it), and what else read_source consults.
  const nlohmann::json whole = io::spec_to_json(spec);
  nlohmann::json key{{"source", whole["sources"][index]},
                     {"index", index},
                     {"analysis_crs", spec.crs},
                     {"as_of", whole["as_of"]},
                     {"assign_periods", options.assign_periods},
                     {"taxonomy", taxonomy.fingerprint()}};
  if (options.assign_periods)
    for (const auto& p : spec.periods)
      key["periods"].push_back(p.present ? nlohmann::json{p.range.from_day, p.range.to_day} : nlohmann::json());
  return key.dump();
}

io::SourceResult SourceCache::read(const io::AnalysisSpec& spec, std::size_t index, const io::Taxonomy& taxonomy,
                                   io::IncidentTable& table, const io::ReadOptions& options,
                                   const engine::Progress& progress) {
  const std::string key = source_read_key(spec, index, taxonomy, options);
  std::promise<std::shared_ptr<const SourceRead>> promise;
  std::shared_future<std::shared_ptr<const SourceRead>> future;
  bool reader = false;
  {
    const std::lock_guard lock(mutex_);
    auto [it, inserted] = reads_.try_emplace(key);
    if (inserted) it->second = promise.get_future().share(), reader = true;
    future = it->second;
  }
  if (reader) {
    try {
      auto read = std::make_shared<SourceRead>();
      read->result = io::read_source(spec, index, taxonomy, read->records, options, progress);
      promise.set_value(std::move(read));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  const std::shared_ptr<const SourceRead> read = future.get();  // rethrows the reader's error
  table.append_source(read->records);
  engine::report(progress, 1.0);
  return read->result;
}

std::size_t SourceCache::reads() const {
  const std::lock_guard lock(mutex_);
  return reads_.size();
}

}  // namespace kvo::cli
