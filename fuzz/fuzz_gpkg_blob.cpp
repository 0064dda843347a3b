// Fuzzes the GeoPackage geometry blob envelope reader (header envelope or WKB walk).
#include <cstddef>
#include <cstdint>
#include <span>

#include "io/core/errors.hpp"
#include "io/gpkg/gpkg_blob.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto e = kvo::io::gpkg_blob_envelope(std::span<const unsigned char>(data, size));
    // Without a header envelope the box comes from the WKB's finite vertices: never inverted.
    const bool from_wkb = size > 3 && ((data[3] >> 1) & 0x07) == 0;
    if (e && from_wkb && !(e->minx <= e->maxx && e->miny <= e->maxy)) __builtin_trap();
  } catch (const kvo::io::IoError&) {
    // The documented answer to a blob that is not a GeoPackage geometry.
  }
  return 0;
}
