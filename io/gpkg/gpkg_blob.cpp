#include "io/gpkg/gpkg_blob.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace {

[[noreturn]] void malformed(const char* why) {
  throw IoError(std::string("malformed GeoPackage geometry: ") + why);
}

/// A bounds-checked reader over little- or big-endian binary data.
class Reader {
 public:
  explicit Reader(std::span<const unsigned char> data) : data_(data) {}
  void set_little_endian(bool le) { little_ = le; }
  std::uint8_t byte() {
    need(1);
    return data_[pos_++];
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    std::memcpy(&v, data_.data() + pos_, 4);
    pos_ += 4;
    return little_ == (std::endian::native == std::endian::little) ? v : byteswap(v);
  }
  double f64() {
    need(8);
    std::uint64_t v = 0;
    std::memcpy(&v, data_.data() + pos_, 8);
    pos_ += 8;
    if (little_ != (std::endian::native == std::endian::little)) v = byteswap(v);
    return std::bit_cast<double>(v);
  }
  void skip(std::size_t n) {
    need(n);
    pos_ += n;
  }

 private:
  static std::uint32_t byteswap(std::uint32_t v) { return __builtin_bswap32(v); }
  static std::uint64_t byteswap(std::uint64_t v) { return __builtin_bswap64(v); }
  void need(std::size_t n) const {
    if (data_.size() - pos_ < n) malformed("truncated");
  }
  std::span<const unsigned char> data_;
  std::size_t pos_ = 0;
  bool little_ = true;
};

struct Bounds {
  double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
  void add(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return;  // an empty point is written as NaN, NaN
    minx = std::min(minx, x);
    maxx = std::max(maxx, x);
    miny = std::min(miny, y);
    maxy = std::max(maxy, y);
  }
  [[nodiscard]] bool empty() const { return !(minx <= maxx); }
};

/// Coordinates per vertex (2, 3 or 4) and base type (1–7) of an ISO or EWKB type code.
std::pair<int, std::uint32_t> wkb_type(std::uint32_t code) {
  int dims = 2;
  if (code & 0x80000000u) ++dims;  // EWKB Z
  if (code & 0x40000000u) ++dims;  // EWKB M
  code &= 0x0fffffffu;
  const std::uint32_t thousands = code / 1000;
  if (thousands == 1 || thousands == 2)
    ++dims;
  else if (thousands == 3)
    dims += 2;
  return {dims, code % 1000};
}

void add_points(Reader& r, int dims, std::uint32_t n, Bounds& b) {
  for (std::uint32_t i = 0; i < n; ++i) {
    const double x = r.f64(), y = r.f64();
    r.skip(8 * static_cast<std::size_t>(dims - 2));
    b.add(x, y);
  }
}

void add_wkb(Reader& r, Bounds& b, int depth) {
  if (depth > 32) malformed("nested too deeply");
  const std::uint8_t order = r.byte();
  if (order > 1) malformed("bad WKB byte order");
  r.set_little_endian(order == 1);
  const auto [dims, type] = wkb_type(r.u32());
  switch (type) {
    case 1:
      add_points(r, dims, 1, b);
      break;
    case 2:
      add_points(r, dims, r.u32(), b);
      break;
    case 3:
      for (std::uint32_t rings = r.u32(), i = 0; i < rings; ++i) add_points(r, dims, r.u32(), b);
      break;
    case 4:
    case 5:
    case 6:
    case 7:
      for (std::uint32_t parts = r.u32(), i = 0; i < parts; ++i) add_wkb(r, b, depth + 1);
      break;
    default:
      malformed("unsupported WKB geometry type");
  }
}

}  // namespace

std::optional<Envelope> gpkg_blob_envelope(std::span<const unsigned char> blob) {
  Reader r(blob);
  if (r.byte() != 'G' || r.byte() != 'P') malformed("no 'GP' magic");
  r.byte();  // version
  const std::uint8_t flags = r.byte();
  if (flags & 0x20) malformed("extended geometry types are not supported");
  r.set_little_endian(flags & 0x01);
  r.u32();                                // srs_id
  if (flags & 0x10) return std::nullopt;  // empty geometry
  const int envelope = (flags >> 1) & 0x07;
  if (envelope > 4) malformed("bad envelope code");
  if (envelope > 0) {
    Envelope e;
    e.minx = r.f64();
    e.maxx = r.f64();
    e.miny = r.f64();
    e.maxy = r.f64();
    // An empty geometry may carry a NaN envelope; a non-finite one cannot be indexed.
    if (!std::isfinite(e.minx) || !std::isfinite(e.maxx) || !std::isfinite(e.miny) || !std::isfinite(e.maxy))
      return std::nullopt;
    return e;
  }
  Bounds b;
  add_wkb(r, b, 0);
  if (b.empty()) return std::nullopt;
  return Envelope{b.minx, b.maxx, b.miny, b.maxy};
}

}  // namespace kvo::io
