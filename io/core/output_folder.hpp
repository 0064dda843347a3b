#pragma once
// The folder an output file goes in: made when missing (as `mkdir -p`), before any work.

#include <filesystem>

namespace kvo::io {

/// Makes the folder of output file `target` when it is missing. Throws IoError naming the
/// folder when it cannot be made (a file in the way, no permission).
void make_output_folder(const std::filesystem::path& target);

}  // namespace kvo::io
