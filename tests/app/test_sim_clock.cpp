#include "app/gui/sim_clock.h"

#include <doctest/doctest.h>

TEST_CASE("Sim clock: one tick a frame at 1x, slow motion spreads ticks, pause stops them") {
  const double frame = 1.0 / 60.0;
  app::SimClock clock(1.0 / 60.0);
  CHECK(clock.TicksFor(frame) == 1);
  clock.CycleSpeed();
  CHECK(clock.Speed() == doctest::Approx(0.5));
  clock.CycleSpeed();
  CHECK(clock.Speed() == doctest::Approx(0.25));
  int ticks = 0;
  for (int i = 0; i < 40; ++i) ticks += clock.TicksFor(frame);
  CHECK(ticks == 10);
  clock.CycleSpeed();
  CHECK(clock.Speed() == doctest::Approx(1.0));
  clock.SetPaused(true);
  CHECK(clock.TicksFor(frame) == 0);
  clock.SetPaused(false);
  // A long stall runs at most kMaxTicksPerFrame, not a burst.
  CHECK(clock.TicksFor(1.0) == app::SimClock::kMaxTicksPerFrame);
  CHECK(clock.TicksFor(frame) == 1);
}
