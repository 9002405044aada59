#pragma once
// How many physics ticks the app runs this frame: real time × sim speed at the fixed physics rate (60 Hz), paused
// = none. Interactive frames pass the real time elapsed; scripted runs pass exactly one frame period, so a script
// replays the same ticks on any machine. At most kMaxTicksPerFrame run in one frame: a slow frame slows the
// simulation down instead of snowballing.
namespace app {

class SimClock {
 public:
  explicit SimClock(double tickSeconds = 1.0 / 60.0) : tickSeconds_(tickSeconds) {}

  bool Paused() const { return paused_; }
  void SetPaused(bool paused) { paused_ = paused; }
  double Speed() const { return speed_; }
  void SetSpeed(double speed) { speed_ = speed; }
  // 1x → 0.5x → 0.25x → 1x.
  void CycleSpeed();

  int TicksFor(double realSeconds);

  static constexpr int kMaxTicksPerFrame = 4;

 private:
  double tickSeconds_;     // [s]
  double speed_ = 1.0;     // sim seconds per real second
  bool paused_ = false;
  double accumulator_ = 0.0;  // [ticks] owed but not yet run
};

}  // namespace app
