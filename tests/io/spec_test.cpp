#include <catch2/catch.hpp>

#include "io/core/errors.hpp"
#include "io/core/spec.hpp"

using namespace kvo::io;
using kvo::engine::days_from_civil;

static const char* kMinimal = R"(
title = "KVO Winkelcentrum 't Zand"
as_of = 2024-02-29
[areas]
path = "gebieden.geojson"
id = "code"
[periods.baseline]
from = 2023-01-01
to = 2023-12-31
[[sources]]
name = "politie"
kind = "police"
path = "politie 2023.csv"
x = "x_rd"
y = "y_rd"
start = ["datum", "tijd"]
code = "klasse"
)";

TEST_CASE("a minimal spec parses with every default resolved", "[io][spec]") {
  const auto spec = parse_spec(kMinimal, "/data/kvo/nulmeting.toml");
  CHECK(spec.title == "KVO Winkelcentrum 't Zand");
  CHECK(spec.crs == "EPSG:28992");
  REQUIRE(spec.areas.size() == 1);
  CHECK(spec.areas[0].path == "/data/kvo/gebieden.geojson");
  REQUIRE(spec.sources.size() == 1);
  CHECK(spec.sources[0].path == "/data/kvo/politie 2023.csv");
  CHECK(spec.sources[0].start_fields == std::vector<std::string>{"datum", "tijd"});
  CHECK(spec.grid.shape == kvo::engine::CellShape::hexagon);
  CHECK(spec.hotspots.permutations == 999);
  const auto j = spec_to_json(spec);
  CHECK(j["hotspots"]["fdr"] == true);
  CHECK(j["sources"][0]["crs"] == "EPSG:28992");
}

