// The first session in the window (issue 13): the road ahead uncovered at the default layout, episode outcomes
// and the recording state where the eye is, the loss plot drawn, feedback for T, the help list pausing, the lesson
// table readable, steering bars pointing where the car turns, a clear refusal without a display, and the Start
// here card. End to end on the offscreen driver (ctest sets SDL_VIDEODRIVER=offscreen).
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "app/gui/display_check.h"
#include "app/gui/gui_app.h"
#include "app/gui/help_panel.h"
#include "app/gui/lessons_panel.h"
#include "app/gui/loss_plot.h"
#include "app/gui/panel_layout.h"
#include "app/gui/start_here_card.h"
#include "core/error.h"
#include "learning/imitation/policy_driver.h"
#include "sim/scenario_registry.h"

namespace {

app::Settings Fresh(int width, int height) {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;  // a new user's: the default layout
  settings.windowWidth = width;
  settings.windowHeight = height;
  return settings;
}

app::ScreenRect OnScreen(const app::Camera& camera, const sim::VehicleView& v) {
  app::ScreenRect r{1e9f, 1e9f, -1e9f, -1e9f};
  const float c = static_cast<float>(std::cos(v.heading)), s = static_cast<float>(std::sin(v.heading));
  for (float f : {-0.5f, 0.5f})
    for (float l : {-0.5f, 0.5f}) {
      const float fx = f * static_cast<float>(v.length), ly = l * static_cast<float>(v.width);
      app::Vec2 p = camera.WorldToScreen(
          {static_cast<float>(v.x) + fx * c - ly * s, static_cast<float>(v.y) + fx * s + ly * c});
      r = {std::min(r.x0, p.x), std::min(r.y0, p.y), std::max(r.x1, p.x), std::max(r.y1, p.y)};
    }
  return r;
}

bool Uncovered(const app::GuiApp& gui, const app::ScreenRect& r) {
  const app::Camera& camera = gui.GetCamera();
  if (!app::ScreenRect{0.f, 0.f, camera.Width(), camera.Height()}.Contains(r)) return false;
  for (const app::ScreenRect& panel : gui.PanelRects())
    if (panel.Overlaps(r)) return false;
  return true;
}

long CountInRect(const app::Image& image, const app::Rgba& color, const app::ScreenRect& r) {
  return image.CountColor(color, static_cast<int>(r.x0), static_cast<int>(r.y0), static_cast<int>(r.x1) + 1,
                          static_cast<int>(r.y1) + 1);
}

// The first frame's panels are not known to the camera yet: a few frames let the layout settle.
void Settle(app::GuiApp& gui, int frames = 3) {
  for (int i = 0; i < frames; ++i) REQUIRE(gui.Frame(nullptr, nullptr));
}

}  // namespace

TEST_CASE("Look-ahead: at the default layout the lane_choice obstacle is uncovered 3 s before the car reaches it") {
  for (auto [width, height] : {std::pair{1280, 720}, std::pair{1024, 640}, std::pair{1920, 1080}}) {
    CAPTURE(width);
    app::Settings settings = Fresh(width, height);
    app::GuiApp gui(app::GuiAppDef{"lane_choice", 3, true}, settings);
    app::Intents expert;
    expert.driver = app::DriverKind::kExpert;
    gui.Apply(expert);
    app::Palette palette;
    double firstSeen = -1.0;  // time to reach [s] from which the obstacle stayed uncovered
    bool checkedPixels = false;
    for (long frame = 0; frame < 900; ++frame) {
      app::Image image;
      const sim::SceneView before = gui.GetSession().View();
      const bool near = [&] {  // about to cross 3 s: capture this frame's pixels
        for (const auto& v : before.vehicles)
          if (v.kind == sim::VehicleViewKind::kObstacle && before.speed > 1.0)
            return (v.x - v.length * 0.5 - before.vehicles.front().x - before.vehicles.front().length * 0.5) /
                       before.speed < 3.1;
        return false;
      }();
      REQUIRE(gui.Frame(nullptr, near && !checkedPixels ? &image : nullptr));
      const sim::SceneView view = gui.GetSession().View();
      const sim::VehicleView& ego = view.vehicles.front();
      const sim::VehicleView* obstacle = nullptr;
      for (const auto& v : view.vehicles)
        if (v.kind == sim::VehicleViewKind::kObstacle) obstacle = &v;
      REQUIRE(obstacle != nullptr);
      const double gap = obstacle->x - obstacle->length * 0.5 - (ego.x + ego.length * 0.5);
      if (gap <= 0.0 || view.speed < 1.0) {
        if (gap <= 0.0) break;  // reached it (passing beside it)
        continue;
      }
      const double toReach = gap / view.speed;
      const app::ScreenRect r = OnScreen(gui.GetCamera(), *obstacle);
      if (Uncovered(gui, r)) {
        if (firstSeen < 0.0) firstSeen = toReach;
      } else {
        firstSeen = -1.0;  // covered again: only an unbroken view counts
      }
      if (image.width > 0) {
        checkedPixels = true;
        // The obstacle's own colour is drawn there (not hidden under a panel).
        const float area = static_cast<float>(obstacle->length * obstacle->width) * gui.GetCamera().Zoom() *
                           gui.GetCamera().Zoom();
        CHECK(CountInRect(image, palette.obstacle, r) > static_cast<long>(area * 0.6f));
      }
    }
    CHECK(checkedPixels);
    CHECK(firstSeen >= 3.0);
  }
}

