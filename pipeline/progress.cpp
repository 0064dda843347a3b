#include "pipeline/progress.hpp"

#include <algorithm>
#include <ostream>

namespace kvo::cli {

engine::Progress ProgressPrinter::stage(double from, double to) {
  return [this, from, to](double f) {
    advance(from + (to - from) * std::clamp(f, 0.0, 1.0));
    return true;
  };
}

void ProgressPrinter::advance(double fraction) {
  if (quiet_) return;
  const int step = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 40.0 + 1e-9);
  for (int s = printed_ + 1; s <= step; ++s) {
    if (s % 4 == 0)
      err_ << (s / 4) * 10;
    else
      err_ << '.';
  }
  if (step > printed_) {
    printed_ = step;
    err_.flush();
  }
}

void ProgressPrinter::finish() {
  if (quiet_) return;
  advance(1.0);
  err_ << " - done.\n";
  err_.flush();
}

}  // namespace kvo::cli
