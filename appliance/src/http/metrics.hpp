// SPDX-License-Identifier: Apache-2.0
// Metrics: Prometheus counters and latency histograms per route and status.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace authcore::appliance {

class Metrics {
public:
    /// Records one finished request.
    void observeRequest(const std::string& method, const std::string& route, int status, double seconds);
    /// Adds to a named counter with one label (e.g. tokens issued per grant).
    void increment(const std::string& name, const std::string& label, const std::string& value);
    /// The method as a label: the standard ones, anything else "OTHER", so
    /// clients cannot grow the series without bound.
    static std::string methodLabel(const std::string& method);
    /// Prometheus text exposition format 0.0.4.
    std::string render() const;

private:
    static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0};
    struct Histogram {
        std::array<unsigned long long, kBuckets.size()> buckets{};
        unsigned long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;
    std::map<std::tuple<std::string, std::string, std::string>, unsigned long long> counters_;
};

} // namespace authcore::appliance
