#include "io/read/source_data.hpp"

#include <algorithm>
#include <new>

#include "io/core/errors.hpp"

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
  if (other.ends_.empty()) {  // only empty strings
    if (ends_.empty())
      leading_empty_ += other.leading_empty_;
    else
      ends_.insert(ends_.end(), other.leading_empty_, static_cast<std::uint32_t>(used_));
    return;
  }
  if (ends_.empty()) {
    ends_.assign(leading_empty_, 0);
    leading_empty_ = 0;
  }
  if (used_ + other.used_ > UINT32_MAX) too_long();
  if (used_ + other.used_ > capacity_) grow(used_ + other.used_);
  if (other.used_ > 0) std::memcpy(chars_.get() + used_, other.chars_.get(), other.used_);
  const auto base = static_cast<std::uint32_t>(used_);
  ends_.reserve(ends_.size() + other.ends_.size());
  for (const std::uint32_t e : other.ends_) ends_.push_back(base + e);
  used_ += other.used_;
}

void IncidentTable::append_source(const IncidentTable& source) {
  if (source.origins.size() != 1) throw IoError("internal error: append_source needs a table read from one source");
  const auto origin = static_cast<std::uint16_t>(origins.size());
  origins.push_back(source.origins.front());
  std::vector<std::uint32_t> code_map;
  code_map.reserve(source.codes.size());
  for (const auto& c : source.codes) code_map.push_back(intern_code(c));
  const std::size_t before = size();
  incidents.append(source.incidents);
  std::fill(incidents.source.begin() + static_cast<std::ptrdiff_t>(before), incidents.source.end(), origin);
  row.insert(row.end(), source.row.begin(), source.row.end());
  source_id.append(source.source_id);
  code.reserve(code.size() + source.code.size());
  for (const std::uint32_t c : source.code) code.push_back(code_map[c]);
  remark.append(source.remark);
}

std::uint32_t IncidentTable::intern_code(std::string_view value) {
  auto [it, inserted] = code_index_.try_emplace(std::string(value), static_cast<std::uint32_t>(codes.size()));
  if (inserted) codes.emplace_back(value);
  return it->second;
}

IncidentTable IncidentTable::split_off(const std::vector<std::uint8_t>& flags) {
  IncidentTable out;
  out.origins = origins;
  out.codes = codes;
  out.code_index_ = code_index_;
  out.incidents = incidents.subset(flags);
  std::vector<std::uint8_t> kept(flags.size());
  for (std::size_t i = 0; i < flags.size(); ++i) {
    kept[i] = flags[i] ? 0 : 1;
    if (!flags[i]) continue;
    out.row.push_back(row[i]);
    out.source_id.push_back(source_id[i]);
    out.code.push_back(code[i]);
    out.remark.push_back(remark[i]);
  }
  keep(kept);
  return out;
}

void IncidentTable::keep(const std::vector<std::uint8_t>& flags) {
  incidents.keep(flags);
  auto keep_column = [&](auto& v) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (flags[i]) v[n++] = v[i];
    v.resize(n);
  };
  keep_column(row);
  keep_column(code);
  source_id.filter(flags);
  remark.filter(flags);
}

void IncidentTable::append(const IncidentTable& other) {
  std::vector<std::uint16_t> origin_map;
  for (const auto& o : other.origins) {
    std::size_t k = 0;
    while (k < origins.size() && !(origins[k].name == o.name && origins[k].kind == o.kind)) ++k;
    if (k == origins.size()) origins.push_back(o);
    origin_map.push_back(static_cast<std::uint16_t>(k));
  }
  for (std::size_t i = 0; i < other.size(); ++i) {
    const auto& s = other.incidents;
    incidents.push_back(s.x[i], s.y[i], s.start_utc[i], s.end_utc[i], s.theme[i], s.period[i], s.area[i], s.weight[i],
                        origin_map[s.source[i]]);
    row.push_back(other.row[i]);
    source_id.push_back(other.source_id[i]);
    code.push_back(intern_code(other.codes[other.code[i]]));
    remark.push_back(other.remark[i]);
  }
  // push_back leaves kNoArea in the per-set area columns: copy the other table's.
  const auto& src = other.incidents.set_area;
  auto& dst = incidents.set_area;
  for (std::size_t s = 0; s < src.size(); ++s) {
    if (s >= dst.size()) dst.emplace_back(incidents.size(), engine::kNoArea);
    std::copy(src[s].begin(), src[s].end(), dst[s].end() - static_cast<std::ptrdiff_t>(other.size()));
  }
}

}  // namespace kvo::io
