#pragma once
// Writing the `--summary-json` document: to stdout, or atomically to a file.

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace kvo::cli {

/// The JSON text of a summary; bytes that are not valid UTF-8 (a Windows-1252 header,
/// a path with a stray byte) become U+FFFD instead of aborting the dump.
std::string summary_text(const nlohmann::json& summary);

/// Writes the summary to `target`: "-" is stdout, empty is nowhere, anything else a file
/// written to a temporary next to it and renamed into place. Throws io::IoError.
void emit_summary(const nlohmann::json& summary, const std::string& target, std::ostream& out);

}  // namespace kvo::cli
