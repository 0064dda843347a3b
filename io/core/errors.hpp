#pragma once
// The exceptions kvo throws for whole-run failures. A bad record is never an exception:
// it becomes a Reject (io/read/rejects.hpp).

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kvo::io {

/// Where a problem is: file, layer, line or row, and key or field. Empty parts are omitted.
struct Location {
  std::string path;       ///< file or dataset
  std::string layer;      ///< layer inside the dataset
  std::int64_t line = 0;  ///< 1-based line (spec files) or data row (sources); 0 = none
  std::string key;        ///< spec key or field name
  /// "path:line: key 'k'" style text; empty when nothing is known.
  [[nodiscard]] std::string describe() const;
};

/// A Location naming a file, optionally a line/row and a key/field.
inline Location at(std::string path, std::int64_t line = 0, std::string key = {}) {
  return Location{std::move(path), {}, line, std::move(key)};
}

/// Base of kvo's exceptions: a message plus where it happened.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, Location where = {});
  /// Where the problem is.
  [[nodiscard]] const Location& where() const { return where_; }
  /// The message without the location.
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  Location where_;
  std::string message_;
};

/// The spec is invalid (unknown key, wrong type, bad value).
class ConfigError : public Error {
  using Error::Error;
};
/// An input cannot be read as a whole (missing file, missing field, no CRS).
class InputError : public Error {
  using Error::Error;
};
/// Writing or a library call failed.
class IoError : public Error {
  using Error::Error;
};
/// A follow-up's method differs from its baseline's.
class ComparabilityError : public Error {
  using Error::Error;
};
/// The run was cancelled.
class Cancelled : public Error {
  using Error::Error;
};

}  // namespace kvo::io