TEST_CASE("Look-ahead: the car sits back in the free view at speed, centred when stopped, the scene can rotate") {
  app::Camera camera;
  camera.SetViewport(1000.f, 600.f);
  camera.SetZoom(10.f);
  const app::ScreenRect free{200.f, 100.f, 1000.f, 600.f};  // a panel on the left and one on top
  app::LookAhead look;
  look.Update(camera, {50.f, 0.f, 0.f, 0.f, 4.5f}, free, false, 0.f);
  app::Vec2 at = camera.WorldToScreen({50.f, 0.f});
  CHECK(at.x == doctest::Approx(600.f));  // stopped: the free view's centre
  CHECK(at.y == doctest::Approx(350.f));
  look.Reset();
  look.Update(camera, {50.f, 0.f, 0.f, 25.f, 4.5f}, free, false, 0.f);
  at = camera.WorldToScreen({50.f, 0.f});
  CHECK(at.x < 350.f);  // at 25 m/s: back toward the free view's left edge
  CHECK(at.x > 200.f);
  const float aheadMetres = (free.x1 - at.x) / camera.Zoom();
  CHECK(aheadMetres >= 25.f * app::LookAhead::kSeconds);
  // Heading north (+y): without rotation the lead is upward on screen; with it the car points right.
  look.Reset();
  look.Update(camera, {0.f, 0.f, 1.5707963f, 20.f, 4.5f}, free, false, 0.f);
  CHECK(camera.WorldToScreen({0.f, 0.f}).y > 350.f);
  look.Reset();
  look.Update(camera, {0.f, 0.f, 1.5707963f, 20.f, 4.5f}, free, true, 0.f);
  const app::Vec2 car = camera.WorldToScreen({0.f, 0.f}), nose = camera.WorldToScreen({0.f, 2.f});
  CHECK(nose.x > car.x + 10.f);
  CHECK(nose.y == doctest::Approx(car.y).epsilon(0.01));
  // FreeView: the largest free rectangle, preferring width.
  const app::ScreenRect view = app::FreeView(1000.f, 600.f, {{0.f, 0.f, 200.f, 600.f}, {0.f, 0.f, 1000.f, 100.f}});
  CHECK(view.x0 == 200.f);
  CHECK(view.y0 == 100.f);
  CHECK(view.x1 == 1000.f);
  CHECK(view.y1 == 600.f);
}

