// Fast-forward in the window: 2x-8x run that many ticks a frame, "max" as many as the frame's budget allows, and
// the episodes are the same at every speed (the simulation is deterministic; only drawing is skipped).
#include <doctest/doctest.h>

#include "app/gui/gui_app.h"
#include "app_test_policy.h"
#include "app_test_window.h"

namespace {

app::Settings SmallWindow() {
  app::Settings settings = app_test::OffscreenWindow(320, 240);
  settings.showData = false;
  settings.showDashboard = false;
  return settings;
}

struct WatchOutcome {
  long frames = 0;
  app::WatchTally tally;
  std::vector<uint64_t> seeds;
  std::vector<int> lengths;
};

// A watch run of `episodes` at `speed` in a fresh window (scripted: one frame counts 1/60 s), recorded.
WatchOutcome Watch(const std::shared_ptr<const learning::policies::Policy>& policy, double speed, int episodes) {
  app::Settings settings = SmallWindow();
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 100, true}, settings);
  app::Session& session = gui.GetSession();
  session.SetPolicy(policy, "test");
  session.SetRecording(true);
  app::Intents intents;
  intents.simSpeed = speed;
  intents.watchStart = episodes;
  gui.Apply(intents);
  REQUIRE(gui.ErrorMessage().empty());
  WatchOutcome out;
  for (; gui.Watch().running; ++out.frames) {
    REQUIRE(out.frames < 10000);
    REQUIRE(gui.Frame(nullptr, nullptr));
  }
  out.tally = gui.Watch();
  for (const auto& episode : session.Data().episodes) {
    out.seeds.push_back(episode.seed);
    out.lengths.push_back(episode.Length());
  }
  return out;
}

}  // namespace

TEST_CASE("Fast-forward: a watch run at 8x takes an eighth of the frames, as fast as possible fewer still, same episodes") {
  app::Session trainer(app::SessionDef{"lane_choice", 1});
  const auto policy = app_test::TrainSmallPolicy(trainer, 3, 200);
  const WatchOutcome real = Watch(policy, 1.0, 2);
  const WatchOutcome fast = Watch(policy, 8.0, 2);
  const WatchOutcome max = Watch(policy, app::SimClock::kAsFastAsPossible, 2);
  REQUIRE(real.tally.episodes == 2);
  long ticks = 0;
  for (int length : real.lengths) ticks += length * 3;  // lane_choice: 3 ticks a control step
  // One tick a frame at 1x (a collision may end the last control step early).
  CHECK(real.frames <= ticks);
  CHECK(real.frames > ticks - 3 * 2);
  CHECK(fast.frames == (real.frames + 7) / 8);
  CHECK(max.frames <= fast.frames);  // at least one tick a frame; the budget allows many more
  for (const WatchOutcome* other : {&fast, &max}) {
    CHECK(other->tally.episodes == real.tally.episodes);
    CHECK(other->tally.successes == real.tally.successes);
    CHECK(other->tally.collisions == real.tally.collisions);
    CHECK(other->seeds == real.seeds);
    CHECK(other->lengths == real.lengths);
  }
  MESSAGE("frames for 2 episodes: 1x " << real.frames << ", 8x " << fast.frames << ", max " << max.frames);
}

TEST_CASE("Fast-forward: the F key cycles 1x, 2x, 4x, 8x, max, 1x and M returns to slow motion, and the expert records at 4x") {
  app::Settings settings = SmallWindow();
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 1, true}, settings);
  const app::KeySet f{app::ScancodeFromName("F", "test")}, m{app::ScancodeFromName("M", "test")}, none;
  std::vector<double> seen;
  for (int i = 0; i < 5; ++i) {
    REQUIRE(gui.Frame(&f, nullptr));
    REQUIRE(gui.Frame(&none, nullptr));
    seen.push_back(gui.Clock().Speed());
  }
  CHECK(seen == std::vector<double>{2.0, 4.0, 8.0, app::SimClock::kAsFastAsPossible, 1.0});
  REQUIRE(gui.Frame(&m, nullptr));
  CHECK(gui.Clock().Speed() == doctest::Approx(0.5));

  // The expert drives and records at 4x: the same episode as the Session ticked directly.
  app::Session& session = gui.GetSession();
  app::Intents intents;
  intents.simSpeed = 4.0;
  intents.driver = app::DriverKind::kExpert;
  intents.toggleRecording = true;
  gui.Apply(intents);
  const uint64_t seed = session.Env().Seed();  // the recording's first episode (the frames above ran a few)
  for (long frame = 0; session.Data().episodes.empty(); ++frame) {
    REQUIRE(frame < 2000);
    REQUIRE(gui.Frame(&none, nullptr));
  }
  app::Session reference(app::SessionDef{"lane_choice", seed - 1});
  reference.SetDriving(app::DriverKind::kExpert);
  reference.SetRecording(true);  // starts `seed`
  while (reference.Data().episodes.empty()) reference.Tick();
  CHECK(session.Data().episodes[0].seed == reference.Data().episodes[0].seed);
  CHECK(session.Data().episodes[0].actions == reference.Data().episodes[0].actions);
}
