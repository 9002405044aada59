#include "app/cli/progress.h"

#include <unistd.h>

#include <algorithm>

namespace app {

Progress::Progress(std::string label, long total, std::FILE* out)
    : label_(std::move(label)), total_(std::max(total, 1L)), out_(out), isTerminal_(::isatty(::fileno(out)) != 0) {}

Progress::~Progress() {
  if (!finished_ && isTerminal_) std::fputc('\n', out_);
}

void Progress::Update(long done, const std::string& status) {
  done = std::clamp(done, 0L, total_);
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  if (isTerminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar += std::string(static_cast<size_t>(kWidth - filled), '.');
    std::fprintf(out_, "\r%s [%s] %ld/%ld %s\x1b[K", label_.c_str(), bar.c_str(), done, total_, status.c_str());
    std::fflush(out_);
    return;
  }
  const int decile = static_cast<int>(fraction * 10);
  if (decile != lastDecile_) {
    lastDecile_ = decile;
    std::fprintf(out_, "%s %ld/%ld %s\n", label_.c_str(), done, total_, status.c_str());
  }
}

void Progress::Finish(const std::string& status) {
  Update(total_, status);
  if (isTerminal_) std::fputc('\n', out_);
  finished_ = true;
}

}  // namespace app
