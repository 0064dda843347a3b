#pragma once
// `kvo report`: one self-contained HTML file (inline SVG and CSS, no scripts, no network)
// from a kvo GeoPackage, in Dutch or English, for one period or a baseline/follow-up pair:
// maps, incidents per theme and period with significant changes, the hour × weekday table,
// survey indicators with intervals, rejects, and the method and sources for auditors.
// It prints on A4. docs/report.md describes every section.

#include <filesystem>
#include <string>

namespace kvo::io {

/// Report settings; empty fields take the spec's values stored in the GeoPackage.
struct ReportOptions {
  std::string language;  ///< "nl" | "en"; default: the spec's language
  std::string title;     ///< default: the spec's title
};

/// The report of a kvo GeoPackage as an HTML document. Throws InputError.
std::string build_report(const std::filesystem::path& gpkg, const ReportOptions& options = {});

/// Writes the report atomically (temporary file next to `html`, then renamed). Throws
/// InputError (unreadable GeoPackage) or IoError (cannot write).
void write_report(const std::filesystem::path& gpkg, const std::filesystem::path& html,
                  const ReportOptions& options = {});

}  // namespace kvo::io
