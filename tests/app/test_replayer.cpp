#include "app/gui/replayer.h"

#include <doctest/doctest.h>

#include "app/gui/session.h"
#include "core/error.h"
#include "sim/driver.h"

TEST_CASE("Replay re-simulates a recorded episode exactly, forward and back") {
  app::Session session(app::SessionDef{"highway", 21});
  session.AddExpertEpisodes(1, false);
  const auto& data = session.Data();
  REQUIRE(data.episodes.size() == 1);

  app::Replayer replay;
  replay.Open(data, 0);
  REQUIRE(replay.Length() == data.episodes[0].Length());
  CHECK(replay.Source() == "expert");

  // The same expert, seed and number of steps on a fresh Env end where the replay ends.
  sim::Env env = sim::MakeEnv("highway");
  sim::ExpertDriver expert;
  sim::Observation observation = env.Reset(data.episodes[0].seed);
  for (int t = 0; t < 60; ++t) observation = env.Step(expert.Decide(env, observation).executed).observation;
  replay.Seek(60);
  CHECK(replay.Step() == 60);
  sim::VehicleView direct = env.View().vehicles.front();
  sim::VehicleView replayed = replay.View().vehicles.front();
  CHECK(replayed.x == direct.x);
  CHECK(replayed.y == direct.y);
  CHECK(replayed.heading == direct.heading);

  replay.Seek(replay.Length());
  replay.Seek(60);  // back: re-simulated from the start
  CHECK(replay.View().vehicles.front().x == direct.x);
  CHECK(replay.Executed(10).steer == data.episodes[0].actions(0, 10));
  CHECK(replay.Label(10).accel == data.episodes[0].labels(1, 10));

  CHECK_THROWS_AS(replay.Open(data, 5), core::Error);
}