TEST_CASE("Outcomes: a crash shows over the road with its seed and where it was recorded, REC stays visible") {
  app::Settings settings = Fresh(1280, 720);
  settings.showDashboard = false;  // the recording state must not depend on it
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 7, true}, settings);
  app::Intents record;
  record.toggleRecording = true;
  gui.Apply(record);
  app::Palette palette;
  app::Image image;
  REQUIRE(gui.Frame(nullptr, &image));
  CHECK(image.CountColor(palette.recording, 0, 0, 1280, 22) > 30);  // the lamp in the menu bar
  // Nobody at the wheel: straight into the obstacle.
  long frame = 0;
  while (gui.GetSession().EpisodesFinished() == 0) {
    REQUIRE(++frame < 2000);
    REQUIRE(gui.Frame(nullptr, nullptr));
  }
  REQUIRE(gui.Frame(nullptr, &image));
  REQUIRE(!gui.GetNotices().Items().empty());
  const app::Notice& notice = gui.GetNotices().Items().front();
  CHECK(notice.kind == app::NoticeKind::kFailure);
  CHECK(notice.title == "COLLISION");
  CHECK(notice.detail.find("seed 8") != std::string::npos);  // recording started a fresh episode after seed 7's
  CHECK(notice.detail.find("recorded as episode 0") != std::string::npos);
  // Drawn above the car, in the failure colour.
  const app::Rgba red{static_cast<uint8_t>(app::NoticeColor(app::NoticeKind::kFailure) & 0xff),
                      static_cast<uint8_t>((app::NoticeColor(app::NoticeKind::kFailure) >> 8) & 0xff),
                      static_cast<uint8_t>((app::NoticeColor(app::NoticeKind::kFailure) >> 16) & 0xff)};
  const app::Vec2 ego = gui.GetCamera().WorldToScreen(
      {static_cast<float>(gui.GetSession().View().vehicles.front().x),
       static_cast<float>(gui.GetSession().View().vehicles.front().y)});
  CHECK(image.CountColor(red, static_cast<int>(ego.x) - 300, static_cast<int>(ego.y) - 200, static_cast<int>(ego.x) + 300,
                         static_cast<int>(ego.y)) > 100);
  // It goes after a few seconds.
  for (int i = 0; i < static_cast<int>(app::Notices::kSeconds * 60.f) + 5; ++i) REQUIRE(gui.Frame(nullptr, nullptr));
  CHECK(gui.GetNotices().Items().empty());

  // Switching scenario while recording says what happened: the dataset belongs to lane_choice.
  app::Intents highway;
  highway.scenario = "highway";
  gui.Apply(highway);
  CHECK_FALSE(gui.GetSession().Recording());
  REQUIRE(!gui.GetNotices().Items().empty());
  CHECK(gui.GetNotices().Items().front().title == "RECORDING STOPPED");
  CHECK(gui.GetNotices().Items().front().detail.find("lane_choice") != std::string::npos);
  REQUIRE(gui.Frame(nullptr, &image));
  CHECK(image.CountColor(palette.recording, 0, 0, 1280, 22) == 0);  // the lamp is off with recording
}

TEST_CASE("Loss plot: training draws train and validation curves in the Train panel, seen without scrolling") {
  app::Settings settings = Fresh(1280, 720);
  settings.showTrain = true;
  app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
  app::Intents add;
  add.addExpertEpisodes = 10;  // a validation split needs 10
  gui.Apply(add);
  app::Intents train;
  train.startTraining = app::TrainScope::kAll;
  gui.Apply(train);
  REQUIRE(gui.ErrorMessage().empty());
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    REQUIRE(gui.Frame(nullptr, nullptr));
    const app::TrainingStatus status = gui.Training();
    int valid = 0;
    for (float v : status.validLoss) valid += std::isfinite(v) ? 1 : 0;
    if (status.trainLoss.size() >= 4 && valid >= 3) break;
    REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  app::Image image;
  REQUIRE(gui.Frame(nullptr, &image));
  app::Intents cancel;
  cancel.cancelTraining = true;
  gui.Apply(cancel);
  auto rgba = [](ImU32 c) {
    return app::Rgba{static_cast<uint8_t>(c & 0xff), static_cast<uint8_t>((c >> 8) & 0xff),
                     static_cast<uint8_t>((c >> 16) & 0xff)};
  };
  // The Train panel's place in the default layout; the curves lie within it, inside the window.
  const app::PanelPlacement place = app::DefaultPlacement(app::Panel::kTrain, ImVec2(1280.f, 720.f));
  const int x0 = static_cast<int>(place.pos.x), y0 = static_cast<int>(place.pos.y);
  const int x1 = static_cast<int>(place.pos.x + place.size.x), y1 = static_cast<int>(place.pos.y + place.size.y);
  CHECK(image.CountColor(rgba(app::kTrainLossColor), x0, y0, x1, y1) > 40);
  CHECK(image.CountColor(rgba(app::kValidLossColor), x0, y0, x1, y1) > 40);
}

