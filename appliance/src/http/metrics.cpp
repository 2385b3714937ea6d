// SPDX-License-Identifier: Apache-2.0
// Prometheus text rendering; label values are escaped per the exposition format.
#include "http/metrics.hpp"

#include <sstream>

namespace authcore::appliance {
namespace {

std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

std::string Metrics::methodLabel(const std::string& method) {
    for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        if (method == known) return method;
    return "OTHER";
}

void Metrics::observeRequest(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    auto& h = latency_[{method, route}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::increment(const std::string& name, const std::string& labelName, const std::string& value) {
    std::lock_guard lock(mutex_);
    ++counters_[{name, labelName, value}];
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP authcore_http_requests_total HTTP requests by method, route and status.\n"
        << "# TYPE authcore_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "authcore_http_requests_total{method=\"" << label(std::get<0>(key)) << "\",route=\""
            << label(std::get<1>(key)) << "\",status=\"" << std::get<2>(key) << "\"} " << n << '\n';
    out << "# HELP authcore_http_request_duration_seconds HTTP request latency by method and route.\n"
        << "# TYPE authcore_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        const auto labels = "method=\"" + label(key.first) + "\",route=\"" + label(key.second) + "\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "authcore_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
                << h.buckets[i] << '\n';
        out << "authcore_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << '\n';
        out << "authcore_http_request_duration_seconds_sum{" << labels << "} " << h.sum << '\n';
        out << "authcore_http_request_duration_seconds_count{" << labels << "} " << h.count << '\n';
    }
    std::string lastName;
    for (const auto& [key, n] : counters_) {
        const auto& [name, labelName, value] = key;
        if (name != lastName) out << "# TYPE " << name << " counter\n";
        lastName = name;
        out << name << "{" << labelName << "=\"" << label(value) << "\"} " << n << '\n';
    }
    return out.str();
}

} // namespace authcore::appliance
