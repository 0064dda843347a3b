#pragma once
// SHA-256 (FIPS 180-4) of files, for the manifest's input hashes.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kvo::io {

/// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);
/// Hex SHA-256 of a file's bytes; throws InputError when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace kvo::io