TEST_CASE("T with the Train panel closed: a notice says training started - a layout mismatch says which side has what") {
  app::Settings settings = Fresh(1280, 720);
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 1, true}, settings);
  app::Intents add;
  add.addExpertEpisodes = 2;
  gui.Apply(add);
  app::KeySet t{SDL_SCANCODE_T};
  REQUIRE(gui.Frame(&t, nullptr));
  CHECK(gui.ErrorMessage().empty());
  CHECK(gui.Training().running);
  REQUIRE(!gui.GetNotices().Items().empty());
  CHECK(gui.GetNotices().Items().front().title == "TRAINING STARTED");
  app::Intents cancel;
  cancel.cancelTraining = true;
  gui.Apply(cancel);

  // The data was recorded in lane_choice; in highway the lidar has another size.
  app::Intents highway;
  highway.scenario = "highway";
  gui.Apply(highway);
  app::KeySet none;
  REQUIRE(gui.Frame(&none, nullptr));
  REQUIRE(gui.Frame(&t, nullptr));
  const std::string& error = gui.ErrorMessage();
  CAPTURE(error);
  const auto highwayDims = learning::imitation::ObsDimsOf(sim::MakeEnv("highway"));
  const auto laneDims = learning::imitation::ObsDimsOf(sim::MakeEnv("lane_choice"));
  REQUIRE(highwayDims.at("lidar") != laneDims.at("lidar"));
  CHECK(error.find("this scenario (highway) gives \"lidar\" " + std::to_string(highwayDims.at("lidar")) +
                   " entries") != std::string::npos);
  CHECK(error.find("the dataset (recorded in lane_choice) has " + std::to_string(laneDims.at("lidar"))) !=
        std::string::npos);
}

TEST_CASE("F1: the help list pauses the simulation while it is open and fits the window") {
  app::Settings settings = Fresh(1024, 640);
  app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
  Settle(gui);
  app::KeySet f1{SDL_SCANCODE_F1}, none;
  REQUIRE(gui.Frame(&f1, nullptr));
  REQUIRE(gui.Frame(&none, nullptr));
  CHECK(gui.Paused());
  const double time = gui.GetSession().Env().Time();
  for (int i = 0; i < 30; ++i) REQUIRE(gui.Frame(&none, nullptr));
  CHECK(gui.GetSession().Env().Time() == time);
  const ImGuiWindow* help = ImGui::FindWindowByName(app::kHelpWindow);
  REQUIRE(help != nullptr);
  CHECK(help->Pos.x >= 0.f);
  CHECK(help->Pos.x + help->Size.x <= 1024.f);
  CHECK(help->Pos.y + help->Size.y <= 640.f);
  REQUIRE(gui.Frame(&f1, nullptr));  // closed: the simulation resumes
  for (int i = 0; i < 10; ++i) REQUIRE(gui.Frame(&none, nullptr));
  CHECK_FALSE(gui.Paused());
  CHECK(gui.GetSession().Env().Time() > time);
}

