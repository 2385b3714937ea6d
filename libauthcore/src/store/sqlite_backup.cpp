// SPDX-License-Identifier: Apache-2.0
// VACUUM INTO a temporary file, then link(2) it to the target: link refuses an
// existing name atomically, where rename(2) would silently replace it.
#include "store/sqlite_backup.hpp"

#include <authcore/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace authcore::sql {
namespace {

namespace fs = std::filesystem;

// mkstemp's file (0600 whatever the umask), removed when the scope ends: once
// linked to the target, the temporary name is no longer needed either way.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& target) : path_(target + ".tmp-XXXXXX") {
        const int fd = ::mkstemp(path_.data());
        if (fd < 0)
            throw Error(ErrorCode::InvalidInput,
                        "cannot create a file next to " + target + ": " + std::strerror(errno));
        ::close(fd);
    }
    ~TemporaryFile() { ::unlink(path_.c_str()); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

void syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        throw Error(ErrorCode::Internal, "cannot sync the backup file: " + std::string(std::strerror(error)));
    }
    ::close(fd);
}

void refuseExisting(const std::string& target) {
    std::error_code ec;
    if (fs::symlink_status(target, ec).type() != fs::file_type::not_found)
        throw Error(ErrorCode::Conflict, target + " already exists; a backup never overwrites a file");
}

} // namespace

void writeSqliteBackup(Executor& executor, const std::string& target) {
    if (target.empty()) throw Error(ErrorCode::InvalidInput, "the backup file name is empty");
    // Checked first so that a taken name costs no copy; link() below is the real guard.
    refuseExisting(target);
    TemporaryFile temporary(target);
    std::string into = temporary.path();
    executor.run("backup", [&](Session& session) { session << "VACUUM INTO ?", kw::use(into), kw::now; });
    syncFile(temporary.path());
    if (::link(temporary.path().c_str(), target.c_str()) != 0) {
        if (errno == EEXIST) refuseExisting(target);
        throw Error(ErrorCode::InvalidInput, "cannot create " + target + ": " + std::strerror(errno));
    }
}

} // namespace authcore::sql
