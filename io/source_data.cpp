#include "io/source_data.hpp"

namespace kvo::io {

void StringColumn::filter(const std::vector<std::uint8_t>& keep) {
  std::string chars;
  std::vector<std::uint64_t> ends;
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    if (!keep[i]) continue;
    chars.append((*this)[i]);
    ends.push_back(chars.size());
  }
  chars_ = std::move(chars);
  ends_ = std::move(ends);
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
