// SPDX-License-Identifier: Apache-2.0
// In-process CodeStore: a mutex-guarded map with lazy expiry and periodic sweeps.
#include <authcore/ephemeral/code_store.hpp>
#include <authcore/time.hpp>

#include <mutex>
#include <unordered_map>

namespace authcore {
namespace {

class MemoryCodeStore final : public CodeStore {
public:
    explicit MemoryCodeStore(const Clock& clock) : clock_(clock) {}

    bool putIfAbsent(const std::string& key, const std::string& value, std::chrono::seconds ttl) override {
        std::lock_guard lock(mutex_);
        const auto now = clock_.now();
        sweepIfDue(now);
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.expiresAt > now) return false;
        entries_[key] = Entry{value, 0, now + ttl};
        return true;
    }

    std::optional<std::string> take(const std::string& key) override {
        std::lock_guard lock(mutex_);
        auto it = liveEntry(key);
        if (it == entries_.end()) return std::nullopt;
        std::string value = std::move(it->second.value);
        entries_.erase(it);
        return value;
    }

    std::optional<std::string> get(const std::string& key) override {
        std::lock_guard lock(mutex_);
        auto it = liveEntry(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second.value;
    }

    void remove(const std::string& key) override {
        std::lock_guard lock(mutex_);
        entries_.erase(key);
    }

    Count increment(const std::string& key, std::chrono::seconds window) override {
        std::lock_guard lock(mutex_);
        const auto now = clock_.now();
        sweepIfDue(now);
        auto it = liveEntry(key);
        if (it == entries_.end()) it = entries_.insert_or_assign(key, Entry{{}, 0, now + window}).first;
        ++it->second.counter;
        return Count{it->second.counter, it->second.expiresAt - now};
    }

    bool ping() override { return true; }

private:
    struct Entry {
        std::string value;
        long long counter = 0;
        Timestamp expiresAt{};
    };
    using Map = std::unordered_map<std::string, Entry>;

    Map::iterator liveEntry(const std::string& key) {
        auto it = entries_.find(key);
        if (it == entries_.end()) return it;
        if (it->second.expiresAt <= clock_.now()) {
            entries_.erase(it);
            return entries_.end();
        }
        return it;
    }

    // Expired entries nobody reads again would otherwise stay forever.
    void sweepIfDue(Timestamp now) {
        if (now < nextSweep_) return;
        nextSweep_ = now + std::chrono::seconds{60};
        std::erase_if(entries_, [now](const auto& kv) { return kv.second.expiresAt <= now; });
    }

    const Clock& clock_;
    std::mutex mutex_;
    Map entries_;
    Timestamp nextSweep_{};
};

} // namespace

std::unique_ptr<CodeStore> makeMemoryCodeStore(const Clock& clock) {
    return std::make_unique<MemoryCodeStore>(clock);
}

} // namespace authcore
