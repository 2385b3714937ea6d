// SPDX-License-Identifier: Apache-2.0
// TlsIdentity: the server's certificate, chain and key, replaceable while handshakes run.
#pragma once

#include <memory>
#include <string>

namespace Poco::Net {
class Context;
}

namespace authcore::appliance {

class TlsIdentity {
public:
    /// Loads the PEM files; throws std::runtime_error (naming the file, never
    /// key material) when a file is unreadable, holds no certificate or key,
    /// or the key does not match the certificate.
    TlsIdentity(const std::string& certFile, const std::string& keyFile);
    ~TlsIdentity();
    TlsIdentity(const TlsIdentity&) = delete;
    TlsIdentity& operator=(const TlsIdentity&) = delete;

    /// Makes every later handshake on `context` present the current pair.
    /// `context` must not outlive this object.
    void serveOn(Poco::Net::Context& context);
    /// Loads a new pair and switches to it for the next handshakes; on any
    /// error throws like the constructor and keeps the current pair. Open
    /// connections are not touched. Returns the new certificate's SHA-256
    /// fingerprint (hex).
    std::string reload(const std::string& certFile, const std::string& keyFile);
    /// SHA-256 fingerprint (hex, colon-separated) of the certificate now served.
    std::string fingerprint() const;

private:
    struct Pair;
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace authcore::appliance
