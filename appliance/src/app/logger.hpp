// SPDX-License-Identifier: Apache-2.0
// Logger: one line per event on stderr (journald), text or JSON lines.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace authcore::appliance {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };
std::optional<LogLevel> parseLogLevel(std::string_view text);

class Logger {
public:
    using Fields = std::map<std::string, std::string>;
    Logger(LogLevel level, bool json) : level_(level), json_(json) {}
    /// Callers pass no secrets: fields are written verbatim (escaped).
    void log(LogLevel level, std::string_view message, const Fields& fields = {});
    void info(std::string_view message, const Fields& fields = {}) { log(LogLevel::Info, message, fields); }
    void warn(std::string_view message, const Fields& fields = {}) { log(LogLevel::Warning, message, fields); }
    void error(std::string_view message, const Fields& fields = {}) { log(LogLevel::Error, message, fields); }
    void setLevel(LogLevel level) { level_ = level; }
    bool enabled(LogLevel level) const { return level >= level_.load(); }

private:
    std::atomic<LogLevel> level_;
    bool json_;
    std::mutex mutex_;
};

} // namespace authcore::appliance
