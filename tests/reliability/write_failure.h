#pragma once
// Test helpers for writes that fail: a forked child with a file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored, so
// a write past it fails with EFBIG as one on a full disk fails with ENOSPC; no mount or root needed), and a
// read-only folder (a read-only bind mount in the child's own mount namespace when it may make one, since root
// writes through chmod; chmod 555 otherwise). The child exits through exit(), so HDF5's exit handler runs too
// (a write that fails inside HDF5 1.10.8 crashes there).
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace test_write_failure {

struct ChildOutcome {
  bool exited = false;  // false: killed by a signal
  int status = -1;      // exit status, or the signal
  std::string report;   // what the child wrote to its pipe (Report())
};

// A file's whole contents, to compare before and after.
inline std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `dir` emptied (or created) for a test.
inline std::string FreshDir(const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline int& ReportFd() {
  static int fd = -1;
  return fd;
}

// From inside the child: appends `text` to what the parent receives.
inline void Report(const std::string& text) {
  if (ReportFd() >= 0 && ::write(ReportFd(), text.data(), text.size()) < 0) std::_Exit(99);
}

// Runs body() in a forked child and returns how it ended. body's exception message is reported and the child exits
// with 3; a normal return exits with 0. Either way through std::exit, so atexit handlers run.
inline ChildOutcome RunInChild(const std::function<void()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  std::fflush(nullptr);  // or the child would print the parent's buffered output again
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ReportFd() = fds[1];
    int code = 0;
    try {
      body();
    } catch (const std::exception& e) {
      Report(std::string("exception: ") + e.what());
      code = 3;
    }
    std::exit(code);
  }
  ::close(fds[1]);
  ChildOutcome outcome;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) outcome.report.append(buffer, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  outcome.exited = WIFEXITED(status);
  outcome.status = outcome.exited ? WEXITSTATUS(status) : WTERMSIG(status);
  return outcome;
}

// Inside the child: no file may grow past `bytes` from now on; writes past it fail with EFBIG.
inline void LimitFileSize(long long bytes) {
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  ::getrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = static_cast<rlim_t>(bytes);
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) std::_Exit(98);
}

// Inside the child: lifts the limit again (the soft limit back to the hard one).
inline void LiftFileSizeLimit() {
  rlimit limit{};
  ::getrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_FSIZE, &limit);
}

// Inside the child: makes `dir` read-only for this process. Returns how, or "" when it cannot (root without the
// right to make a mount namespace: then nothing stops root from writing).
inline std::string MakeReadOnly(const std::string& dir) {
  if (::geteuid() != 0) return ::chmod(dir.c_str(), 0555) == 0 ? "chmod 555" : "";
  if (::unshare(CLONE_NEWNS) != 0) return "";
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return "";  // nothing leaks out
  if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) return "";
  if (::mount(nullptr, dir.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) return "";
  return "read-only bind mount";
}

}  // namespace test_write_failure
