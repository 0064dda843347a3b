#pragma once
// Internal to the report: the monthly incident counts per KVO area, read from `incidents`.

#include "report/report_data.hpp"

class GDALDataset;

namespace kvo::io::detail {

/// Fills `d.area_months` and `d.area_months_first` for `d.kvo_areas` from the incidents
/// layer: per period, incidents (unweighted) per whole calendar month by the Amsterdam local
/// date of their start, counted in every area set as area_change's Mann–Kendall trend counts
/// them (engine::whole_months, engine::monthly_counts). Nothing when a part is missing.
void read_area_months(GDALDataset& ds, ReportData& d);

}  // namespace kvo::io::detail
