#pragma once
#include <string>

namespace kvo::io {
/// The kvo version string (from CMake's project version).
std::string kvo_version();
}  // namespace kvo::io
