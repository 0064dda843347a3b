// The country data set: the model (country_model.cpp) written out as a national police
// export (police_rows.cpp) and two GeoJSON area files.

#include "data/generator/country.hpp"

#include <algorithm>

#include "data/generator/country_model.hpp"
#include "data/generator/police_rows.hpp"

namespace kvo::gen {

namespace {

// Share of the records in a town (the rest anywhere in the country), and of the records of
// shop and business crime placed in a KVO area of the matching kind.
constexpr double kInTown = 0.9, kInKvoArea = 0.5;

// Where the records lie: towns by their share, shop crime partly in shopping areas and
// business burglary partly in business parks; every record on land.
class CountryPlacer {
 public:
  explicit CountryPlacer(const Country& c) : c_(c) {
    double total = 0;
    for (const CountryTown& t : c.towns) cumulative_.push_back(total += t.weight);
    for (std::size_t i = 0; i < c.areas.size(); ++i)
      (c.areas[i].kind == "kvo_winkelgebied" ? shops_ : parks_).push_back(i);
  }

  Pt operator()(Offence o, Rng& rng) const {
    const bool shop = o == Offence::shoplifting || o == Offence::pickpocketing;
    const std::vector<std::size_t>& areas = shop ? shops_ : parks_;
    if ((shop || o == Offence::business_burglary) && !areas.empty() && rng.chance(kInKvoArea))
      return sample_in_ring(c_.areas[areas[rng.below(areas.size())]].ring, rng);
    if (rng.chance(kInTown)) {
      const CountryTown& t = c_.towns[town(rng)];
      for (;;) {
        const Pt p{t.centre.x + t.sd_m * rng.normal(), t.centre.y + t.sd_m * rng.normal()};
        if (contains(c_.outline, p)) return p;
      }
    }
    return sample_in_ring(c_.outline, rng);
  }

 private:
  // A town drawn by weight (binary search; Rng::pick's linear scan is slow for 350 towns).
  std::size_t town(Rng& rng) const {
    const double u = rng.uniform() * cumulative_.back();
    const auto i =
        static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
    return std::min(i, cumulative_.size() - 1);
  }

  const Country& c_;
  std::vector<double> cumulative_;
  std::vector<std::size_t> shops_, parks_;
};

}  // namespace

CountrySummary write_country(const CountryOptions& o) {
  Rng rng(o.seed);
  const Country country = build_country(o.towns, o.areas, rng);
  CountrySummary summary;

  std::vector<TextPolygon> areas;
  for (const CountryArea& a : country.areas) {
    areas.push_back({{a.code, a.name, a.kind}, a.ring});
    ++(a.kind == "kvo_winkelgebied" ? summary.shopping_areas : summary.business_parks);
  }
  write_rd_polygons(o.out_dir / "kvo_gebieden.geojson", "kvo_gebieden", {"code", "naam", "soort"}, areas);
  write_rd_polygons(o.out_dir / "nederland.geojson", "nederland", {"code", "naam"},
                    {{{"NL", "Nederland"}, country.outline}});

  PoliceExportOptions police;
  police.rows = o.rows_per_year * (o.last_year - o.first_year + 1);
  police.seed = o.seed;
  police.out = o.out_dir / "politie.csv";
  police.first_year = o.first_year;
  police.last_year = o.last_year;
  police.bad_share = o.bad_share;
  summary.rows = police.rows;
  summary.bad_rows = write_police_rows(police, rng, CountryPlacer(country));
  return summary;
}

}  // namespace kvo::gen