TEST_CASE("Lesson table: every column and row lies within the Lessons panel at 1280x720") {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1280.f, 720.f);
  io.DeltaTime = 1.f / 60.f;
  io.IniFilename = nullptr;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  auto result = std::make_shared<learning::imitation::LessonResult>();
  result->lesson = "causal_confusion";
  result->statement = "a statement";
  learning::imitation::LessonTable table;
  table.title = "pooled";
  const char* metrics[] = {"valid_loss", "brake_acc", "acc_at_lamp_change", "collision", "success",
                           "start_delay_s", "drive_offs_over_3s"};
  for (const char* method : {"bc (no lamp)", "bc + lamp", "bc + previous action", "dagger + lamp (1 iter)"}) {
    learning::imitation::LessonRow row;
    row.method = method;
    for (const char* metric : metrics) row.cells.push_back({metric, {0.00124, 0.00123, 0.00125, true, 5}});
    table.rows.push_back(row);
  }
  result->tables = {table, table};
  app::LessonsPanelModel model;
  model.names = {"causal_confusion"};
  model.descriptions = {"the brake lamp"};
  model.status.result = result;
  app::LessonsPanelState state;
  app::Intents intents;
  bool open = true;
  int rows = 0;
  for (int frame = 0; frame < 3; ++frame) {
    ImGui::NewFrame();
    rows = app::DrawLessonsPanel(model, state, intents, &open);
    ImGui::Render();
  }
  CHECK(rows == 8);
  const ImGuiWindow* panel = ImGui::FindWindowByName("Lessons");
  REQUIRE(panel != nullptr);
  CHECK(panel->Pos.x + panel->Size.x <= 1280.f);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  int tables = 0;
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    const ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (t == nullptr || t->OuterWindow != panel) continue;
    ++tables;
    CHECK(t->ColumnsCount == 9);
    for (int c = 0; c < t->ColumnsCount; ++c) {
      CAPTURE(c);
      CHECK(t->Columns[c].IsVisibleX);
      CHECK(t->Columns[c].MaxX <= panel->InnerClipRect.Max.x + 1.f);  // no column beyond the panel's edge
      if (c >= 2) CHECK(t->Columns[c].WidthGiven >= ImGui::CalcTextSize("0.00124").x);  // a value fits its cell
    }
  }
  CHECK(tables == 2);
  ImGui::DestroyContext();
}

TEST_CASE("Steering bars: steering left fills the bar to the left of its centre") {
  auto meanFillX = [](const char* key) {
    app::Settings settings = Fresh(1280, 720);
    app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
    app::KeySet keys{SDL_GetScancodeFromName(key)};
    app::Image image;
    for (int i = 0; i < 30; ++i) REQUIRE(gui.Frame(&keys, i == 29 ? &image : nullptr));
    const ImGuiWindow* panel = ImGui::FindWindowByName("Dashboard");
    REQUIRE(panel != nullptr);
    const app::ScreenRect dashboard{panel->Pos.x, panel->Pos.y, panel->Pos.x + panel->Size.x,
                                    panel->Pos.y + panel->Size.y};
    const app::Rgba fill{255, 140, 26};  // the executed action's bars
    double sum = 0.0;
    long count = 0;
    for (int y = static_cast<int>(dashboard.y0); y < static_cast<int>(dashboard.y1); ++y)
      for (int x = static_cast<int>(dashboard.x0); x < static_cast<int>(dashboard.x1); ++x)
        if (image.At(x, y) == fill) {
          sum += x;
          ++count;
        }
    REQUIRE(count > 20);
    return sum / static_cast<double>(count);
  };
  CHECK(meanFillX("Left") + 20.0 < meanFillX("Right"));
}

TEST_CASE("No display: one line saying how to get one - an explicitly asked-for offscreen driver passes") {
  app::DisplayEnvironment none;
  CHECK(app::NoDisplayBeforeInit(none).find("no display") == 0);
  CHECK(app::NoDisplayBeforeInit(none).find("SDL_VIDEODRIVER=offscreen") != std::string::npos);
  CHECK(app::NoDisplayBeforeInit(none).find('\n') == std::string::npos);
  CHECK(app::NoDisplayBeforeInit({"", ":0", ""}).empty());
  CHECK(app::NoDisplayBeforeInit({"", "", "wayland-0"}).empty());
  CHECK(app::NoDisplayBeforeInit({"offscreen", "", ""}).empty());
  CHECK(app::NoDisplayAfterInit({"offscreen", "", ""}, "offscreen", "").empty());
  CHECK(app::NoDisplayAfterInit({"", ":0", ""}, "x11", "").empty());
  CHECK(app::NoDisplayAfterInit({"", ":0", ""}, "offscreen", "").find("fell back") != std::string::npos);
  CHECK(app::NoDisplayAfterInit({"x11", "", ""}, "", "x11 not available").find("x11 not available") !=
        std::string::npos);

  // The window itself refuses to open with no display and no driver asked for.
  const std::string saved = std::getenv("SDL_VIDEODRIVER") ? std::getenv("SDL_VIDEODRIVER") : "";
  const std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
  const std::string wayland = std::getenv("WAYLAND_DISPLAY") ? std::getenv("WAYLAND_DISPLAY") : "";
  unsetenv("SDL_VIDEODRIVER");
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  app::Settings settings;
  CHECK_THROWS_WITH_AS(app::GuiApp(app::GuiAppDef{}, settings), doctest::Contains("no display"), core::Error);
  setenv("SDL_VIDEODRIVER", saved.empty() ? "offscreen" : saved.c_str(), 1);
  if (!display.empty()) setenv("DISPLAY", display.c_str(), 1);
  if (!wayland.empty()) setenv("WAYLAND_DISPLAY", wayland.c_str(), 1);
  CHECK_NOTHROW(app::GuiApp(app::GuiAppDef{}, settings));  // offscreen, asked for: works as before
}

