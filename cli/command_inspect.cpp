#include <iomanip>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/run.hpp"
#include "io/gpkg/gpkg_reader.hpp"

namespace kvo::cli {

namespace {

using nlohmann::json;

// A manifest value as text whatever its JSON type: a hand-edited or damaged manifest is
// shown as it is, never indexed blindly.
std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}
// The member `key` of an object as text, or `fallback` when it is not there.
std::string member(const json& object, const char* key, const std::string& fallback = "?") {
  if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) return fallback;
  return text_of(object.at(key));
}

}  // namespace

int command_inspect(const std::filesystem::path& gpkg, std::ostream& out, std::ostream& /*err*/) {
  const io::GpkgContents c = io::read_gpkg_contents(gpkg);
  const auto& m = c.manifest;
  if (m.count("spec")) {
    const auto& spec = m.at("spec");
    out << "title:    " << member(spec, "title", "") << "\n";
    out << "crs:      " << member(spec, "crs", "") << "\n";
    if (spec.is_object() && spec.contains("periods") && spec.at("periods").is_object())
      for (const auto& [name, p] : spec.at("periods").items())
        out << "period:   " << name << " " << member(p, "from") << " .. " << member(p, "to") << " ("
            << member(p, "days") << " days)\n";
    out << "method:   grid " << member(spec, "grid") << "\n          hotspots " << member(spec, "hotspots")
        << "\n          density " << member(spec, "density") << "\n";
  } else {
    out << "(no run_manifest: not written by kvo)\n";
  }
  if (m.count("kvo_version"))
    out << "made by:  kvo " << text_of(m.at("kvo_version")) << " at "
        << (m.count("created") ? text_of(m.at("created")) : "?") << "\n";
  if (m.count("sources") && m.at("sources").is_array()) {
    out << "sources:\n";
    for (const auto& s : m.at("sources")) {
      out << "  " << std::left << std::setw(16) << member(s, "name", "") << std::right << std::setw(9)
          << member(s, "read") << " read " << std::setw(9) << member(s, "accepted") << " accepted " << std::setw(7)
          << member(s, "rejected") << " rejected " << std::setw(7) << member(s, "outside_study_region") << " outside "
          << std::setw(7) << member(s, "excluded") << " excluded\n";
      if (s.is_object() && s.contains("rejects_by_reason") && s.at("rejects_by_reason").is_object())
        for (const auto& [reason, n] : s.at("rejects_by_reason").items())
          out << "      " << std::left << std::setw(24) << reason << std::right << std::setw(7) << text_of(n) << "\n";
    }
  }
  out << "layers:\n";
  for (const auto& l : c.layers)
    out << "  " << std::left << std::setw(22) << l.name << std::setw(14) << l.geometry << std::right << std::setw(10)
        << l.features << (l.geometry == "Raster" ? " cells" : " rows") << "\n";
  if (m.count("findings"))
    out << "findings: " << m.at("findings").dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (m.count("warnings") && m.at("warnings").is_array())
    for (const auto& w : m.at("warnings")) out << "warning: " << text_of(w) << "\n";
  return kExitOk;
}

}  // namespace kvo::cli
