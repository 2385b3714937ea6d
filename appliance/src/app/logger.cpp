// SPDX-License-Identifier: Apache-2.0
// Log line formatting; control characters are escaped so a field cannot forge a line.
#include "app/logger.hpp"

#include <authcore/time.hpp>

#include <cstdio>
#include <iostream>

namespace authcore::appliance {
namespace {

constexpr const char* kLevelNames[] = {"debug", "info", "warning", "error"};

std::string escape(std::string_view text, bool json) {
    std::string out;
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, json ? "\\u%04x" : "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

} // namespace

std::optional<LogLevel> parseLogLevel(std::string_view text) {
    for (int i = 0; i < 4; ++i)
        if (text == kLevelNames[i]) return static_cast<LogLevel>(i);
    if (text == "warn") return LogLevel::Warning;
    return std::nullopt;
}

void Logger::log(LogLevel level, std::string_view message, const Fields& fields) {
    if (!enabled(level)) return;
    const auto now = formatTimestamp(SystemClock().now());
    const char* name = kLevelNames[static_cast<int>(level)];
    std::string line;
    if (json_) {
        line = "{\"time\":\"" + now + "\",\"level\":\"" + name + "\",\"msg\":\"" + escape(message, true) + "\"";
        for (const auto& [k, v] : fields) line += ",\"" + escape(k, true) + "\":\"" + escape(v, true) + "\"";
        line += "}\n";
    } else {
        line = now + " " + name + " " + escape(message, false);
        for (const auto& [k, v] : fields) line += " " + k + "=\"" + escape(v, false) + "\"";
        line += "\n";
    }
    std::lock_guard lock(mutex_);
    std::cerr << line << std::flush;
}

} // namespace authcore::appliance
