#pragma once
// How many physics ticks the app runs this frame: real time × sim speed at the fixed physics rate (60 Hz), paused
// = none. Interactive frames pass the real time elapsed; scripted runs pass exactly one frame period, so a script
// replays the same ticks on any machine. A slow frame slows the simulation down instead of snowballing: at most
// kMaxFramesOwed frames' worth of ticks run in one frame.
//
// Fast-forward: speeds up to 8× run 8 ticks a frame; "as fast as possible" decouples the simulation from drawing
// — every frame runs ticks until its simulation budget of wall time is spent, then draws once (the frames in
// between are skipped). RunTicks bounds every frame's simulation work by that budget, so the window answers keys
// and clicks at any speed.
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace app {

class SimClock {
 public:
  // The speed that means "as fast as possible" (no real-time pacing; bounded by the frame's budget).
  static constexpr double kAsFastAsPossible = std::numeric_limits<double>::infinity();
  // The speeds the app offers, slowest first: 0.25×, 0.5×, 1×, 2×, 4×, 8×, as fast as possible.
  static const std::vector<double>& Speeds();
  // "0.25x" … "8x", "max".
  static std::string SpeedName(double speed);
  // At most this many frames' worth of ticks run in one frame (a stall does not come back as a burst).
  static constexpr int kMaxFramesOwed = 4;

  explicit SimClock(double tickSeconds = 1.0 / 60.0) : tickSeconds_(tickSeconds) {}

  bool Paused() const { return paused_; }
  void SetPaused(bool paused) { paused_ = paused; }
  double Speed() const { return speed_; }
  // Any positive speed, or kAsFastAsPossible.
  void SetSpeed(double speed);
  bool AsFastAsPossible() const { return speed_ == kAsFastAsPossible; }
  // Slow motion: 1x → 0.5x → 0.25x → 1x (from a fast speed: back to 1x).
  void CycleSlowMotion();
  // Fast-forward: 1x → 2x → 4x → 8x → max → 1x (from a slow speed: 2x).
  void CycleFastForward();

  // The ticks owed for `realSeconds` of real time (as fast as possible: as many as the budget allows, i.e. a
  // number no frame reaches).
  int TicksFor(double realSeconds);

 private:
  double tickSeconds_;     // [s]
  double speed_ = 1.0;     // sim seconds per real second
  bool paused_ = false;
  double accumulator_ = 0.0;  // [ticks] owed but not yet run
};

// Runs up to `ticks` ticks through `tick` (which returns false to stop early, e.g. a finished watch run paused the
// clock) while `elapsed()` [s, since the frame's simulation began] is below `budgetSeconds`; the first tick always
// runs, so the simulation never stalls. Returns the ticks run; ticks owed beyond the budget are dropped (the
// simulation runs slower than asked rather than the window freezing).
int RunTicks(int ticks, double budgetSeconds, const std::function<bool()>& tick,
             const std::function<double()>& elapsed);

}  // namespace app
