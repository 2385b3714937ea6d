// SPDX-License-Identifier: Apache-2.0
// The signing key ring: an immutable snapshot swapped under a mutex, so
// signing threads never wait on the store.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/key_ring.hpp>

#include <optional>
#include <vector>

namespace authcore {

struct KeyRing::Snapshot {
    struct Entry {
        SigningKey stored;
        crypto::PublicKey publicKey;
    };
    std::vector<Entry> entries;
    std::optional<ActiveKey> active;
    Timestamp loadedAt{};
};

KeyRing::KeyRing(SigningKeyStore& store, const crypto::Envelope& envelope, const Clock& clock,
                 KeyRingOptions options)
    : store_(store), envelope_(envelope), clock_(clock), options_(options) {}

KeyRing::~KeyRing() = default;

SigningKey KeyRing::makeKey(KeyStatus status, Timestamp now) const {
    const auto pair = crypto::KeyPair::generate(options_.algorithm);
    SigningKey key;
    key.kid = crypto::randomToken(12);
    key.algorithm = options_.algorithm;
    key.status = status;
    key.publicJwk = pair.publicKey().toJwk(key.kid);
    // The kid is the AAD: a sealed key copied onto another row will not open.
    key.sealedPrivateKey = envelope_.seal(pair.privatePem(), key.kid);
    key.createdAt = now;
    return key;
}

std::shared_ptr<const KeyRing::Snapshot> KeyRing::load() {
    auto snap = std::make_shared<Snapshot>();
    snap->loadedAt = clock_.now();
    for (auto& stored : store_.list()) {
        auto publicKey = crypto::PublicKey::fromJwk(stored.publicJwk);
        if (!publicKey) throw Error(ErrorCode::Internal, "stored signing key " + stored.kid + " is unreadable");
        if (stored.status == KeyStatus::Current) {
            auto pem = envelope_.open(stored.sealedPrivateKey, stored.kid);
            if (!pem)
                throw Error(ErrorCode::Internal,
                            "signing key " + stored.kid + " cannot be opened with this master key");
            auto pair = crypto::KeyPair::fromPrivatePem(stored.algorithm, *pem);
            if (!pair) throw Error(ErrorCode::Internal, "signing key " + stored.kid + " is corrupt");
            snap->active = ActiveKey{stored.kid, *pair};
        }
        snap->entries.push_back({std::move(stored), *publicKey});
    }
    return snap;
}

void KeyRing::reload() {
    auto fresh = load();
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(fresh);
}

std::shared_ptr<const KeyRing::Snapshot> KeyRing::snapshot() {
    std::shared_ptr<const Snapshot> current;
    {
        std::lock_guard lock(mutex_);
        current = snapshot_;
        // One thread refreshes a stale ring; the others keep using it meanwhile.
        if (current && (clock_.now() - current->loadedAt < options_.refreshInterval || refreshing_)) return current;
        refreshing_ = true;
    }
    try {
        auto fresh = load();
        std::lock_guard lock(mutex_);
        snapshot_ = std::move(fresh);
        refreshing_ = false;
        return snapshot_;
    } catch (const Error& e) {
        std::lock_guard lock(mutex_);
        refreshing_ = false;
        // A stale ring keeps signing through a store outage; only a missing one fails.
        if (!current || e.code() != ErrorCode::StoreUnavailable) throw;
        // Retry after another interval, not on every request while the store is down.
        auto kept = std::make_shared<Snapshot>(*current);
        kept->loadedAt = clock_.now();
        snapshot_ = kept;
        return snapshot_;
    }
}

bool KeyRing::ensureKeys() {
    reload();
    if (snapshot()->active) return false;
    const auto now = clock_.now();
    store_.apply({makeKey(KeyStatus::Current, now), makeKey(KeyStatus::Next, now)}, {});
    reload();
    return true;
}

std::string KeyRing::rotate() {
    const auto now = clock_.now();
    std::vector<SigningKey> changed;
    std::vector<SigningKey> added{makeKey(KeyStatus::Next, now)};
    std::string newCurrent;
    for (auto stored : store_.list()) {
        if (stored.status == KeyStatus::Current) {
            stored.status = KeyStatus::Retired;
            stored.retiredAt = now;
            changed.push_back(stored);
        } else if (stored.status == KeyStatus::Next && newCurrent.empty()) {
            stored.status = KeyStatus::Current;
            newCurrent = stored.kid;
            changed.push_back(stored);
        }
    }
    if (newCurrent.empty()) {
        // No published next key (should not happen): the new key signs at once.
        added.front().status = KeyStatus::Current;
        newCurrent = added.front().kid;
        added.push_back(makeKey(KeyStatus::Next, now));
    }
    store_.apply(added, changed);
    reload();
    return newCurrent;
}

ActiveKey KeyRing::active() {
    auto snap = snapshot();
    if (!snap->active) throw Error(ErrorCode::Internal, "no current signing key; run `authcore keys rotate`");
    return *snap->active;
}

crypto::KeySet KeyRing::verificationKeys() {
    auto snap = snapshot();
    const auto now = clock_.now();
    crypto::KeySet set;
    for (const auto& entry : snap->entries) {
        const auto& k = entry.stored;
        if (k.status == KeyStatus::Retired && (!k.retiredAt || *k.retiredAt + options_.tokenLifetime <= now))
            continue;
        set.add(k.kid, entry.publicKey);
    }
    return set;
}

std::string KeyRing::jwks() { return verificationKeys().toJwks(); }

} // namespace authcore
