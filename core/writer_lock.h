#pragma once
// Writers of one file take turns: an exclusive advisory lock (flock) on the directory that holds the file, held
// for the object's lifetime. A lock on the file itself would not do: atomic writes rename a new file over it, so
// a second writer would lock the new inode while the first still holds the old one. Every open() is its own
// holder, so two processes, or two threads with their own locks, exclude each other; readers are not affected.
#include <string>

namespace core {

class WriterLock {
 public:
  // Blocks until no other WriterLock for a file in the same directory is held. Throws core::Error naming the
  // directory when it cannot be opened or locked.
  explicit WriterLock(const std::string& path);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace core
