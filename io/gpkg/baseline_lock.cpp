#include "io/gpkg/baseline_lock.hpp"

#include <cmath>
#include <map>

#include "engine/period.hpp"
#include "engine/themes.hpp"
#include "io/core/errors.hpp"
#include "io/core/sha256.hpp"

namespace kvo::io {

namespace {

void append_int(std::string& bytes, std::int64_t v) {
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF));
}

void append_ring(std::string& bytes, const engine::Polygon::ring_type& ring) {
  append_int(bytes, static_cast<std::int64_t>(ring.size()));
  for (const auto& pt : ring) {
    append_int(bytes, std::llround(pt.x() * 1000.0));
    append_int(bytes, std::llround(pt.y() * 1000.0));
  }
}

using Counts = std::map<std::string, std::map<std::string, std::int64_t>>;

Counts counts_in_file(const std::filesystem::path& path, const GpkgContents& contents) {
  Counts out;
  for (const char* layer : {"incidents", "observations"}) {
    bool present = false;
    for (const auto& l : contents.layers) present = present || l.name == layer;
    if (!present) continue;
    for (const auto& row :
         query_gpkg(path, std::string("SELECT period, theme, COUNT(*) FROM ") + layer + " GROUP BY period, theme"))
      out[row[0].empty() ? "none" : row[0]][row[1]] += std::stoll(row[2]);
  }
  return out;
}

}  // namespace

std::string area_geometry_sha256(const engine::MultiPolygon& geometry) {
  std::string bytes;
  append_int(bytes, static_cast<std::int64_t>(geometry.size()));
  for (const auto& poly : geometry) {
    append_int(bytes, static_cast<std::int64_t>(poly.inners().size()));
    append_ring(bytes, poly.outer());
    for (const auto& inner : poly.inners()) append_ring(bytes, inner);
  }
  return sha256_hex(bytes);
}

std::optional<Deviation> compare_areas(const AreaTable& baseline, const AreaTable& followup) {
  std::map<std::string, std::string> before, after;  // id → geometry hash, sorted by id
  for (std::size_t i = 0; i < baseline.size(); ++i)
    before[baseline.id[i]] = area_geometry_sha256(baseline.areas.geometry[i]);
  for (std::size_t i = 0; i < followup.size(); ++i)
    after[followup.id[i]] = area_geometry_sha256(followup.areas.geometry[i]);
  std::vector<std::string> removed, added, moved;
  for (const auto& [id, hash] : before) {
    const auto it = after.find(id);
    if (it == after.end())
      removed.push_back(id);
    else if (it->second != hash)
      moved.push_back(id);
  }
  for (const auto& [id, hash] : after)
    if (!before.count(id)) added.push_back(id);
  if (removed.empty() && added.empty() && moved.empty()) return std::nullopt;
  nlohmann::json b = nlohmann::json::object(), f = nlohmann::json::object();
  if (!removed.empty()) b["only_in_baseline"] = removed;
  if (!added.empty()) f["only_in_followup"] = added;
  if (!moved.empty()) b["other_geometry"] = f["other_geometry"] = moved;
  return Deviation{"areas", b.dump(), f.dump()};
}

nlohmann::json incident_counts_json(const IncidentTable& table) {
  Counts counts;
  const auto& inc = table.incidents;
  for (std::size_t i = 0; i < inc.size(); ++i) {
    const std::string period = inc.period[i] == engine::kNoPeriod
                                   ? std::string("none")
                                   : std::string(engine::period_name(static_cast<engine::PeriodId>(inc.period[i])));
    ++counts[period][std::string(engine::theme_name(inc.theme[i]))];
  }
  return counts;
}

BaselineVerification verify_baseline(const std::filesystem::path& path, const GpkgContents& contents) {
  const std::string where = path.string();
  // The stored spec text must be the text its hash was taken of.
  const auto spec_rows = query_gpkg(path, "SELECT value FROM run_manifest WHERE key = 'spec'");
  const auto hash = contents.manifest.find("spec_sha256");
  if (spec_rows.size() != 1 || hash == contents.manifest.end() || !hash->second.is_string())
    throw InputError("the baseline has no single 'spec' and 'spec_sha256' run_manifest rows: not a complete kvo output",
                     at(where, 0, "run_manifest"));
  if (sha256_hex(spec_rows[0][0]) != hash->second.get<std::string>())
    throw InputError(
        "the baseline's stored spec does not match its spec_sha256: the run_manifest 'spec' row was "
        "changed after kvo wrote it; re-run the baseline instead of editing it",
        at(where, 0, "run_manifest.spec"));

  BaselineVerification v;
  const auto recorded = contents.manifest.find("incident_counts");
  if (recorded == contents.manifest.end()) return v;  // older kvo: nothing to check against
  if (!recorded->second.is_object())
    throw InputError("the baseline's 'incident_counts' manifest row is unreadable",
                     at(where, 0, "run_manifest.incident_counts"));
  const Counts found = counts_in_file(path, contents);
  Counts expected;
  for (const auto& [period, themes] : recorded->second.items())
    for (const auto& [theme, n] : themes.items())
      if (n.is_number_integer()) expected[period][theme] = n.get<std::int64_t>();
  // Every (period, theme) on either side, in sorted order, so the message is stable.
  std::vector<std::string> mismatches;
  auto count_of = [](const Counts& c, const std::string& p, const std::string& t) -> std::int64_t {
    const auto pi = c.find(p);
    if (pi == c.end()) return 0;
    const auto ti = pi->second.find(t);
    return ti == pi->second.end() ? 0 : ti->second;
  };
  Counts keys = expected;
  for (const auto& [p, themes] : found)
    for (const auto& [t, n] : themes) keys[p][t];
  for (const auto& [p, themes] : keys)
    for (const auto& [t, unused] : themes) {
      const std::int64_t want = count_of(expected, p, t), have = count_of(found, p, t);
      if (want != have)
        mismatches.push_back("period " + p + ", theme " + t + ": manifest " + std::to_string(want) + ", file " +
                             std::to_string(have));
    }
  if (!mismatches.empty()) {
    std::string text =
        "the baseline's incidents do not match the counts its manifest records (incident_counts); "
        "the file was changed after kvo wrote it — re-run the baseline instead of editing it:";
    for (std::size_t i = 0; i < mismatches.size() && i < 10; ++i) text += "\n  " + mismatches[i];
    if (mismatches.size() > 10) text += "\n  … and " + std::to_string(mismatches.size() - 10) + " more";
    throw InputError(text, at(where, 0, "incidents"));
  }
  v.counts_checked = true;
  return v;
}

}  // namespace kvo::io
