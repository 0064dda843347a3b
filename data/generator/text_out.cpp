#include "data/generator/text_out.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <system_error>

namespace kvo::gen {

namespace {
constexpr std::size_t kBufferBytes = 1 << 20;
}

OutFile::OutFile(const std::filesystem::path& path) : path_(path.string()) {
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_) throw std::runtime_error("cannot write " + path_);
  buffer_.reserve(kBufferBytes);
}

OutFile::~OutFile() {
  if (file_) std::fclose(file_);
}

void OutFile::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferBytes) flush();
  if (bytes.size() > kBufferBytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) throw std::runtime_error("cannot write " + path_);
    return;
  }
  buffer_.append(bytes);
}

void OutFile::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw std::runtime_error("cannot write " + path_);
  buffer_.clear();
}

void OutFile::close() {
  if (!file_) return;
  flush();
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) throw std::runtime_error("cannot write " + path_);
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  OutFile f(path);
  f.write(bytes);
  f.close();
}

void append_fixed(std::string& out, double value, int decimals, char separator) {
  std::array<char, 64> buf;
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) throw std::runtime_error("number too long to format");
  for (char* p = buf.data(); p != r.ptr; ++p) out += *p == '.' ? separator : *p;
}

void append_int(std::string& out, std::int64_t value, int width) {
  std::array<char, 24> buf;
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value < 0 ? -value : value);
  if (value < 0) out += '-';
  for (auto n = r.ptr - buf.data(); n < width; ++n) out += '0';
  out.append(buf.data(), r.ptr);
}

void append_csv_field(std::string& out, std::string_view value, char separator) {
  if (value.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string_view::npos) {
    out.append(value);
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string utf8_to_cp1252(std::string_view s) {
  // Code points U+0080–U+00FF map to themselves except 0x80–0x9F; those bytes carry these.
  static constexpr std::array<std::uint16_t, 32> k80 = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) cp = c & 0x07, len = 4;
    else if (c >= 0xE0) cp = c & 0x0F, len = 3;
    else if (c >= 0xC0) cp = c & 0x1F, len = 2;
    else if (c >= 0x80) throw std::runtime_error("invalid UTF-8 in generator text");
    if (i + len > s.size()) throw std::runtime_error("truncated UTF-8 in generator text");
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
      continue;
    }
    bool found = false;
    for (std::size_t k = 0; k < k80.size() && !found; ++k)
      if (k80[k] == cp) out += static_cast<char>(0x80 + k), found = true;
    if (!found) throw std::runtime_error("character not in Windows-1252: U+" + std::to_string(cp));
  }
  return out;
}

}  // namespace kvo::gen
