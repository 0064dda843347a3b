#pragma once
// Checks a path before it is opened for reading, so that a bad path becomes a clear
// error naming it instead of a hang (a FIFO) or a crash (a symlink loop).

#include <filesystem>

namespace kvo::io {

/// Throws InputError naming `path` unless it is a readable regular file (or, with
/// `allow_directory`, a folder: some GDAL datasets are folders). Missing file, symlink
/// loop, unreadable folder on the way, FIFO, device and socket are each said plainly.
void require_input_file(const std::filesystem::path& path, bool allow_directory = false);

}  // namespace kvo::io
