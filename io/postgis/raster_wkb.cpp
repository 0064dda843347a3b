#include "io/postgis/raster_wkb.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace kvo::io {

namespace {

static_assert(std::endian::native == std::endian::little, "raster WKB is written in the machine's (NDR) order");

constexpr std::uint8_t kNdr = 1;
constexpr std::uint8_t kHasNodata = 0x40;
constexpr std::uint8_t kPixel32BF = 10;

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

}  // namespace

std::string raster_wkb(const RasterTile& t) {
  if (t.width <= 0 || t.height <= 0 || t.width > 65535 || t.height > 65535)
    throw std::invalid_argument("a raster tile is 1 to 65535 cells wide and high");
  std::string out;
  out.reserve(61 + 5 + static_cast<std::size_t>(t.width) * static_cast<std::size_t>(t.height) * 4);
  put<std::uint8_t>(out, kNdr);
  put<std::uint16_t>(out, 0);  // format version
  put<std::uint16_t>(out, 1);  // bands
  put<double>(out, t.cell_size);
  put<double>(out, -t.cell_size);
  put<double>(out, t.west);
  put<double>(out, t.north);
  put<double>(out, 0.0);  // skew x
  put<double>(out, 0.0);  // skew y
  put<std::int32_t>(out, t.srid);
  put<std::uint16_t>(out, static_cast<std::uint16_t>(t.width));
  put<std::uint16_t>(out, static_cast<std::uint16_t>(t.height));
  put<std::uint8_t>(out, kHasNodata | kPixel32BF);
  put<float>(out, t.nodata);
  for (int r = 0; r < t.height; ++r)
    out.append(reinterpret_cast<const char*>(t.cells + static_cast<std::size_t>(r) * t.row_stride),
               static_cast<std::size_t>(t.width) * sizeof(float));
  return out;
}

bool tile_is_empty(const RasterTile& t) {
  for (int r = 0; r < t.height; ++r) {
    const float* row = t.cells + static_cast<std::size_t>(r) * t.row_stride;
    for (int c = 0; c < t.width; ++c)
      if (row[c] != t.nodata) return false;
  }
  return true;
}

}  // namespace kvo::io
