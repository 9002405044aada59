#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace core {

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
