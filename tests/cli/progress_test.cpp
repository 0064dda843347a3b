// The progress bar follows one table of stages: it only moves forward, skipped stages are
// passed over, and writing the output — the slowest part of a large run — has its share.

#include <catch2/catch.hpp>

#include <sstream>

#include "pipeline/progress.hpp"

using kvo::cli::ProgressPrinter;
using kvo::cli::Stage;

TEST_CASE("the progress bar leaves the writing stages their share and ends at 100", "[cli][progress]") {
  std::ostringstream err;
  ProgressPrinter progress(err, false);
  progress.done(Stage::read_areas);
  // A run without a newest-record probe skips that stage; a source reports halfway.
  progress.done(Stage::probe_newest);
  progress.stage(Stage::read_sources, 0.0, 0.5)(1.0);
  const std::string half = err.str();
  progress.done(Stage::read_sources);
  CHECK(err.str().size() > half.size());
  progress.done(Stage::density);
  // Everything before writing is done, yet the bar has not passed 70 %.
  CHECK(err.str() == "0...10...20...30...40...50...60...70");
  // Going back (a late callback of an earlier stage) prints nothing.
  progress.stage(Stage::read_sources)(0.5);
  CHECK(err.str() == "0...10...20...30...40...50...60...70");
  progress.done(Stage::write_incidents);
  progress.finish();
  CHECK(err.str() == "0...10...20...30...40...50...60...70...80...90...100 - done.\n");
}

TEST_CASE("a quiet run prints no progress", "[cli][progress]") {
  std::ostringstream err;
  ProgressPrinter progress(err, true);
  progress.done(Stage::write_finish);
  progress.finish();
  CHECK(err.str().empty());
}
