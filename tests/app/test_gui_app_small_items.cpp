// The first session's smaller fixes (issue 13 item 10): the Data panel's policy field shows the loaded file, the
// last episode belongs to the scenario on screen, the Lessons panel defaults to the machine's cores, and a speed
// over the lane's limit shows on the Dashboard.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "app/gui/gui_app.h"
#include "app/gui/train_panel.h"
#include "app_test_policy.h"
#include "app_test_window.h"

namespace fs = std::filesystem;

namespace {

// Pixels of the Dashboard's amber warning text (ImVec4(1, .7, .1)), antialiased edges included.
long AmberPixels(const app::Image& image, int x0, int y0, int x1, int y1) {
  long count = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const app::Rgba c = image.At(x, y);
      count += c.r > 200 && c.g > 120 && c.g < 200 && c.b < 60 && c.r > c.g + 40 ? 1 : 0;
    }
  return count;
}

}  // namespace

TEST_CASE("The last episode is the scenario's own: switching scenario clears it") {
  app::Session session(app::SessionDef{"lane_choice", 1});
  session.SetDriving(app::DriverKind::kExpert);
  while (session.EpisodesFinished() == 0) session.Tick();
  CHECK(session.LastEpisode().has_value());
  CHECK_FALSE(session.LastOutcome().empty());
  session.SetScenario("highway");
  CHECK_FALSE(session.LastEpisode().has_value());
  CHECK(session.LastOutcome().empty());
  CHECK(session.EpisodesFinished() == 1);  // the count of finished episodes stays
}

TEST_CASE("The Data panel's policy field shows the file of the policy loaded, wherever it was loaded from") {
  app::Settings settings = app_test::OffscreenWindow(640, 480);
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 1, true}, settings);
  CHECK(std::string(gui.DataPanel().policyPath).empty());  // a fresh settings file names no policy
  app::Session& session = gui.GetSession();
  const fs::path file = fs::temp_directory_path() / "ildrive_test_small_items_policy.h5";
  app_test::TrainSmallPolicy(session, 2, 50)->Save(file.string());
  session.LoadPolicy(file.string());  // as --policy does, not through the panel
  CHECK(session.PolicyPath() == file.string());
  REQUIRE(gui.Frame(nullptr, nullptr));
  CHECK(std::string(gui.DataPanel().policyPath) == file.string());
  session.SetPolicy(session.SharedPolicy(), "trained here");
  CHECK(session.PolicyPath().empty());  // a policy in memory has no file
  fs::remove(file);
}

TEST_CASE("The Lessons panel runs on the machine's cores by default") {
  CHECK(app::LessonsPanelState{}.threads == std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
}

TEST_CASE("Over the speed limit the Dashboard's speed turns amber and says so, and under it, it does not") {
  for (const char* keys : {"Up", "Down"}) {
    app::Settings settings = app_test::OffscreenWindow(1280, 720);
    settings.showData = false;
    app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
    const app::KeySet held{app::ScancodeFromName(keys, "test")};
    app::Image image;
    for (int frame = 0; frame < 600; ++frame) REQUIRE(gui.Frame(&held, frame == 599 ? &image : nullptr));
    const double speed = gui.GetSession().View().speed;
    const long amber = AmberPixels(image, 0, 20, 420, 120);  // the Dashboard's first lines
    if (std::string(keys) == "Up") {
      CHECK(speed > 30.5);  // highway's limit is 30 m/s (108 km/h): holding Up passes it
      CHECK(amber > 100);
    } else {
      CHECK(speed < 30.0);
      CHECK(amber == 0);
    }
  }
}

TEST_CASE("Train panel: with mostly keyboard demos and mse chosen it suggests flow_matching, otherwise not") {
  app::TrainPanelModel model;
  model.policies = {"mse", "gaussian", "flow_matching"};
  model.episodes = 20;
  model.humanEpisodes = 12;
  app::TrainPanelState state;
  state.policy = 0;  // mse
  const std::optional<std::string> hint = app::KeyboardDemosHint(model, state);
  REQUIRE(hint.has_value());
  CHECK(hint->find("flow_matching") != std::string::npos);
  state.policy = 2;  // already flow_matching
  CHECK_FALSE(app::KeyboardDemosHint(model, state).has_value());
  state.policy = 0;
  model.humanEpisodes = 8;  // most demos from the expert
  CHECK_FALSE(app::KeyboardDemosHint(model, state).has_value());
  model.humanEpisodes = 12;
  model.daggerEpisodes = 16;  // DAgger episodes are not demos: 12 of 4 demos still counts as most
  CHECK(app::KeyboardDemosHint(model, state).has_value());
  model.policies = {"mse", "gaussian"};  // a registry without flow_matching suggests nothing
  CHECK_FALSE(app::KeyboardDemosHint(model, state).has_value());
}
