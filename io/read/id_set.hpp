#pragma once
// Duplicate-id detection shared by the record readers (incident and survey sources): the
// first accepted occurrence of an id wins, later ones are rejected as `duplicate_id`.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace kvo::io {

/// FNV-1a 64-bit hash of an id.
inline std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

/// Fast set of 64-bit id hashes (open addressing, linear probing). A 64-bit hash collision
// between two different ids among 10 million has a probability of about 3e-6; we accept it.
// Each part grows by half when 80 % full, so the set holds 10 to 15 bytes per id (a
// power-of-two table would need up to 19). It is split into 64 parts by the hash's top
// bits so that growing (old and new table alive at once) never doubles its memory.
class IdSet {
 public:
  /// Adds a hash; false when it was there already.
  bool insert(std::uint64_t h) { return parts_[h >> 58].insert(h == 0 ? 1 : h); }
  /// Adds an id (by its hash); false when it was seen before.
  bool insert(std::string_view id) { return insert(fnv1a(id)); }

 private:
  class Part {
   public:
    bool insert(std::uint64_t h) {  // h != 0: 0 marks an empty slot
      if ((size_ + 1) * 5 > slots_.size() * 4) grow();
      const std::size_t n = slots_.size();
      for (std::size_t i = home(h, n);; i = i + 1 == n ? 0 : i + 1) {
        if (slots_[i] == h) return false;
        if (slots_[i] == 0) {
          slots_[i] = h;
          ++size_;
          return true;
        }
      }
    }

   private:
    __extension__ using Wide = unsigned __int128;
    /// Maps a hash to [0, n) by multiplying (no power-of-two size needed).
    static std::size_t home(std::uint64_t h, std::size_t n) {
      return static_cast<std::size_t>((static_cast<Wide>(h * 0x9E3779B97F4A7C15ull) * n) >> 64);
    }
    void grow() {
      std::vector<std::uint64_t> old = std::move(slots_);
      slots_.assign(old.empty() ? 64 : old.size() + old.size() / 2, 0);
      size_ = 0;
      for (auto h : old)
        if (h) insert(h);
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
  };
  std::array<Part, 64> parts_;
};

}  // namespace kvo::io
