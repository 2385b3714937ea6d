// SPDX-License-Identifier: Apache-2.0
// KeyRing: the signing keys (current, next, retired) loaded from the store.
#pragma once

#include <authcore/crypto/envelope.hpp>
#include <authcore/crypto/jwt.hpp>
#include <authcore/crypto/key_pair.hpp>
#include <authcore/store/signing_key_store.hpp>
#include <authcore/time.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace authcore {

struct KeyRingOptions {
    SigningAlgorithm algorithm = SigningAlgorithm::RS256;
    /// Longest token lifetime: how long a retired key stays published.
    std::chrono::seconds tokenLifetime{3600};
    /// How long a node trusts its cached ring before re-reading the store,
    /// so a rotation on one node is seen by all.
    std::chrono::seconds refreshInterval{30};
};

/// The key that signs now.
struct ActiveKey {
    std::string kid;
    crypto::KeyPair key;
};

class KeyRing {
public:
    KeyRing(SigningKeyStore& store, const crypto::Envelope& envelope, const Clock& clock, KeyRingOptions options);
    ~KeyRing();

    /// Creates a current and a next key when the store has no current key
    /// (first start); otherwise loads. Returns true when keys were created.
    bool ensureKeys();
    /// next -> current, current -> retired, a new next; one transaction.
    /// Returns the new current kid.
    std::string rotate();
    /// The signing key (reloads from the store when the snapshot is stale).
    ActiveKey active();
    /// Keys that verify our tokens: current, next and unexpired retired ones.
    crypto::KeySet verificationKeys();
    /// `{"keys":[...]}` for /v1/jwks.
    std::string jwks();
    /// Re-reads the store now.
    void reload();

private:
    struct Snapshot;
    std::shared_ptr<const Snapshot> snapshot();
    std::shared_ptr<const Snapshot> load();
    SigningKey makeKey(KeyStatus status, Timestamp now) const;

    SigningKeyStore& store_;
    const crypto::Envelope& envelope_;
    const Clock& clock_;
    KeyRingOptions options_;
    std::mutex mutex_;
    std::shared_ptr<const Snapshot> snapshot_;
    bool refreshing_ = false;
};

} // namespace authcore
