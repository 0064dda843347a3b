#pragma once
// Text output for the generator: a buffered file writer, number formatting with a chosen
// decimal separator, CSV quoting and the UTF-8 → Windows-1252 conversion police exports need.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace kvo::gen {

/// Buffered binary file writer (no newline translation). Throws std::runtime_error on failure.
class OutFile {
 public:
  /// Opens (truncates) `path` for writing.
  explicit OutFile(const std::filesystem::path& path);
  ~OutFile();
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  /// Appends bytes.
  void write(std::string_view bytes);
  /// Flushes and closes; throws when the data could not be written.
  void close();

 private:
  void flush();
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
};

/// Writes a whole file at once.
void write_file(const std::filesystem::path& path, std::string_view bytes);

/// Appends `value` with exactly `decimals` decimals and `separator` as decimal mark.
void append_fixed(std::string& out, double value, int decimals, char separator = '.');

/// Appends an integer, zero-padded to at least `width` digits.
void append_int(std::string& out, std::int64_t value, int width = 0);

/// Appends a CSV field, quoted (with doubled quotes) when it holds the separator, a quote
/// or a line break.
void append_csv_field(std::string& out, std::string_view value, char separator);

/// Converts UTF-8 text to Windows-1252; throws for characters that code page lacks.
std::string utf8_to_cp1252(std::string_view utf8);

}  // namespace kvo::gen
