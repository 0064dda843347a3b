#include "cli/failure.hpp"

#include <filesystem>
#include <new>

#include "io/core/errors.hpp"

namespace kvo::cli {

std::optional<std::string> guarded(const std::function<void()>& body, const std::string& subject) {
  try {
    body();
    return std::nullopt;
  } catch (const io::Error& e) {
    return std::string(e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return (e.path1().empty() ? subject : e.path1().string()) + ": " + e.code().message();
  } catch (const std::bad_alloc&) {
    return subject + ": out of memory (a smaller extent, a larger cell size or fewer themes needs less)";
  } catch (const std::exception& e) {
    return subject + ": internal error: " + e.what();
  }
}

}  // namespace kvo::cli
