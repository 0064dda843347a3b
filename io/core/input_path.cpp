#include "io/core/input_path.hpp"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

void require_input_file(const fs::path& path, bool allow_directory) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
      throw InputError("file not found", at(path.string()));
    throw InputError("cannot reach the file: " + ec.message(), at(path.string()));
  }
  if (fs::is_directory(st)) {
    if (allow_directory) return;
    throw InputError("is a folder, not a file", at(path.string()));
  }
  if (!fs::is_regular_file(st))
    throw InputError("is not a regular file (a pipe, device or socket); kvo reads files only", at(path.string()));
  if (::access(path.c_str(), R_OK) != 0)
    throw InputError(std::string("cannot read the file: ") + std::strerror(errno), at(path.string()));
}

TableFile table_file_kind(const fs::path& path) {
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv" || ext == ".txt" || ext == ".tsv") return TableFile::csv;
  if (ext == ".xlsx" || ext == ".ods") return TableFile::sheet;
  if (ext == ".xls") return TableFile::xls;
  return TableFile::other;
}

}  // namespace kvo::io
