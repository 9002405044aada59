#pragma once
// User-facing errors: bad files, bad options, wrong shapes. The message names what and where;
// the CLI prints it as one line and exits 2, the GUI shows it in a dialog. Programmer errors use ILD_CHECK.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace core {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

[[noreturn]] inline void CheckFailed(const char* expr, const char* file, int line, const char* message) {
  std::fprintf(stderr, "%s:%d: internal check failed: %s (%s)\n", file, line, expr, message);
  std::abort();
}

}  // namespace core

// Always on, also in Release: cheap invariant checks at API boundaries.
#define ILD_CHECK(cond, message) \
  do {                           \
    if (!(cond)) ::core::CheckFailed(#cond, __FILE__, __LINE__, message); \
  } while (0)
