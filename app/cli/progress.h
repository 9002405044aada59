#pragma once
// Progress for long work: a redrawn bar on a terminal, plain lines (every ~10%) when output is a pipe or file.
#include <cstdio>
#include <string>

namespace app {

class Progress {
 public:
  Progress(std::string label, long total, std::FILE* out = stderr);
  ~Progress();
  // Sets the count done so far and an optional short status ("loss 0.012").
  void Update(long done, const std::string& status = "");
  void Finish(const std::string& status = "");

 private:
  std::string label_;
  long total_;
  std::FILE* out_;
  bool isTerminal_;
  int lastDecile_ = -1;
  bool finished_ = false;
};

}  // namespace app
