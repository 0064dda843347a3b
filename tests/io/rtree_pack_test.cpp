#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "io/gpkg/rtree_pack.hpp"

using kvo::io::pack_rtree;
using kvo::io::rtree_entry;
using kvo::io::RtreeEntry;

namespace {

constexpr std::size_t kNodeBytes = 1228;  // SQLite's node size for 2-D trees on 4096-byte pages
constexpr std::size_t kPerNode = 51;

std::uint64_t get_be(const std::vector<unsigned char>& b, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | b[at + static_cast<std::size_t>(i)];
  return v;
}

/// A node decoded from SQLite's format.
struct Node {
  int depth = 0;
  std::vector<RtreeEntry> cells;
};

Node decode(const std::vector<unsigned char>& b) {
  Node n;
  n.depth = static_cast<int>(get_be(b, 0, 2));
  const auto count = get_be(b, 2, 2);
  for (std::size_t c = 0; c < count; ++c) {
    const std::size_t at = 4 + 24 * c;
    RtreeEntry e;
    e.id = static_cast<std::int64_t>(get_be(b, at, 8));
    e.minx = std::bit_cast<float>(static_cast<std::uint32_t>(get_be(b, at + 8, 4)));
    e.maxx = std::bit_cast<float>(static_cast<std::uint32_t>(get_be(b, at + 12, 4)));
    e.miny = std::bit_cast<float>(static_cast<std::uint32_t>(get_be(b, at + 16, 4)));
    e.maxy = std::bit_cast<float>(static_cast<std::uint32_t>(get_be(b, at + 20, 4)));
    n.cells.push_back(e);
  }
  return n;
}

/// Everything a pack produced.
struct Tree {
  std::map<std::int64_t, std::vector<unsigned char>> nodes;
  std::map<std::int64_t, std::int64_t> parent;
  std::vector<std::pair<std::int64_t, std::int64_t>> rowids;  ///< in call order
};

Tree pack(std::vector<RtreeEntry> entries) {
  Tree t;
  kvo::io::RtreeSink sink;
  sink.node = [&](std::int64_t no, std::span<const unsigned char> d) {
    CHECK(d.size() == kNodeBytes);
    CHECK(t.nodes.emplace(no, std::vector<unsigned char>(d.begin(), d.end())).second);
  };
  sink.parent = [&](std::int64_t no, std::int64_t up) { CHECK(t.parent.emplace(no, up).second); };
  sink.rowid = [&](std::int64_t id, std::int64_t no) { t.rowids.emplace_back(id, no); };
  pack_rtree(std::move(entries), kNodeBytes, sink);
  return t;
}

bool contains(const RtreeEntry& outer, const RtreeEntry& inner) {
  return outer.minx <= inner.minx && inner.maxx <= outer.maxx && outer.miny <= inner.miny && inner.maxy <= outer.maxy;
}

/// Checks the invariants SQLite's rtreecheck() checks, and returns the depth.
int check_tree(const Tree& t, const std::vector<RtreeEntry>& entries) {
  REQUIRE(t.nodes.count(1));
  const int depth = decode(t.nodes.at(1)).depth;
  // Walk from the root: each child cell lies inside its parent cell; leaves are at `depth`.
  std::map<std::int64_t, std::int64_t> leaf_of;
  std::vector<std::tuple<std::int64_t, int, RtreeEntry>> stack = {{1, 0, RtreeEntry{0, -INFINITY, INFINITY, -INFINITY, INFINITY}}};
  std::size_t visited = 0;
  while (!stack.empty()) {
    auto [no, level, box] = stack.back();
    stack.pop_back();
    ++visited;
    const Node n = decode(t.nodes.at(no));
    CHECK(n.cells.size() <= kPerNode);
    if (no != 1) CHECK(n.depth == 0);
    for (const auto& c : n.cells) {
      CHECK(contains(box, c));
      if (level == depth) {
        CHECK(leaf_of.emplace(c.id, no).second);
      } else {
        CHECK(t.parent.at(c.id) == no);
        stack.emplace_back(c.id, level + 1, c);
      }
    }
  }
  CHECK(visited == t.nodes.size());
  CHECK(t.parent.size() == t.nodes.size() - 1);
  // Every entry sits in exactly one leaf, with its exact box, and the rowid rows say which.
  REQUIRE(leaf_of.size() == entries.size());
  REQUIRE(t.rowids.size() == entries.size());
  CHECK(std::is_sorted(t.rowids.begin(), t.rowids.end()));
  for (const auto& [id, leaf] : t.rowids) CHECK(leaf_of.at(id) == leaf);
  return depth;
}

std::vector<RtreeEntry> random_entries(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> x(100000, 200000), size(0, 50);
  std::vector<RtreeEntry> out;
  for (std::size_t i = 0; i < n; ++i) {
    const double x0 = x(rng), y0 = x(rng) + 300000;
    out.push_back(rtree_entry(static_cast<std::int64_t>(i * 3 + 7), {x0, x0 + size(rng), y0, y0 + size(rng)}));
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

}  // namespace

TEST_CASE("Bounds are rounded outward to float32, as SQLite stores them", "[io][rtree]") {
  const RtreeEntry e = rtree_entry(1, {0.1, 0.1, 155909.94, 155909.94});
  CHECK(static_cast<double>(e.minx) < 0.1);
  CHECK(static_cast<double>(e.maxx) > 0.1);
  CHECK(e.maxx == std::nextafter(e.minx, INFINITY));  // the tightest float box
  CHECK(static_cast<double>(e.miny) <= 155909.94);
  CHECK(static_cast<double>(e.maxy) >= 155909.94);
  CHECK(e.maxy == std::nextafter(e.miny, INFINITY));
  const RtreeEntry exact = rtree_entry(2, {0.5, 1024.0, -3.25, 7.0});  // representable: unchanged
  CHECK(exact.minx == 0.5f);
  CHECK(exact.maxx == 1024.0f);
  CHECK(exact.miny == -3.25f);
  CHECK(exact.maxy == 7.0f);
}

TEST_CASE("An empty tree is one empty root node", "[io][rtree]") {
  const Tree t = pack({});
  REQUIRE(t.nodes.size() == 1);
  CHECK(std::all_of(t.nodes.at(1).begin(), t.nodes.at(1).end(), [](unsigned char c) { return c == 0; }));
  CHECK(t.parent.empty());
  CHECK(t.rowids.empty());
}

TEST_CASE("A few entries fit in the root, which is then a leaf of depth 0", "[io][rtree]") {
  const std::vector<RtreeEntry> entries = {rtree_entry(9, {1, 2, 3, 4}), rtree_entry(2, {5, 6, 7, 8}),
                                           rtree_entry(5, {0, 0, 0, 0})};
  const Tree t = pack(entries);
  REQUIRE(t.nodes.size() == 1);
  const Node root = decode(t.nodes.at(1));
  CHECK(root.depth == 0);
  CHECK(root.cells.size() == 3);
  CHECK(t.rowids == std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 1}, {5, 1}, {9, 1}});
  CHECK(check_tree(t, entries) == 0);
}

