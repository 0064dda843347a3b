#include "io/source_data.hpp"

#include <algorithm>
#include <new>

#include "io/errors.hpp"

namespace kvo::io {

void StringColumn::grow(std::size_t needed) {
  std::size_t capacity = std::max<std::size_t>({needed, capacity_ + capacity_ / 2, 4096});
  char* p = static_cast<char*>(std::realloc(chars_.get(), capacity));
  if (!p) throw std::bad_alloc();
  (void)chars_.release();
  chars_.reset(p);
  capacity_ = capacity;
}

void StringColumn::too_long() {
  throw IoError("more than 4 GiB of text in one column (ids or remarks): split the run into smaller ones");
}

void StringColumn::filter(const std::vector<std::uint8_t>& keep) {
  if (ends_.empty()) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < leading_empty_; ++i) kept += keep[i] ? 1 : 0;
    leading_empty_ = kept;
    return;
  }
  // Compacts in place: a kept string never moves forward.
  std::size_t out = 0, used = 0;
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    if (!keep[i]) continue;
    const std::string_view s = (*this)[i];
    if (!s.empty()) std::memmove(chars_.get() + used, s.data(), s.size());
    used += s.size();
    ends_[out++] = static_cast<std::uint32_t>(used);
  }
  ends_.resize(out);
  used_ = used;
  leading_empty_ = 0;
}

void StringColumn::append(const StringColumn& other) {
  for (std::size_t i = 0; i < other.size(); ++i) push_back(other[i]);
}

std::uint32_t IncidentTable::intern_code(std::string_view value) {
  auto [it, inserted] = code_index_.try_emplace(std::string(value), static_cast<std::uint32_t>(codes.size()));
  if (inserted) codes.emplace_back(value);
  return it->second;
}

}  // namespace kvo::io
