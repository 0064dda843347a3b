#include <iomanip>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/run.hpp"
#include "io/errors.hpp"
#include "io/gpkg_reader.hpp"

namespace kvo::cli {

int command_inspect(const std::filesystem::path& gpkg, std::ostream& out, std::ostream& err) {
  try {
    const io::GpkgContents c = io::read_gpkg_contents(gpkg);
    const auto& m = c.manifest;
    if (m.count("spec")) {
      const auto& spec = m.at("spec");
      out << "title:    " << spec.value("title", "") << "\n";
      out << "crs:      " << spec.value("crs", "") << "\n";
      const nlohmann::json periods = spec.value("periods", nlohmann::json::object());
      for (const auto& [name, p] : periods.items())
        out << "period:   " << name << " " << p.value("from", "") << " .. " << p.value("to", "") << " ("
            << p.value("days", 0) << " days)\n";
      out << "method:   grid " << spec["grid"].dump() << "\n          hotspots " << spec["hotspots"].dump()
          << "\n          density " << spec["density"].dump() << "\n";
    } else {
      out << "(no run_manifest: not written by kvo)\n";
    }
    if (m.count("kvo_version")) out << "made by:  kvo " << m.at("kvo_version").get<std::string>() << " at "
                                    << (m.count("created") ? m.at("created").get<std::string>() : "?") << "\n";
    if (m.count("sources")) {
      out << "sources:\n";
      for (const auto& s : m.at("sources")) {
        out << "  " << std::left << std::setw(16) << s.value("name", "") << std::right << std::setw(9)
            << s.value("read", 0) << " read " << std::setw(9) << s.value("accepted", 0) << " accepted "
            << std::setw(7) << s.value("rejected", 0) << " rejected\n";
        const nlohmann::json reasons = s.value("rejects_by_reason", nlohmann::json::object());
        for (const auto& [reason, n] : reasons.items())
          out << "      " << std::left << std::setw(24) << reason << std::right << std::setw(7) << n.get<long long>() << "\n";
      }
    }
    out << "layers:\n";
    for (const auto& l : c.layers)
      out << "  " << std::left << std::setw(22) << l.name << std::setw(14) << l.geometry << std::right
          << std::setw(10) << l.features << (l.geometry == "Raster" ? " cells" : " rows") << "\n";
    if (m.count("findings")) out << "findings: " << m.at("findings").dump(2) << "\n";
    if (m.count("warnings") && !m.at("warnings").empty())
      for (const auto& w : m.at("warnings")) out << "warning:  " << w.get<std::string>() << "\n";
    return kExitOk;
  } catch (const io::Error& e) {
    err << "kvo: " << e.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace kvo::cli
