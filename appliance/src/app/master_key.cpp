// SPDX-License-Identifier: Apache-2.0
// Master key creation with an exclusive 0600 open, so a race never leaves a readable key.
#include "app/master_key.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/envelope.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace authcore::appliance {
namespace {

std::string trim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    return text;
}

// Written to a private temporary file, then linked into place: the key file
// either does not exist or is complete, even across crashes and concurrent starts.
void createKeyFile(const std::string& path) {
    if (::access(path.c_str(), F_OK) == 0) return;
    std::string temp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temp.data()); // mode 0600
    if (fd < 0) throw std::runtime_error("cannot create master key " + path + ": " + std::strerror(errno));
    const auto text = crypto::base64Encode(crypto::Envelope::generateKey()) + "\n";
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && (::link(temp.c_str(), path.c_str()) == 0 || errno == EEXIST);
    const int linkError = errno;
    ::unlink(temp.c_str());
    if (!linked)
        throw std::runtime_error("cannot write master key " + path + ": " + std::strerror(written ? linkError : EIO));
}

} // namespace

void ensureDirectory(const std::string& dir) {
    if (dir.empty()) return;
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create directory " + dir + ": " + ec.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
}

std::string loadOrCreateMasterKey(const std::string& path) {
    ensureDirectory(std::filesystem::path(path).parent_path().string());
    createKeyFile(path);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat master key " + path);
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        throw std::runtime_error("master key " + path + " is accessible by group or others; chmod 600 it");
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto key = crypto::base64Decode(trim(text));
    if (!key || key->size() != 32) throw std::runtime_error("master key " + path + " is not 32 base64-encoded bytes");
    return *key;
}

std::string deriveKey(const std::string& masterKey, const std::string& label) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), masterKey.data(), static_cast<int>(masterKey.size()),
         reinterpret_cast<const unsigned char*>(label.data()), label.size(), out, &len);
    return std::string(reinterpret_cast<const char*>(out), len);
}

} // namespace authcore::appliance
