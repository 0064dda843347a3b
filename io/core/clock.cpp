#include "io/core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "engine/civil_time.hpp"

namespace kvo::io {

// The only place that reads SOURCE_DATE_EPOCH.
static const char* source_date_epoch() {
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  return sde && *sde ? sde : nullptr;
}

bool run_time_pinned() {
  return source_date_epoch() != nullptr;
}

std::int64_t run_time_utc() {
  if (const char* sde = source_date_epoch()) return std::strtoll(sde, nullptr, 10);
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string iso_utc(std::int64_t t) {
  const auto day = static_cast<std::int32_t>(engine::floor_div(t, 86400));
  const auto d = engine::civil_from_days(day);
  const auto sod = t - static_cast<std::int64_t>(day) * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.000Z", d.year, d.month, d.day,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
  return buf;
}

}  // namespace kvo::io
