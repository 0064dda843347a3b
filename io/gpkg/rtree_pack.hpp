#pragma once
// Packs boxes into a static R-tree (sort-tile-recursive, Leutenegger et al. 1997) laid out
// exactly as SQLite's R*Tree module stores it, so a whole index is written in one pass
// instead of one insertion at a time. SQLite's format (ext/rtree/rtree.c): node 1 is the
// root and starts with the tree depth (2 bytes, big-endian); every node then holds its cell
// count (2 bytes) and cells of an 8-byte id followed by minx, maxx, miny, maxy as float32,
// all big-endian, zero-padded to the node size.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "io/gpkg/gpkg_blob.hpp"

namespace kvo::io {

/// One indexed box: the feature id and its bounds rounded outward to float32 (as SQLite does).
struct RtreeEntry {
  std::int64_t id = 0;
  float minx = 0, maxx = 0, miny = 0, maxy = 0;
};

/// The entry SQLite would store for `id` with bounds `e` (minima rounded down, maxima up).
RtreeEntry rtree_entry(std::int64_t id, const Envelope& e);

/// Where the packed tree goes: the three shadow tables of an SQLite R*Tree.
struct RtreeSink {
  std::function<void(std::int64_t nodeno, std::span<const unsigned char> data)> node;
  std::function<void(std::int64_t nodeno, std::int64_t parentnode)> parent;  ///< every node but the root
  std::function<void(std::int64_t id, std::int64_t nodeno)> rowid;           ///< every entry's leaf, in id order
};

/// Packs `entries` (ids unique) into nodes of `node_bytes` bytes (SQLite picks 1228 for
/// two dimensions on 4096-byte pages). The root is node 1; an empty tree is an empty root.
void pack_rtree(std::vector<RtreeEntry> entries, std::size_t node_bytes, const RtreeSink& sink);

}  // namespace kvo::io
