#pragma once
// Timing for the bench targets (bench_<target>_command.cpp): a steady-clock stopwatch, and the best of several
// rounds, so a busy machine, which only ever slows a round down, disturbs a figure least.
#include <algorithm>
#include <chrono>

namespace app {

// Seconds since construction, on the steady clock.
class Stopwatch {
 public:
  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_ = Clock::now();
};

// Seconds per call of body(): the best of `rounds` rounds of `calls` calls each.
template <class Body>
double BestSecondsPerCall(int rounds, int calls, Body&& body) {
  double best = 1e30;
  for (int round = 0; round < rounds; ++round) {
    const Stopwatch watch;
    for (int i = 0; i < calls; ++i) body();
    best = std::min(best, watch.Seconds() / calls);
  }
  return best;
}

}  // namespace app
