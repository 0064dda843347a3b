// What a run tells its user: the summary JSON, the per-source table and the reject-share check.

#include <iomanip>
#include <ostream>
#include <sstream>

#include "io/gpkg/output_layers.hpp"
#include "pipeline/outputs.hpp"
#include "pipeline/run_paths.hpp"

namespace kvo::cli {

namespace fs = std::filesystem;

nlohmann::json summary_json(const Inputs& in, const std::vector<std::string>& warnings, const nlohmann::json& findings,
                            const fs::path& output) {
  nlohmann::json j;
  j["spec"] = in.spec.spec_path.string();
  j["title"] = in.spec.title;
  if (!output.empty()) j["output"] = output.string();
  std::int64_t read = 0, accepted = 0, rejected = 0, outside = 0, excluded = 0;
  j["sources"] = nlohmann::json::array();
  for (const auto& s : in.sources) {
    j["sources"].push_back(io::source_counts_json(s.counts));
    read += s.counts.read, accepted += s.counts.accepted, rejected += s.counts.rejected;
    outside += s.counts.outside_study_region, excluded += s.counts.excluded;
  }
  j["totals"] = {{"read", read},
                 {"accepted", accepted},
                 {"rejected", rejected},
                 {"excluded", excluded},
                 {"outside_study_region", outside}};
  j["areas"] = in.areas.size();
  j["warnings"] = warnings;
  j["findings"] = findings;
  return run_machine_paths(in, output).strip_json(j);
}

std::string totals_sum(const nlohmann::json& totals) {
  auto n = [&](const char* key) { return std::to_string(totals.at(key).get<std::int64_t>()); };
  std::string out = n("read") + " read = " + n("accepted") + " accepted + " + n("rejected") + " rejected";
  if (totals.at("outside_study_region").get<std::int64_t>() != 0) out += " + " + n("outside_study_region") + " outside";
  if (totals.at("excluded").get<std::int64_t>() != 0) out += " + " + n("excluded") + " excluded";
  return out;
}

void print_source_table(std::ostream& out, const Inputs& in) {
  std::size_t width = 6;
  for (const auto& s : in.sources) width = std::max(width, s.counts.name.size());
  out << std::left << std::setw(static_cast<int>(width) + 2) << "source" << std::right << std::setw(10) << "read"
      << std::setw(10) << "accepted" << std::setw(10) << "rejected" << std::setw(10) << "outside" << std::setw(10)
      << "excluded"
      << "\n";
  for (const auto& s : in.sources) {
    const auto& c = s.counts;
    out << std::left << std::setw(static_cast<int>(width) + 2) << c.name << std::right << std::setw(10) << c.read
        << std::setw(10) << c.accepted << std::setw(10) << c.rejected << std::setw(10) << c.outside_study_region
        << std::setw(10) << c.excluded << "\n";
    for (std::size_t r = 0; r < io::kRejectReasonCount; ++r)
      if (c.by_reason[r])
        out << "    " << std::left << std::setw(static_cast<int>(width) + 24)
            << io::reason_code(static_cast<io::RejectReason>(r)) << std::right << std::setw(6) << c.by_reason[r]
            << "\n";
    for (const auto& [code, n] : c.excluded_codes) out << "    excluded " << std::setw(6) << n << "  " << code << "\n";
  }
}

std::vector<std::string> reject_share_violations(const Inputs& in) {
  std::vector<std::string> out;
  for (const auto& s : in.sources) {
    if (s.counts.read == 0) continue;
    const double share = static_cast<double>(s.counts.rejected) / static_cast<double>(s.counts.read);
    const auto& limit = in.spec.max_reject_share;
    if (limit ? share <= *limit : s.counts.accepted > 0 || s.counts.rejected == 0) continue;
    std::ostringstream m;
    m << s.counts.path << ": source '" << s.counts.name << "' rejected " << s.counts.rejected << " of " << s.counts.read
      << " records (" << std::fixed << std::setprecision(1) << 100 * share << " %), ";
    if (limit)
      m << "more than max_reject_share = " << *limit;
    else
      m << "every record; see the rejects per reason (set max_reject_share = 1 to run anyway)";
    out.push_back(m.str());
  }
  return out;
}

}  // namespace kvo::cli
