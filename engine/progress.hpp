#pragma once
// A progress callback the engine may call; the caller decides how to show it.

#include <functional>

namespace kvo::engine {

/// Called with a fraction in [0, 1]; returns false to ask the computation to stop.
using Progress = std::function<bool(double fraction)>;

/// Calls `progress` when it is set; true when the computation may continue.
inline bool report(const Progress& progress, double fraction) {
  return !progress || progress(fraction);
}

}  // namespace kvo::engine
