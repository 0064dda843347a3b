#pragma once
// Running outside programs from tests (Chromium, GDAL's validator, python3-qgis): shell
// quoting for paths with spaces and apostrophes, output capture, file:// URLs.

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <sys/wait.h>

namespace kvo::test {

/// The text as one single-quoted shell word ('it''s' style, safe for any path).
inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

/// The exit status and standard output (with standard error when asked) of a command.
struct CommandResult {
  int status = -1;
  std::string output;
};

/// Runs a shell command and captures its output.
inline CommandResult run_command(const std::string& command, bool with_stderr = false) {
  CommandResult r;
  FILE* pipe = ::popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// The first of the given executables that exists, or "".
inline std::string find_program(std::initializer_list<const char*> candidates) {
  for (const char* c : candidates)
    if (std::filesystem::exists(c)) return c;
  return {};
}

/// A file:// URL for an absolute path, percent-encoding everything but unreserved bytes and '/'.
inline std::string file_url(const std::filesystem::path& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

/// GDAL's GeoPackage validator script, or "" when python3-gdal is not installed.
inline std::string gpkg_validator() {
  return find_program({"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"});
}

}  // namespace kvo::test
