#include "app/gui/sim_clock.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

#include "core/error.h"

namespace app {

const std::vector<double>& SimClock::Speeds() {
  static const std::vector<double> speeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0, kAsFastAsPossible};
  return speeds;
}

std::string SimClock::SpeedName(double speed) {
  if (speed == kAsFastAsPossible) return "max";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%gx", speed);
  return buffer;
}

void SimClock::SetSpeed(double speed) {
  ILD_CHECK(speed > 0.0, "the simulation speed must be positive");
  speed_ = speed;
  accumulator_ = 0.0;
}

void SimClock::CycleSlowMotion() {
  if (speed_ > 0.75 && speed_ < 1.5)
    SetSpeed(0.5);
  else if (speed_ > 0.375 && speed_ < 0.75)
    SetSpeed(0.25);
  else
    SetSpeed(1.0);
}

void SimClock::CycleFastForward() {
  if (speed_ < 0.75) return SetSpeed(2.0);
  if (AsFastAsPossible()) return SetSpeed(1.0);
  SetSpeed(speed_ >= 6.0 ? kAsFastAsPossible : speed_ * 2.0);
}

int SimClock::TicksFor(double realSeconds) {
  if (paused_) {
    accumulator_ = 0.0;
    return 0;
  }
  if (AsFastAsPossible()) return INT_MAX;
  accumulator_ += std::max(realSeconds, 0.0) * speed_ / tickSeconds_;
  // 1e-9 absorbs rounding so 4 frames at 0.25x give exactly one tick.
  int ticks = static_cast<int>(accumulator_ + 1e-9);
  accumulator_ -= ticks;
  const int most = kMaxFramesOwed * std::max(1, static_cast<int>(std::ceil(speed_)));
  if (ticks > most) {
    ticks = most;
    accumulator_ = 0.0;
  }
  return ticks;
}

int RunTicks(int ticks, double budgetSeconds, const std::function<bool()>& tick,
             const std::function<double()>& elapsed) {
  int run = 0;
  while (run < ticks) {
    if (run > 0 && elapsed() >= budgetSeconds) break;
    ++run;
    if (!tick()) break;
  }
  return run;
}

}  // namespace app
