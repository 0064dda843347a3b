// Periods ending at the newest record: the sources are probed for it first, and the probe
// must not leave rows behind (it used to append every survey respondent twice).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/analysis.hpp"
#include "pipeline/progress.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

TEST_CASE("a period ending at the newest record reads every source once", "[cli][periods]") {
  kvo::test::TempDir dir;
  const fs::path demo = fs::path(KVO_SOURCE_DIR) / "data" / "demo";
  for (const auto& entry : fs::directory_iterator(demo)) fs::copy(entry.path(), dir.path() / entry.path().filename());
  std::ifstream in(demo / "nulmeting.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string spec = text.str();
  const std::string fixed = "[periods.baseline]\nfrom = 2023-01-01\nto = 2023-12-31";
  REQUIRE(spec.find(fixed) != std::string::npos);
  // The baseline ends at the newest record; a fixed follow-up (2025) is resolved before the
  // probe, so the probe could already accept its respondents.
  spec.replace(spec.find(fixed), fixed.size(),
               "[periods.baseline]\nlast = \"12 months\"\nend = \"newest_record\"\n"
               "[periods.followup]\nfrom = 2025-01-01\nto = 2025-12-31");
  const std::string survey = spec.substr(spec.find("[[sources]]\nname = \"enquete\""));
  std::string survey_2025 = survey.substr(0, survey.find("\n[grid]"));
  survey_2025.replace(survey_2025.find("\"enquete\""), 9, "\"enquete 2025\"");
  survey_2025.replace(survey_2025.find("enquete_2023.csv"), 16, "enquete_2025.csv");
  spec += "\n" + survey_2025;
  dir.write("laatste.toml", spec);

  std::ostringstream sink;
  kvo::cli::ProgressPrinter progress(sink, true);
  const kvo::cli::Inputs a = kvo::cli::read_inputs(dir.path() / "laatste.toml", kvo::cli::RunOptions{}, progress);
  std::int64_t respondents = 0, incidents = 0;
  for (std::size_t s = 0; s < a.spec.sources.size(); ++s) {
    const auto kind = a.spec.sources[s].kind;
    if (kind == kvo::io::SourceKind::survey)
      respondents += a.sources[s].counts.accepted;
    else if (kind != kvo::io::SourceKind::area_counts)
      incidents += a.sources[s].counts.accepted;
  }
  REQUIRE(respondents > 0);
  CHECK(static_cast<std::int64_t>(a.survey.size()) == respondents);
  CHECK(static_cast<std::int64_t>(a.table.size() + a.observations.size()) == incidents);  // schouw kept apart
  // The newest police record of the demo is in late December 2023, so the 12 months are 2023.
  CHECK(a.spec.periods[0].range.to_day - a.spec.periods[0].range.from_day >= 364);
  std::size_t followup = 0;
  for (std::size_t i = 0; i < a.survey.size(); ++i)
    followup += a.survey.period[i] == static_cast<std::uint8_t>(kvo::engine::PeriodId::followup);
  CHECK(followup > 0);
}
