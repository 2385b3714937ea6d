// SPDX-License-Identifier: Apache-2.0
// SwitchableCodeStore: the memory CodeStore, made unreachable on demand, for
// tests of how routes answer while the code store (Redis) is down.
#pragma once

#include <authcore/ephemeral/code_store.hpp>
#include <authcore/error.hpp>
#include <authcore/time.hpp>

#include <atomic>
#include <memory>

namespace authcore::test {

class SwitchableCodeStore final : public CodeStore {
public:
    explicit SwitchableCodeStore(const Clock& clock) : inner_(makeMemoryCodeStore(clock)) {}

    bool putIfAbsent(const std::string& key, const std::string& value, std::chrono::seconds ttl) override {
        check();
        return inner_->putIfAbsent(key, value, ttl);
    }
    std::optional<std::string> take(const std::string& key) override {
        check();
        return inner_->take(key);
    }
    std::optional<std::string> get(const std::string& key) override {
        check();
        return inner_->get(key);
    }
    void remove(const std::string& key) override {
        check();
        inner_->remove(key);
    }
    Count increment(const std::string& key, std::chrono::seconds window) override {
        check();
        return inner_->increment(key, window);
    }
    bool ping() override { return !unavailable && inner_->ping(); }

    /// While set, every call throws Error(StoreUnavailable).
    std::atomic<bool> unavailable{false};

private:
    void check() const {
        if (unavailable) throw Error(ErrorCode::StoreUnavailable, "code store unavailable (test switch)");
    }

    std::unique_ptr<CodeStore> inner_;
};

} // namespace authcore::test
