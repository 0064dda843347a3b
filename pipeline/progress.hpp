#pragma once
// Progress on stderr in GDAL's style: "0...10...20...30...40...50...60...70...80...90...100 - done."

#include <iosfwd>
#include <string>

#include "engine/progress.hpp"

namespace kvo::cli {

/// Prints overall progress of a run made of weighted stages; silent when quiet.
class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}
  /// A callback for a stage covering [from, to] of the whole run (fractions).
  engine::Progress stage(double from, double to);
  /// Prints up to 100 and "done".
  void finish();

 private:
  void advance(double fraction);
  std::ostream& err_;
  bool quiet_;
  int printed_ = -1;  ///< last printed step (0..40, 2.5 % each)
};

}  // namespace kvo::cli
