#include "app/gui/sim_clock.h"

#include <algorithm>

namespace app {

void SimClock::CycleSpeed() { speed_ = speed_ > 0.75 ? 0.5 : (speed_ > 0.375 ? 0.25 : 1.0); }

int SimClock::TicksFor(double realSeconds) {
  if (paused_) {
    accumulator_ = 0.0;
    return 0;
  }
  accumulator_ += std::max(realSeconds, 0.0) * speed_ / tickSeconds_;
  // 1e-9 absorbs rounding so 4 frames at 0.25x give exactly one tick.
  int ticks = static_cast<int>(accumulator_ + 1e-9);
  accumulator_ -= ticks;
  if (ticks > kMaxTicksPerFrame) {
    ticks = kMaxTicksPerFrame;
    accumulator_ = 0.0;
  }
  return ticks;
}

}  // namespace app