TEST_CASE("unknown keys and wrong types are all reported with key and line", "[io][spec]") {
  const std::string text = std::string(kMinimal) + "\n[grid]\nshape = \"triangle\"\ncel_size = 50\n[hotspots]\npermutations = \"many\"\n";
  try {
    parse_spec(text, "spec.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    CHECK(m.find("3 problems") != std::string::npos);
    CHECK(m.find("spec.toml:20: 'grid.shape'") != std::string::npos);
    CHECK(m.find("'grid.cel_size': unknown key") != std::string::npos);
    CHECK(m.find("'hotspots.permutations': must be a number") != std::string::npos);
  }
}

TEST_CASE("a TOML syntax error names the file and line", "[io][spec]") {
  try {
    parse_spec("title = \"x\nfoo", "broken.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).rfind("broken.toml:1", 0) == 0);
  }
}

TEST_CASE("relative periods resolve around month ends and leap days", "[io][spec]") {
  auto spec = parse_spec(std::string(kMinimal) + "[periods.followup]\nlast = \"12 months\"\n", "s.toml");
  resolve_periods(spec);
  // 12 months ending 2024-02-29 start on 2023-03-01.
  CHECK(spec.periods[1].range.from_day == days_from_civil({2023, 3, 1}));
  CHECK(spec.periods[1].range.to_day == days_from_civil({2024, 2, 29}));
  CHECK(spec.periods[1].range.days() == 366);

  auto s2 = parse_spec(std::string(kMinimal) + "[periods.followup]\nlast = \"1 month\"\n", "s.toml");
  s2.as_of = kvo::engine::CivilDate{2024, 3, 30};
  resolve_periods(s2);
  // One month ending 30 March: from 31 March back one month is "31 February", clamped to 1 March.
  CHECK(s2.periods[1].range.from_day == days_from_civil({2024, 3, 1}));

  auto s3 = parse_spec(std::string(kMinimal) + "[periods.followup]\nlast = \"90 days\"\nend = \"newest_record\"\n", "s.toml");
  resolve_periods(s3, days_from_civil({2024, 1, 31}));
  CHECK(s3.periods[1].range.to_day == days_from_civil({2024, 1, 31}));
  CHECK(s3.periods[1].range.days() == 90);
}

TEST_CASE("a period given both absolutely and relatively is refused", "[io][spec]") {
  CHECK_THROWS_AS(parse_spec(std::string(kMinimal) + "[periods.followup]\nlast = \"12 months\"\nfrom = 2025-01-01\n", "s.toml"),
                  ConfigError);
}

TEST_CASE("the hotspot minimums are method keys with defaults 30 and 10 in the resolved spec", "[io][spec]") {
  const auto plain = spec_to_json(parse_spec(kMinimal, "/data/kvo/nulmeting.toml"));
  CHECK(plain["hotspots"]["min_incidents"] == 30);
  CHECK(plain["hotspots"]["min_neighbourhood_count"] == 10.0);
  const auto set = parse_spec(std::string(kMinimal) + "[hotspots]\nmin_incidents = 50\nmin_neighbourhood_count = 0\n",
                              "/data/kvo/nulmeting.toml");
  CHECK(set.hotspots.min_incidents == 50);
  CHECK(set.hotspots.min_neighbourhood_count == 0.0);
  try {
    parse_spec(std::string(kMinimal) + "[hotspots]\nmin_incidents = 0\nmin_neighbourhood_count = -1\n", "spec.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    CHECK(m.find("'hotspots.min_incidents': must be a whole number from 1 to 1000000000") != std::string::npos);
    CHECK(m.find("'hotspots.min_neighbourhood_count': must be 0 or more") != std::string::npos);
  }
}

TEST_CASE("grid extent kvo needs areas that can be KVO areas", "[io][spec]") {
  // kMinimal's [areas] has the default kind "area": no KVO areas.
  try {
    parse_spec(std::string(kMinimal) + "[grid]\nextent = \"kvo\"\n", "spec.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    CHECK(m.find("spec.toml:19: 'grid.extent': \"kvo\" needs KVO areas") != std::string::npos);
  }
  std::string with_kind = kMinimal;
  with_kind.replace(with_kind.find("id = \"code\""), 11, "id = \"code\"\nkind = \"kvo_winkelgebied\"");
  const auto spec = parse_spec(with_kind + "[grid]\nextent = \"kvo\"\n", "spec.toml");
  CHECK(spec.grid.extent == kvo::io::GridExtent::kvo);
  CHECK(spec_to_json(spec)["grid"]["extent"] == "kvo");
  std::string with_field = kMinimal;
  with_field.replace(with_field.find("id = \"code\""), 11, "id = \"code\"\nkind_field = \"soort\"");
  CHECK(parse_spec(with_field + "[grid]\nextent = \"kvo\"\n", "spec.toml").grid.extent == kvo::io::GridExtent::kvo);
  CHECK_THROWS_AS(parse_spec(std::string(kMinimal) + "[grid]\nextent = \"town\"\n", "spec.toml"), ConfigError);
}

TEST_CASE("schouw sources stay out of the incident statistics unless count_as_incidents is set", "[io][spec]") {
  const std::string schouw =
      "[[sources]]\nname = \"schouw\"\nkind = \"observation\"\npath = \"schouw.geojson\"\n"
      "start = \"datum\"\ncode = \"categorie\"\n";
  const auto plain = parse_spec(std::string(kMinimal) + schouw, "/data/kvo/nulmeting.toml");
  CHECK(plain.sources[0].count_as_incidents);
  CHECK_FALSE(plain.sources[1].count_as_incidents);
  const auto j = spec_to_json(plain);
  CHECK(j["sources"][1]["count_as_incidents"] == false);
  CHECK_FALSE(j["sources"][0].contains("count_as_incidents"));
  const auto opted = parse_spec(std::string(kMinimal) + schouw + "count_as_incidents = true\n", "nulmeting.toml");
  CHECK(opted.sources[1].count_as_incidents);
  CHECK(spec_to_json(opted)["sources"][1]["count_as_incidents"] == true);
  // The key is for observation sources only, and a boolean.
  const std::string on_police = std::string(kMinimal) + "count_as_incidents = false\n";
  CHECK_THROWS_WITH(parse_spec(on_police, "spec.toml"),
                    Catch::Contains("'sources[0].count_as_incidents': applies to observation sources only"));
  CHECK_THROWS_WITH(parse_spec(std::string(kMinimal) + schouw + "count_as_incidents = \"ja\"\n", "spec.toml"),
                    Catch::Contains("'sources[1].count_as_incidents': must be true or false"));
}

static const char* kSurvey = R"(
[[sources]]
name = "enquête"
kind = "survey"
path = "enquete.csv"
x = "x_rd"
y = "y_rd"
start = "datum"
min_respondents = 15
[sources.indicators]
victim = { field = "slachtoffer", yes = [" Ja "], no = ["NEE"], theme = "shoplifting" }
reported = { field = "aangifte", yes = ["ja"], no = ["nee"], given = "victim" }
mark_lighting = { field = "cijfer", mark = true }
)";

TEST_CASE("survey indicators are parsed into typed definitions with the spec", "[io][spec][survey]") {
  const auto spec = parse_spec(std::string(kMinimal) + kSurvey, "s.toml");
  REQUIRE(spec.sources.size() == 2);
  const auto& s = spec.sources[1];
  CHECK(s.min_respondents == 15);
  REQUIRE(s.indicators.size() == 3);
  // toml++ keeps a table's keys in order; answers are matched trimmed and case-insensitively.
  const auto find = [&](const std::string& name) {
    for (const auto& d : s.indicators)
      if (d.name == name) return d;
    FAIL("no indicator " << name);
    return SurveyIndicatorSpec{};
  };
  CHECK(find("victim").yes == std::vector<std::string>{"ja"});
  CHECK(find("victim").no == std::vector<std::string>{"nee"});
  CHECK(find("victim").theme == "shoplifting");
  CHECK(find("reported").given == "victim");
  CHECK(find("mark_lighting").mark);
  // And written back into the manifest's spec the same way.
  const auto j = spec_to_json(spec)["sources"][1];
  CHECK(j["indicators"]["victim"]["yes"] == nlohmann::json::array({"ja"}));
  CHECK(j["indicators"]["mark_lighting"]["mark"] == true);
  CHECK(j["min_respondents"] == 15);
}

TEST_CASE("every survey indicator problem is reported with the other spec problems", "[io][spec][survey]") {
  std::string survey = kSurvey;
  survey.replace(survey.find("theme = \"shoplifting\""), 21, "theme = \"winkeldiefstal\"");
  survey.replace(survey.find("given = \"victim\""), 16, "given = \"slachtoffer\"");
  survey.replace(survey.find("{ field = \"cijfer\", mark = true }"), 33, "{ mark = true }");
  survey += "feels_unsafe = { field = \"onveilig\", yes = [\"vaak\"] }\n";
  try {
    parse_spec(std::string(kMinimal) + "[hotspots]\nk = \"acht\"\n" + survey, "s.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    INFO(m);
    CHECK(m.find("'winkeldiefstal' is not a theme") != std::string::npos);
    CHECK(m.find("names no indicator of this source: 'slachtoffer'") != std::string::npos);
    CHECK(m.find("indicators.mark_lighting.field': is required") != std::string::npos);
    CHECK(m.find("indicators.feels_unsafe': a share needs yes = [...] and no = [...]") != std::string::npos);
    CHECK(m.find("hotspots.k") != std::string::npos);
  }
}

TEST_CASE("a survey source without indicators, or indicators on another kind, is a spec problem",
          "[io][spec][survey]") {
  std::string survey = kSurvey;
  survey = survey.substr(0, survey.find("[sources.indicators]"));
  CHECK_THROWS_WITH(parse_spec(std::string(kMinimal) + survey, "s.toml"),
                    Catch::Contains("a survey source needs a table of indicators"));
  std::string police = kMinimal;
  police += "min_respondents = 5\n";
  CHECK_THROWS_WITH(parse_spec(police, "s.toml"), Catch::Contains("applies to survey sources only"));
}
