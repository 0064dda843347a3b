#include "io/core/output_folder.hpp"

#include <string>
#include <system_error>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace fs = std::filesystem;

void make_output_folder(const fs::path& target) {
  const fs::path dir = fs::absolute(target).parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw IoError("cannot make the output folder: " + (ec ? ec.message() : std::string("not a folder")),
                  at(dir.string()));
}

}  // namespace kvo::io
