#pragma once
// The one clock of a run: SOURCE_DATE_EPOCH when set (reproducible outputs), else now.

#include <cstdint>
#include <string>

namespace kvo::io {

/// Seconds since the epoch (UTC): SOURCE_DATE_EPOCH when set, else the current time.
std::int64_t run_time_utc();
/// True when SOURCE_DATE_EPOCH pins the run's clock (reproducible output wanted).
bool run_time_pinned();
/// "YYYY-MM-DDTHH:MM:SS.000Z" of an instant (the GeoPackage datetime form).
std::string iso_utc(std::int64_t utc_seconds);

}  // namespace kvo::io
