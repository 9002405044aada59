// The window's Watch (the policy drives N episodes in a row with a running success rate) and scripted mouse
// input (drag pans, wheel zooms, a press on a panel belongs to the panel), end to end on the offscreen driver.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "app/gui/gui_app.h"
#include "app/gui/input_script.h"
#include "app_test_policy.h"

namespace {

app::Settings SmallWindow() {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;
  settings.windowWidth = 480;
  settings.windowHeight = 320;
  settings.showData = false;
  return settings;
}

}  // namespace

TEST_CASE("Watch: the policy drives N episodes from fresh seeds - the tally matches their outcomes, then it holds") {
  app::Settings settings = SmallWindow();
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 100, true}, settings);
  app::Session& session = gui.GetSession();
  session.SetPolicy(app_test::TrainSmallPolicy(session, 3, 200), "test");
  session.ClearData();
  session.SetRecording(true);  // every watched episode is stored with its outcome: the reference

  app::Intents start;
  start.watchStart = 3;
  gui.Apply(start);
  CHECK(gui.ErrorMessage().empty());
  CHECK(session.Driving() == app::DriverKind::kPolicy);
  for (long frame = 0; gui.Watch().running; ++frame) {
    REQUIRE(frame < 4000);  // 3 episodes of at most 15 s at one tick a frame
    REQUIRE(gui.Frame(nullptr, nullptr));
  }
  const app::WatchTally& tally = gui.Watch();
  CHECK(tally.target == 3);
  CHECK(tally.episodes == 3);
  CHECK(tally.skipped == 0);
  CHECK(gui.Paused());  // holds the result on screen

  const auto& episodes = session.Data().episodes;
  REQUIRE(episodes.size() == 3);
  int successes = 0, collisions = 0;
  std::vector<uint64_t> seeds;
  for (const auto& episode : episodes) {
    CHECK(episode.source == "dagger");  // the policy drove
    successes += episode.success ? 1 : 0;
    collisions += episode.collision ? 1 : 0;
    seeds.push_back(episode.seed);
  }
  CHECK(tally.successes == successes);
  CHECK(tally.collisions == collisions);
  CHECK(tally.Success().low == doctest::Approx(learning::imitation::WilsonInterval(successes, 3).low));
  CHECK(tally.Success().high == doctest::Approx(learning::imitation::WilsonInterval(successes, 3).high));
  CHECK(tally.lastSeed == seeds.back());
  std::sort(seeds.begin(), seeds.end());
  CHECK(std::unique(seeds.begin(), seeds.end()) == seeds.end());  // a fresh seed each episode

  // Holding Shift hands the wheel to the person: that episode is not the policy's.
  start.watchStart = 1;
  gui.Apply(start);
  app::KeySet shift{app::ScancodeFromName("Left Shift", "test")};
  long frame = 0;
  for (; frame < 4000 && gui.Watch().skipped == 0; ++frame) REQUIRE(gui.Frame(&shift, nullptr));
  CHECK(gui.Watch().skipped == 1);
  CHECK(gui.Watch().episodes == 0);
  app::Intents stop;
  stop.watchStop = true;
  gui.Apply(stop);
  CHECK_FALSE(gui.Watch().running);
}

TEST_CASE("Watching without a policy is refused with a message") {
  app::Settings settings = SmallWindow();
  app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
  app::Intents start;
  start.watchStart = 5;
  gui.Apply(start);
  CHECK(gui.ErrorMessage().find("no policy") != std::string::npos);
  CHECK_FALSE(gui.Watch().running);
}

TEST_CASE("Scripted mouse: a drag over the world pans the camera, the wheel zooms, a drag on a panel does not pan") {
  app::Settings settings = SmallWindow();
  settings.windowWidth = 1280;
  settings.windowHeight = 720;
  app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
  app::InputScript script = app::InputScript::Parse(
      "3 mouse 100 60\n"                              // over the Dashboard (top left)
      "10 mouse 100 60 -> 200 60, mouse left\n"        // a drag that starts on the panel
      "2 mouse 800 400\n"                             // over the world
      "10 mouse 800 400 -> 900 450, mouse left\n"      // a drag of (+100, +50) px
      "2 mouse 900 450\n"
      "1 mouse 900 450, wheel 2\n"                     // zoom in about the pointer
      "2 mouse 900 450\n",
      "mouse");
  long frame = 0;
  auto runUntil = [&](long end) {
    for (; frame < end; ++frame) {
      app::MouseFrame mouse = script.MouseAt(frame);
      REQUIRE(gui.Frame(&script.KeysAt(frame), nullptr, &mouse));
    }
  };
  runUntil(13);
  CHECK(gui.GetCamera().Following());  // the panel took that drag
  // Frame 15 presses over the world (the camera still follows the ego that frame); the pointer then moves.
  runUntil(16);
  const float zoom = gui.GetCamera().Zoom();  // on screen (the look-ahead's fit stays while not following)
  app::Vec2 before = gui.GetCamera().Centre();
  runUntil(27);
  CHECK_FALSE(gui.GetCamera().Following());
  app::Vec2 after = gui.GetCamera().Centre();
  CHECK(after.x - before.x == doctest::Approx(-100.f / zoom));  // the world moves with the pointer
  CHECK(after.y - before.y == doctest::Approx(50.f / zoom));    // screen y is down, world y is up
  app::Vec2 anchor = gui.GetCamera().ScreenToWorld({900.f, 450.f});
  runUntil(script.FrameCount());
  CHECK(gui.GetCamera().Zoom() == doctest::Approx(zoom * 1.15f * 1.15f));
  app::Vec2 still = gui.GetCamera().ScreenToWorld({900.f, 450.f});
  CHECK(still.x == doctest::Approx(anchor.x));  // the point under the pointer stays put
  CHECK(still.y == doctest::Approx(anchor.y));
}
