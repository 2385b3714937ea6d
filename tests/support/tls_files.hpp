// SPDX-License-Identifier: Apache-2.0
// TlsFiles: a throwaway self-signed P-256 certificate for 127.0.0.1 (openssl CLI).
#pragma once

#include "support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace authcore::test {

struct TlsFiles {
    TlsFiles() {
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
                                    "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                                    key() + " -out " + cert() + " 2>&1";
        FILE* pipe = popen(command.c_str(), "r");
        std::string output;
        std::array<char, 1024> buffer{};
        while (pipe && fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
        if (!pipe || pclose(pipe) != 0) throw std::runtime_error("openssl req failed: " + output);
    }
    std::string cert() const { return dir.file("cert.pem"); }
    std::string key() const { return dir.file("key.pem"); }
    TempDir dir;
};

} // namespace authcore::test
