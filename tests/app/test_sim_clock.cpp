#include "app/gui/sim_clock.h"

#include <doctest/doctest.h>

#include <climits>

TEST_CASE("Sim clock: one tick a frame at 1x, slow motion spreads ticks, pause stops them") {
  const double frame = 1.0 / 60.0;
  app::SimClock clock(1.0 / 60.0);
  CHECK(clock.TicksFor(frame) == 1);
  clock.CycleSlowMotion();
  CHECK(clock.Speed() == doctest::Approx(0.5));
  clock.CycleSlowMotion();
  CHECK(clock.Speed() == doctest::Approx(0.25));
  int ticks = 0;
  for (int i = 0; i < 40; ++i) ticks += clock.TicksFor(frame);
  CHECK(ticks == 10);
  clock.CycleSlowMotion();
  CHECK(clock.Speed() == doctest::Approx(1.0));
  clock.SetPaused(true);
  CHECK(clock.TicksFor(frame) == 0);
  clock.SetPaused(false);
  // A long stall runs at most kMaxFramesOwed frames' worth, not a burst.
  CHECK(clock.TicksFor(1.0) == app::SimClock::kMaxFramesOwed);
  CHECK(clock.TicksFor(frame) == 1);
}

TEST_CASE("Sim clock: fast-forward runs 2, 4, 8 ticks a frame, then as fast as possible, then back to 1x") {
  const double frame = 1.0 / 60.0;
  app::SimClock clock(1.0 / 60.0);
  for (int expected : {2, 4, 8}) {
    clock.CycleFastForward();
    CHECK(clock.Speed() == doctest::Approx(expected));
    int ticks = 0;
    for (int i = 0; i < 30; ++i) ticks += clock.TicksFor(frame);
    CHECK(ticks == 30 * expected);
    // A stall at 8x is bounded too, by frames' worth at this speed.
    CHECK(clock.TicksFor(1.0) == app::SimClock::kMaxFramesOwed * expected);
  }
  clock.CycleFastForward();
  CHECK(clock.AsFastAsPossible());
  CHECK(app::SimClock::SpeedName(clock.Speed()) == "max");
  CHECK(clock.TicksFor(frame) == INT_MAX);  // the frame's budget bounds it
  clock.SetPaused(true);
  CHECK(clock.TicksFor(frame) == 0);
  clock.SetPaused(false);
  clock.CycleFastForward();
  CHECK(clock.Speed() == doctest::Approx(1.0));
  // Slow motion from a fast speed returns to real time; fast-forward from slow motion starts at 2x.
  clock.SetSpeed(8.0);
  clock.CycleSlowMotion();
  CHECK(clock.Speed() == doctest::Approx(1.0));
  clock.SetSpeed(0.25);
  clock.CycleFastForward();
  CHECK(clock.Speed() == doctest::Approx(2.0));
  CHECK(app::SimClock::Speeds().size() == 7);
  CHECK(app::SimClock::SpeedName(0.25) == "0.25x");
}

TEST_CASE("RunTicks: the simulation stops when the frame's budget is spent, runs at least one tick, stops early") {
  double now = 0.0;  // a fake wall clock: every tick costs 1 ms
  int ran = 0;
  auto tick = [&] {
    ++ran;
    now += 0.001;
    return true;
  };
  auto elapsed = [&] { return now; };
  CHECK(app::RunTicks(INT_MAX, 0.0105, tick, elapsed) == 11);  // ticks start at 0, 1, …, 10 ms
  CHECK(ran == 11);
  CHECK(now == doctest::Approx(0.011));
  now = 0.0;
  CHECK(app::RunTicks(5, 1.0, tick, elapsed) == 5);  // within budget: all owed ticks
  now = 0.0;
  CHECK(app::RunTicks(INT_MAX, 0.0, tick, elapsed) == 1);  // a spent budget still advances one tick
  now = 0.0;
  int calls = 0;
  CHECK(app::RunTicks(10, 1.0, [&] { return ++calls < 3; }, elapsed) == 3);  // the third tick paused the run
  CHECK(app::RunTicks(0, 1.0, tick, elapsed) == 0);
}
