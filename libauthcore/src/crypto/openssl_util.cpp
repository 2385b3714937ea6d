// SPDX-License-Identifier: Apache-2.0
// OpenSSL failure reporting and memory-BIO helpers.
#include "openssl_util.hpp"

#include <authcore/error.hpp>

#include <openssl/err.h>

#include <climits>

namespace authcore::crypto::detail {

void throwOpenSsl(std::string_view what) {
    // The queue is per thread; leaving entries behind would confuse the next caller.
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    std::string message = "OpenSSL failure: " + std::string(what);
    if (code != 0) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        message += " (";
        message += text;
        message += ")";
    }
    throw Error(ErrorCode::Internal, message);
}

BioPtr memoryBio(std::string_view data) {
    if (data.size() > static_cast<std::size_t>(INT_MAX)) throw Error(ErrorCode::InvalidInput, "input too large");
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    check(bio != nullptr, "BIO_new_mem_buf");
    return bio;
}

std::string bioContents(BIO* bio) {
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || data == nullptr) return {};
    return std::string(data, static_cast<std::size_t>(length));
}

} // namespace authcore::crypto::detail
