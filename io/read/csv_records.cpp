#include "io/read/csv_records.hpp"

#include <fstream>

#include "io/core/errors.hpp"

namespace kvo::io {

CsvRecordSplitter::CsvRecordSplitter(std::vector<std::int64_t> wanted)
    : wanted_(std::move(wanted)), kept_(wanted_.size()) {
  keeping_ = !wanted_.empty() && wanted_[0] == 0;
}

void CsvRecordSplitter::end_record() {
  const bool blank = only_cr_;
  if (!blank) {
    if (keeping_) {
      // A "\r" right before the line feed belongs to the terminator.
      if (!current_.empty() && current_.back() == '\r') current_.pop_back();
      kept_[next_wanted_++] = std::move(current_);
    }
    ++count_;
  }
  current_.clear();
  length_ = 0;
  only_cr_ = true;
  keeping_ = next_wanted_ < wanted_.size() && wanted_[next_wanted_] == count_;
}

void CsvRecordSplitter::feed(std::string_view chunk) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c == '"') {
      in_quotes_ = !in_quotes_;
    } else if (c == '\n' && !in_quotes_) {
      if (keeping_) current_.append(chunk.substr(start, i - start));
      end_record();
      start = i + 1;
      continue;
    }
    // A record is blank only while it holds nothing or a single "\r".
    if (only_cr_ && !(c == '\r' && length_ == 0)) only_cr_ = false;
    ++length_;
  }
  if (keeping_) current_.append(chunk.substr(start));
}

void CsvRecordSplitter::finish() {
  if (length_ > 0) end_record();
}

std::vector<std::string> read_csv_records(const std::filesystem::path& path, const std::vector<std::int64_t>& rows,
                                          std::int64_t expected_rows, std::uint64_t offset) {
  // Data row r is record r (record 0 is the header).
  CsvRecordSplitter splitter(rows);
  std::ifstream in(path, std::ios::binary);
  if (!in || !in.seekg(static_cast<std::streamoff>(offset)))
    throw InputError("cannot read the file again for the rejected records", at(path.string()));
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    splitter.feed(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  splitter.finish();
  if (splitter.records() != expected_rows + 1) return {};
  return splitter.kept();
}

std::optional<LineStart> find_line(const std::filesystem::path& path, std::int64_t line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read the file", at(path.string()));
  std::uint64_t offset = 0;
  std::int64_t at_line = 1;
  std::string buffer(1 << 16, '\0');
  std::optional<LineStart> found;
  if (line == 1) found = LineStart{0, true};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < n; ++i) {
      const char c = buffer[i];
      if (found) {
        if (c == '\n') return found;
        if (c != ' ' && c != '\t' && c != '\r') found->blank = false;
      } else if (c == '\n' && ++at_line == line) {
        found = LineStart{offset + i + 1, true};
      }
    }
    offset += n;
  }
  // The last line need not end with a line feed; an empty one after the last "\n" is no line.
  if (found && found->offset == offset) return std::nullopt;
  return found;
}

std::string escape_record(std::string_view bytes, Encoding encoding) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() + 16);
  auto escape_byte = [&](unsigned char b) {
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 15];
  };
  const bool cp1252 = encoding == Encoding::windows1252 || (encoding == Encoding::auto_detect && !is_valid_utf8(bytes));
  for (std::size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b == '\\') {
      out += "\\\\";
      ++i;
    } else if ((b < 0x20 && b != '\t') || b == 0x7F) {
      escape_byte(b);
      ++i;
    } else if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
    } else if (cp1252) {
      out += windows1252_to_utf8(bytes.substr(i, 1));
      ++i;
    } else {
      // One UTF-8 sequence when it is valid, else the byte escaped.
      const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      if (len > 1 && i + len <= bytes.size() && is_valid_utf8(bytes.substr(i, len))) {
        out.append(bytes.substr(i, len));
        i += len;
      } else {
        escape_byte(b);
        ++i;
      }
    }
  }
  return out;
}

}  // namespace kvo::io
