#include "io/core/version.hpp"

namespace kvo::io {

std::string kvo_version() {
  return KVO_VERSION;
}

}  // namespace kvo::io