TEST_CASE("Larger trees have full nodes, nested boxes and a complete rowid map", "[io][rtree]") {
  SECTION("1000 entries: 20 leaves under the root") {
    const auto entries = random_entries(1000, 1);
    const Tree t = pack(entries);
    CHECK(t.nodes.size() == 21);  // ceil(1000 / 51) = 20 leaves + root
    CHECK(check_tree(t, entries) == 1);
  }
  SECTION("3000 entries: 59 leaves, 2 inner nodes, the root") {
    const auto entries = random_entries(3000, 2);
    const Tree t = pack(entries);
    CHECK(t.nodes.size() == 62);
    CHECK(check_tree(t, entries) == 2);
  }
  SECTION("exactly one full node") {
    const auto entries = random_entries(51, 3);
    const Tree t = pack(entries);
    CHECK(t.nodes.size() == 1);
    CHECK(check_tree(t, entries) == 0);
  }
}

TEST_CASE("Packing is deterministic and groups near boxes together", "[io][rtree]") {
  const auto entries = random_entries(5000, 4);
  const Tree a = pack(entries), b = pack(entries);
  CHECK(a.nodes == b.nodes);
  // Sort-tile-recursive leaves over a 100 km square tile it: their boxes add up to about
  // the square (1e10 m²), where 99 leaves of randomly grouped boxes would each span it.
  const Node root = decode(a.nodes.at(1));
  REQUIRE(root.depth == 2);
  double leaf_area = 0;
  std::size_t leaves = 0;
  for (const auto& [no, blob] : a.nodes) {
    if (no == 1 || a.parent.at(no) != 1) continue;
    for (const auto& leaf : decode(blob).cells) {
      ++leaves;
      leaf_area += (static_cast<double>(leaf.maxx) - leaf.minx) * (static_cast<double>(leaf.maxy) - leaf.miny);
    }
  }
  CHECK(leaves == 99);
  CHECK(leaf_area < 0.05 * 99 * 1e10);
}
