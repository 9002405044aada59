#include "core/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace core {

namespace {

std::string DirectoryOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

WriterLock::WriterLock(const std::string& path) {
  const std::string dir = DirectoryOf(path);
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw Error(path + ": cannot open its directory " + dir + " to lock it: " + std::strerror(errno));
  int result;
  do result = ::flock(fd_, LOCK_EX);
  while (result != 0 && errno == EINTR);
  if (result != 0) {
    const int error = errno;
    ::close(fd_);
    throw Error(path + ": cannot lock its directory " + dir + " for writing: " + std::strerror(error));
  }
}

WriterLock::~WriterLock() { ::close(fd_); }  // closing the descriptor releases the lock

}  // namespace core
