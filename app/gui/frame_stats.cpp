#include "app/gui/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace app {

double FrameStats::Quantile(double q) const {
  if (frameMs_.empty()) return 0.0;
  std::vector<double> sorted = frameMs_;
  std::sort(sorted.begin(), sorted.end());
  double rank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size()));
  size_t index = rank < 1.0 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

std::string FrameStats::Summary() const {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "frame_ms median %.3f p99 %.3f frames %ld", Median(), P99(), Count());
  return buffer;
}

}  // namespace app
