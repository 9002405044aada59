#pragma once
// Frame times of a run: the work from polling events to presenting, excluding the wait that caps the rate at
// 60 frames/s (and the first few start-up frames, see GuiApp). `ildrive gui --stats` prints "frame_ms median X p99 Y".
#include <string>
#include <vector>

namespace app {

class FrameStats {
 public:
  void Add(double milliseconds) { frameMs_.push_back(milliseconds); }
  long Count() const { return static_cast<long>(frameMs_.size()); }
  // The q-quantile (0..1) by the nearest-rank method; 0 when empty.
  double Quantile(double q) const;
  double Median() const { return Quantile(0.5); }
  double P99() const { return Quantile(0.99); }
  // "frame_ms median 1.23 p99 4.56 frames 600"
  std::string Summary() const;

 private:
  std::vector<double> frameMs_;
};

}  // namespace app
