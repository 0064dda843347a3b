#include "pipeline/progress.hpp"

#include <algorithm>
#include <numeric>
#include <ostream>

namespace kvo::cli {

namespace {

// [start, end] of a stage as fractions of the whole run.
std::pair<double, double> span_of(Stage stage) {
  const auto i = static_cast<std::size_t>(stage);
  const double total = std::accumulate(kStageWeight.begin(), kStageWeight.end(), 0.0);
  const double start =
      std::accumulate(kStageWeight.begin(), kStageWeight.begin() + static_cast<std::ptrdiff_t>(i), 0.0);
  return {start / total, (start + kStageWeight[i]) / total};
}

}  // namespace

engine::Progress ProgressPrinter::stage(Stage stage) {
  return this->stage(stage, 0.0, 1.0);
}

engine::Progress ProgressPrinter::stage(Stage stage, double from, double to) {
  const auto [start, end] = span_of(stage);
  const double a = start + (end - start) * from, b = start + (end - start) * to;
  return [this, a, b](double f) {
    advance(a + (b - a) * std::clamp(f, 0.0, 1.0));
    return true;
  };
}

void ProgressPrinter::done(Stage stage) {
  advance(span_of(stage).second);
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
