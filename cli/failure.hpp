#pragma once
// The one place where exceptions become messages: every command body runs through
// `guarded`, so a bad input is always a one-line message and never a crash.

#include <functional>
#include <optional>
#include <string>

namespace kvo::cli {

/// Runs `body`; returns nullopt when it finished, else the message for the user: an
/// io::Error as it says (file, line, key), a file-system failure as its path and cause,
/// anything else as "SUBJECT: internal error: …" (a bug in kvo, never a bad input).
std::optional<std::string> guarded(const std::function<void()>& body, const std::string& subject);

}  // namespace kvo::cli
