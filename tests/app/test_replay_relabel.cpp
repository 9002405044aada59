// Relabelling in Replay and the Dashboard's "labels: …" (issue 12, item 5), end to end in the window on the
// offscreen driver: a DAgger episode recorded with corrections on and no key pressed is all unlabelled; in Replay at
// 0.25× with "relabel with keys" on, holding Left over a span labels exactly the steps passed with the keys'
// ramp; Undo puts them back; the strip under the timeline shows it in pixels; the dataset saves and loads with it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/gui/gui_app.h"
#include "app/gui/input_script.h"
#include "learning/data/dataset_file.h"
#include "learning/policies/policy_registry.h"

namespace fs = std::filesystem;

namespace {

app::Rgba FromImColor(uint32_t c) {
  return {static_cast<uint8_t>(c & 0xff), static_cast<uint8_t>((c >> 8) & 0xff), static_cast<uint8_t>((c >> 16) & 0xff),
          static_cast<uint8_t>((c >> 24) & 0xff)};
}

// Records one DAgger episode with corrections on and no key pressed (every step unlabelled), in the session.
void RecordApprovedEpisode(app::Session& session) {
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  session.SetPolicy(std::make_shared<learning::policies::Policy>(config, learning::imitation::ObsDimsOf(session.Env())),
                    "untrained");
  session.SetLaneKeeping(true);
  session.SetDriving(app::DriverKind::kPolicy);
  session.SetCorrections(true);
  session.SetRecording(true);
  for (long tick = 0; session.EpisodesFinished() < 1; ++tick) {
    REQUIRE(tick < 200000);
    session.Tick();
  }
  session.SetRecording(false);
}

}  // namespace

TEST_CASE("Replay: holding keys at 0.25x relabels exactly the steps passed, Undo restores them, saved atomically") {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;
  settings.windowWidth = 1280;
  settings.windowHeight = 720;
  settings.showReplay = true;
  settings.showDashboard = false;  // the Replay panel alone in the lower left, for the pixel counts
  settings.showHelp = false;
  settings.showData = false;
  app::GuiApp gui(app::GuiAppDef{"highway", 70, true}, settings);
  app::Session& session = gui.GetSession();
  RecordApprovedEpisode(session);
  REQUIRE(session.Data().episodes.size() == 1);
  const learning::data::Episode original = session.Data().episodes[0];
  REQUIRE(original.Length() > 60);
  CHECK(original.LabelledSteps() == 0);

  app::Intents open;
  open.replayOpen = 0;
  open.replaySpeed = 0.25;
  open.replayRelabel = true;
  gui.Apply(open);
  app::Image before;
  REQUIRE(gui.Frame(nullptr, &before));

  // Play; hold Left over a span, then let go and play on a little.
  app::Intents play;
  play.replayTogglePlay = true;
  gui.Apply(play);
  const app::KeySet none;
  const app::KeySet left{app::ScancodeFromName("Left", "test")};
  const int period = 4 * session.Env().TicksPerControl();  // frames per replay step at 0.25x
  for (int f = 0; f < 10 * period; ++f) REQUIRE(gui.Frame(&none, nullptr));
  for (int f = 0; f < 20 * period; ++f) REQUIRE(gui.Frame(&left, nullptr));
  for (int f = 0; f < 10 * period; ++f) REQUIRE(gui.Frame(&none, nullptr));
  app::Image after;
  REQUIRE(gui.Frame(&none, &after));

  const learning::data::Episode& relabelled = session.Data().episodes[0];
  std::vector<int> steps;
  for (int t = 0; t < relabelled.Length(); ++t)
    if (relabelled.IsLabelled(t)) steps.push_back(t);
  MESSAGE("relabelled steps " << steps.front() << " .. " << steps.back());
  // 20 steps passed with the key held, plus the one released within (as live corrections count a release).
  CHECK(steps.size() >= 20);
  CHECK(steps.size() <= 22);
  CHECK(steps.back() - steps.front() + 1 == static_cast<int>(steps.size()));  // one contiguous span
  CHECK(steps.front() >= 9);
  CHECK(steps.front() <= 11);
  // The keys' ramp from the recorded label: steering left, growing, the accel easing toward 0.
  const float dt = static_cast<float>(session.Env().ControlDt());
  sim::Action ramp{original.labels(0, steps.front()), original.labels(1, steps.front())};
  sim::HumanInput held;
  held.left = true;
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    ramp = sim::RampAction(ramp, held, sim::ActionMode::kDirect, dt, {});
    CHECK(relabelled.labels(0, steps[i]) == doctest::Approx(ramp.steer));
    CHECK(relabelled.labels(1, steps[i]) == doctest::Approx(ramp.accel));
  }
  CHECK(relabelled.labels(0, steps[steps.size() - 2]) > 0.9f);
  CHECK(session.Unsaved());

  // The strip under the timeline: grey everywhere before, a blue span after (pixel counts in the Replay panel).
  const app::Rgba blue = FromImColor(app::kStripLabelled), grey = FromImColor(app::kStripUnlabelled);
  CHECK(before.CountColor(blue, 0, 360, 640, 720) == 0);
  const long greyBefore = before.CountColor(grey, 0, 360, 640, 720);
  CHECK(greyBefore > 1500);
  const long blueAfter = after.CountColor(blue, 0, 360, 640, 720);
  CHECK(blueAfter > 100);
  CHECK(after.CountColor(grey, 0, 360, 640, 720) < greyBefore);
  const fs::path dir = fs::temp_directory_path() / "ildrive_test_relabel";
  fs::create_directories(dir);
  app::WritePng(after, (dir / "replay_relabelled.png").string());

  // Saved like any edit (atomic), and loaded back with the mask.
  const std::string path = (dir / "relabelled.h5").string();
  app::Intents save;
  save.saveDataPath = path;
  gui.Apply(save);
  CHECK(gui.ErrorMessage().empty());
  CHECK(learning::data::LoadDataset(path).episodes[0].LabelledSteps() == static_cast<int>(steps.size()));

  // Undo: the stroke's steps hold what they held before.
  app::Intents undo;
  undo.replayUndo = true;
  gui.Apply(undo);
  const learning::data::Episode& restored = session.Data().episodes[0];
  CHECK(restored.LabelledSteps() == 0);
  CHECK(restored.labels == original.labels);
}
