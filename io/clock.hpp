#pragma once
// The one clock of a run: SOURCE_DATE_EPOCH when set (reproducible outputs), else now.

#include <cstdint>
#include <string>

namespace kvo::io {

/// Seconds since the epoch (UTC): SOURCE_DATE_EPOCH when set, else the current time.
std::int64_t run_time_utc();
/// "YYYY-MM-DDTHH:MM:SS.000Z" of an instant (the GeoPackage datetime form).
std::string iso_utc(std::int64_t utc_seconds);

}  // namespace kvo::io
