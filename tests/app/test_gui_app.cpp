// End-to-end tests of the window on SDL's offscreen video driver with the software renderer (ctest sets
// SDL_VIDEODRIVER=offscreen): a scripted run's screenshot is checked pixel by pixel against the palette, and a
// scripted drive through the real keyboard path records an episode whose actions are the script's.
#include "app/gui/gui_app.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>

#include "app/gui/app_main.h"
#include "app/gui/input_script.h"
#include "core/atomic_file.h"

namespace fs = std::filesystem;

namespace {

void UseOffscreenVideo() { setenv("SDL_VIDEODRIVER", "offscreen", 0); }

app::Rgba StyleColor(ImGuiCol which) {
  ImGui::CreateContext();
  ImGui::StyleColorsDark();
  ImU32 c = ImGui::ColorConvertFloat4ToU32(ImGui::GetStyle().Colors[which]);
  ImGui::DestroyContext();
  return {static_cast<uint8_t>(c & 0xff), static_cast<uint8_t>((c >> 8) & 0xff), static_cast<uint8_t>((c >> 16) & 0xff),
          255};
}

app::Image RunScript(const std::string& name, const std::string& script) {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_gui";
  fs::create_directories(dir);
  std::string scriptPath = (dir / (name + ".txt")).string();
  core::WriteFileAtomically(scriptPath, script);
  app::GuiOptions options;
  options.scenario = "highway";
  options.inputScriptPath = scriptPath;
  options.screenshotPath = (dir / (name + ".png")).string();
  options.width = 1280;
  options.height = 720;
  REQUIRE(app::RunGui(options) == 0);
  return app::LoadPng(options.screenshotPath);
}

// Where the ego is drawn: the centre of its colour right of the Dashboard's column (whose action bars share the
// colour). The look-ahead camera places it in the free part of the window, back from the centre at speed.
void EgoCentre(const app::Image& image, int& cx, int& cy) {
  const app::Palette palette;
  long sumX = 0, sumY = 0, count = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 346; x < image.width; ++x)
      if (image.At(x, y) == palette.ego) {
        sumX += x;
        sumY += y;
        ++count;
      }
  REQUIRE(count > 0);
  cx = static_cast<int>(sumX / count);
  cy = static_cast<int>(sumY / count);
}

}  // namespace

TEST_CASE("Screenshot: road, ego car, brake lamps on the car and the dashboard, and a panel are drawn") {
  UseOffscreenVideo();
  app::Palette palette;  // colors.json equals the defaults (test_palette.cpp)
  app::Image braking = RunScript("braking", "40 Up\n20 Space\n");
  REQUIRE(braking.width == 1280);
  REQUIRE(braking.height == 720);
  int cx = 0, cy = 0;
  EgoCentre(braking, cx, cy);
  long all = static_cast<long>(braking.width) * braking.height;
  CHECK(braking.CountColor(palette.road, 0, 0, 1280, 720) > all / 20);
  CHECK(braking.CountColor(palette.laneMarking, 0, 0, 1280, 720) > 200);
  CHECK(braking.CountColor(palette.ego, cx - 50, cy - 50, cx + 50, cy + 50) > 150);  // zoomed out at speed
  CHECK(braking.CountColor(palette.egoOutline, cx - 50, cy - 50, cx + 50, cy + 50) > 50);
  CHECK(braking.CountColor(palette.brakeLampOn, cx - 50, cy - 50, cx + 50, cy + 50) >= 8);  // on the car
  // The dashboard panel (top left): its title bar and its brake indicator lamp.
  app::Rgba title = StyleColor(ImGuiCol_TitleBgActive);
  app::Rgba titleInactive = StyleColor(ImGuiCol_TitleBg);
  long titlePixels = braking.CountColor(title, 0, 20, 400, 60) + braking.CountColor(titleInactive, 0, 20, 400, 60);
  CHECK(titlePixels > 2000);
  CHECK(braking.CountColor(palette.brakeLampOn, 0, 60, 400, 200) > 150);

  // Without braking both lamps are off: the checks above can fail.
  app::Image cruising = RunScript("cruising", "60 Up\n");
  CHECK(cruising.CountColor(palette.brakeLampOn, 0, 0, 1280, 720) == 0);
  CHECK(cruising.CountColor(palette.brakeLampOff, 0, 60, 400, 200) > 150);
  EgoCentre(cruising, cx, cy);
  CHECK(cruising.CountColor(palette.brakeLampOff, cx - 50, cy - 50, cx + 50, cy + 50) >= 8);
}

TEST_CASE("A scripted drive with recording on, through the key bindings, records the script's actions") {
  UseOffscreenVideo();
  app::InputScript script = app::InputScript::Parse(
      "1 R\n"            // recording on
      "90 Up\n"          // throttle
      "24 Up, Left\n"    // a little left
      "24 Right\n"       // back right, coasting
      "30 Space\n"       // full brake
      "3000\n",          // let the episode run out
      "drive");
  app::Settings settings;
  settings.windowWidth = 320;
  settings.windowHeight = 240;
  app::GuiApp gui(app::GuiAppDef{"highway", 5, true}, settings);
  long frame = 0;
  for (; gui.GetSession().EpisodesFinished() < 1 && frame < script.FrameCount(); ++frame)
    REQUIRE(gui.Frame(&script.KeysAt(frame), nullptr));
  const app::Session& session = gui.GetSession();
  REQUIRE(session.Data().episodes.size() == 1);
  const auto& episode = session.Data().episodes[0];
  CHECK(episode.source == "human");
  CHECK(episode.seed == 6);  // recording started a fresh episode after seed 5's

  // Recording switched on at the end of frame 0 with a fresh episode, whose control step k is then decided at
  // frame 1 + 3k (one tick a frame, 3 ticks a step).
  app::KeyBindings keys;
  const int ticksPerControl = session.Env().TicksPerControl();
  const float dt = static_cast<float>(session.Env().ControlDt());
  sim::Action expected;
  int compared = 0;
  for (int k = 0; k < episode.Length(); ++k) {
    app::CommandState c = app::EvaluateCommands(keys, script.KeysAt(1 + static_cast<long>(k) * ticksPerControl), {});
    sim::HumanInput input;
    input.left = c.Held(app::Command::kSteerLeft);
    input.right = c.Held(app::Command::kSteerRight);
    input.throttle = c.Held(app::Command::kThrottle);
    input.brake = c.Held(app::Command::kBrake);
    input.fullBrake = c.Held(app::Command::kFullBrake);
    expected = sim::RampAction(expected, input, sim::ActionMode::kDirect, dt, {});
    REQUIRE(episode.actions(0, k) == doctest::Approx(expected.steer));
    REQUIRE(episode.actions(1, k) == doctest::Approx(expected.accel));
    ++compared;
  }
  CHECK(compared == episode.Length());
  CHECK(episode.actions.row(1).maxCoeff() == doctest::Approx(1.f));   // full throttle reached
  CHECK(episode.actions.row(1).minCoeff() == doctest::Approx(-1.f));  // full brake
  CHECK(episode.actions.row(0).maxCoeff() > 0.5f);                    // steered left
  CHECK(episode.actions == episode.labels);
}