TEST_CASE("Start here: shown on first launch, dismissed with Got it, remembered in the settings") {
  app::Settings settings = Fresh(1280, 720);
  REQUIRE(settings.showStartHere);
  {
    app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
    Settle(gui);
    const ImGuiWindow* card = ImGui::FindWindowByName(app::kStartHereWindow);
    REQUIRE(card != nullptr);
    REQUIRE(card->Active);
    // The "Got it" button: the last line, at the left.
    app::MouseFrame mouse;
    mouse.present = true;
    mouse.x = card->Pos.x + 25.f;
    mouse.y = card->Pos.y + card->Size.y - 18.f;
    for (int i = 0; i < 2; ++i) REQUIRE(gui.Frame(nullptr, nullptr, &mouse));
    mouse.left = true;
    for (int i = 0; i < 2; ++i) REQUIRE(gui.Frame(nullptr, nullptr, &mouse));
    mouse.left = false;
    for (int i = 0; i < 2; ++i) REQUIRE(gui.Frame(nullptr, nullptr, &mouse));
    gui.StoreSettings();
  }
  CHECK_FALSE(settings.showStartHere);
  const std::string path = (std::filesystem::temp_directory_path() / "ildrive_test_start_here.json").string();
  app::SaveSettings(settings, path);
  CHECK_FALSE(app::LoadSettings(path).showStartHere);
  std::filesystem::remove(path);
}

TEST_CASE("Data panel: the episode table shows several rows at the default layout - the belief window opens beside "
          "the Dashboard, not over it") {
  for (auto [width, height] : {std::pair{1280, 720}, std::pair{1024, 640}, std::pair{1920, 1080}}) {
    CAPTURE(width);
    app::Settings settings = Fresh(width, height);
    settings.showBelief = true;
    app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
    gui.GetSession().AddExpertEpisodes(12, false);
    for (int i = 0; i < 3; ++i) REQUIRE(gui.Frame(nullptr, nullptr));
    const ImGuiWindow* data = ImGui::FindWindowByName("Data");
    REQUIRE(data != nullptr);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiTable* episodes = nullptr;
    for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
      const ImGuiTable* t = g.Tables.TryGetMapData(i);
      if (t != nullptr && t->OuterWindow == data) episodes = t;
    }
    REQUIRE(episodes != nullptr);
    // The part of the table inside the panel's visible area holds the header and at least four episode rows.
    const float visibleTop = std::max(episodes->OuterRect.Min.y, data->InnerClipRect.Min.y);
    const float visibleBottom = std::min(episodes->OuterRect.Max.y, data->InnerClipRect.Max.y);
    CHECK(visibleBottom - visibleTop >= 5.f * ImGui::GetTextLineHeightWithSpacing());
    const ImGuiWindow* dashboard = ImGui::FindWindowByName("Dashboard");
    const ImGuiWindow* belief = ImGui::FindWindowByName("What the policy believes");
    REQUIRE(dashboard != nullptr);
    REQUIRE(belief != nullptr);
    const app::ScreenRect beliefRect{belief->Pos.x, belief->Pos.y, belief->Pos.x + belief->Size.x,
                                     belief->Pos.y + belief->Size.y};
    CHECK_FALSE(beliefRect.Overlaps({dashboard->Pos.x, dashboard->Pos.y, dashboard->Pos.x + dashboard->Size.x,
                                     dashboard->Pos.y + dashboard->Size.y}));
    CHECK_FALSE(beliefRect.Overlaps({data->Pos.x, data->Pos.y, data->Pos.x + data->Size.x,
                                     data->Pos.y + data->Size.y}));
    CHECK(beliefRect.x1 <= static_cast<float>(width));
    CHECK(beliefRect.y1 <= static_cast<float>(height));
  }
}
