#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace core {

void WriteDirectoryAtomically(const std::string& dir, bool replace,
                              const std::function<void(const std::string& tempDir)>& write) {
  namespace fs = std::filesystem;
  std::error_code error;
  const bool exists = fs::exists(dir, error);
  if (exists && !fs::is_directory(dir, error)) throw Error(dir + ": exists and is not a directory");
  const bool empty = !exists || fs::is_empty(dir, error);
  if (!empty && !replace) throw Error(dir + ": folder is not empty (pass --force to replace it)");
  const std::string temp = TempPathFor(dir);
  fs::remove_all(temp, error);
  if (!fs::create_directory(temp, error))
    throw Error(dir + ": cannot create a folder beside it (" + error.message() + ")");
  const std::string old = dir + ".old." + std::to_string(static_cast<long>(::getpid()));
  try {
    write(temp);
    ::sync();
    if (!empty && std::rename(dir.c_str(), old.c_str()) != 0)
      throw Error(dir + ": cannot move the old folder aside: " + std::strerror(errno));
    if (std::rename(temp.c_str(), dir.c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      if (!empty) std::rename(old.c_str(), dir.c_str());
      throw Error(dir + ": cannot move the new folder into place: " + reason);
    }
  } catch (...) {
    fs::remove_all(temp, error);
    throw;
  }
  if (!empty) fs::remove_all(old, error);
}

std::string TempPathFor(const std::string& path) {
  return path + ".tmp." + std::to_string(static_cast<long>(::getpid()));
}

static void SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw Error(path + ": cannot reopen to flush: " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw Error(path + ": cannot flush to disk: " + std::strerror(errno));
}

void WriteAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& write) {
  const std::string temp = TempPathFor(path);
  try {
    write(temp);
    SyncFile(temp);
    if (std::rename(temp.c_str(), path.c_str()) != 0)
      throw Error(path + ": cannot move the new file into place: " + std::strerror(errno));
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
}

void ReserveFileSpace(const std::string& path, const std::string& shownPath, long long bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(shownPath + ": cannot write here: " + std::strerror(errno));
  // posix_fallocate returns the error instead of setting errno.
  const int rc = ::posix_fallocate(fd, 0, static_cast<off_t>(bytes));
  ::close(fd);
  if (rc != 0)
    throw Error(shownPath + ": cannot reserve " + std::to_string((bytes + 999'999) / 1'000'000) +
                " MB to write it: " + std::strerror(rc));
}

void WriteFileAtomically(const std::string& path, const std::string& contents) {
  WriteAtomically(path, [&](const std::string& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path + ": cannot open for writing: " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) throw Error(path + ": write failed: " + std::strerror(errno));
  });
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(path + ": read failed");
  return buffer.str();
}

}  // namespace core
