// SPDX-License-Identifier: Apache-2.0
// SigningKeyStore: the key ring, shared by every node through the database.
#pragma once

#include <authcore/model/signing_key.hpp>
#include <vector>

namespace authcore {

class SigningKeyStore {
public:
    virtual ~SigningKeyStore() = default;
    /// Every stored key, oldest first.
    virtual std::vector<SigningKey> list() = 0;
    /// Inserts `added` and rewrites status/retiredAt of `changed`, in one
    /// transaction, so that no node ever sees two current keys.
    virtual void apply(const std::vector<SigningKey>& added, const std::vector<SigningKey>& changed) = 0;
};

} // namespace authcore
