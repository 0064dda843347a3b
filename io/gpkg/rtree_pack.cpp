#include "io/gpkg/rtree_pack.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace {

constexpr std::size_t kHeaderBytes = 4;  // depth (root only) and cell count
constexpr std::size_t kCellBytes = 24;   // 8-byte id and four float32 coordinates

void put_be(unsigned char* p, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<unsigned char>(v & 0xff);
}

float centre_x(const RtreeEntry& e) {
  return e.minx * 0.5f + e.maxx * 0.5f;
}
float centre_y(const RtreeEntry& e) {
  return e.miny * 0.5f + e.maxy * 0.5f;
}

/// Sort-tile-recursive order: vertical slices by centre x, each sorted by centre y, so that
/// consecutive runs of `per_node` entries form compact nodes. Ties go by id (deterministic).
void str_order(std::vector<RtreeEntry>& items, std::size_t per_node) {
  const std::size_t nodes = (items.size() + per_node - 1) / per_node;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t per_slice = std::max<std::size_t>(1, slices) * per_node;
  auto by = [](auto key) {
    return [key](const RtreeEntry& a, const RtreeEntry& b) {
      const float ka = key(a), kb = key(b);
      return ka < kb || (ka == kb && a.id < b.id);
    };
  };
  std::sort(items.begin(), items.end(), by(centre_x));
  for (std::size_t s = 0; s < items.size(); s += per_slice)
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(s),
              items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), s + per_slice)), by(centre_y));
}

}  // namespace

RtreeEntry rtree_entry(std::int64_t id, const Envelope& e) {
  auto down = [](double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) > d) f = std::nextafter(f, -INFINITY);
    return f;
  };
  auto up = [](double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) < d) f = std::nextafter(f, INFINITY);
    return f;
  };
  return {id, down(e.minx), up(e.maxx), down(e.miny), up(e.maxy)};
}

void pack_rtree(std::vector<RtreeEntry> entries, std::size_t node_bytes, const RtreeSink& sink) {
  if (node_bytes < kHeaderBytes + 2 * kCellBytes) throw IoError("R-tree node size too small");
  const std::size_t per_node = (node_bytes - kHeaderBytes) / kCellBytes;
  if (entries.size() > UINT32_MAX) throw IoError("too many features for one R-tree");

  // Nodes per level, leaves first; node numbers go root = 1, then level by level downwards.
  std::vector<std::size_t> count;
  for (std::size_t n = entries.size();;) {
    n = std::max<std::size_t>(1, (n + per_node - 1) / per_node);
    count.push_back(n);
    if (n == 1) break;
  }
  const std::size_t depth = count.size() - 1;
  std::vector<std::int64_t> first(count.size());
  std::int64_t next = 1;
  for (std::size_t level = count.size(); level-- > 0;) {
    first[level] = next;
    next += static_cast<std::int64_t>(count[level]);
  }

  std::vector<unsigned char> blob(node_bytes);
  std::vector<RtreeEntry> items = std::move(entries);
  for (std::size_t level = 0; level <= depth; ++level) {
    str_order(items, per_node);
    std::vector<RtreeEntry> parents;
    parents.reserve(count[level]);
    for (std::size_t k = 0; k < count[level]; ++k) {
      const std::size_t begin = k * per_node, end = std::min(items.size(), begin + per_node);
      const std::int64_t nodeno = first[level] + static_cast<std::int64_t>(k);
      std::fill(blob.begin(), blob.end(), 0);
      if (level == depth) put_be(blob.data(), depth, 2);
      put_be(blob.data() + 2, end - begin, 2);
      RtreeEntry box{nodeno, INFINITY, -INFINITY, INFINITY, -INFINITY};
      unsigned char* cell = blob.data() + kHeaderBytes;
      for (std::size_t i = begin; i < end; ++i, cell += kCellBytes) {
        const RtreeEntry& e = items[i];
        put_be(cell, static_cast<std::uint64_t>(e.id), 8);
        const float coords[4] = {e.minx, e.maxx, e.miny, e.maxy};
        for (int c = 0; c < 4; ++c) put_be(cell + 8 + 4 * c, std::bit_cast<std::uint32_t>(coords[c]), 4);
        box.minx = std::min(box.minx, e.minx);
        box.maxx = std::max(box.maxx, e.maxx);
        box.miny = std::min(box.miny, e.miny);
        box.maxy = std::max(box.maxy, e.maxy);
        if (level > 0) sink.parent(e.id, nodeno);
      }
      sink.node(nodeno, blob);
      parents.push_back(box);
    }
    if (level == 0) {
      // Each entry's leaf, in id order (SQLite's rowid table is keyed by id).
      std::vector<std::uint32_t> by_id(items.size());
      std::iota(by_id.begin(), by_id.end(), 0u);
      std::sort(by_id.begin(), by_id.end(),
                [&](std::uint32_t a, std::uint32_t b) { return items[a].id < items[b].id; });
      for (std::uint32_t p : by_id) sink.rowid(items[p].id, first[0] + static_cast<std::int64_t>(p / per_node));
    }
    items = std::move(parents);
  }
}

}  // namespace kvo::io
