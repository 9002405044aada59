// GuiApp's set-up, tear-down and frame loop (poll → input → step at the fixed rate → draw → UI → apply intents →
// present), the camera, the simulation clock and the training hand-over. Input is in gui_app_input.cpp, the
// panels in gui_app_ui.cpp, applying intents in gui_app_intents.cpp.
#include "app/gui/gui_app.h"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "app/gui/assets.h"
#include "app/gui/display_check.h"
#include "core/error.h"

namespace app {

namespace {

constexpr double kFramePeriod = 1.0 / 60.0;  // [s] frame-rate cap in interactive mode
constexpr long kWarmupFrames = 5;            // left out of the frame-time statistics
constexpr double kUnboundedSeconds = 1e30;
// As fast as possible: the simulation takes what is left of a 60 Hz frame after drawing, less a margin for the
// system; where drawing alone takes the whole frame (a loaded machine, software rendering) it takes as long as
// drawing did, so the frame rate at most halves and the simulation still gets half the time; never below
// kMinSimBudget.
constexpr double kFrameMargin = 0.002;   // [s]
constexpr double kMinSimBudget = 0.004;  // [s]

}  // namespace

GuiApp::GuiApp(const GuiAppDef& def, Settings& settings)
    : def_(def), settings_(settings), session_(SessionDef{def.scenario, def.seed}) {
  palette_ = LoadPalette(AssetPath("app/colors.json"));
  // No display, no window: say so in one line instead of running unseen.
  const DisplayEnvironment display = ReadDisplayEnvironment();
  if (std::string none = NoDisplayBeforeInit(display); !none.empty()) throw core::Error(none);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_GAMECONTROLLER) != 0) {
    const std::string error = SDL_GetError();
    const char* video = SDL_GetCurrentVideoDriver();
    throw core::Error(video == nullptr ? NoDisplayAfterInit(display, "", error) : "cannot start SDL: " + error);
  }
  if (std::string none = NoDisplayAfterInit(display, SDL_GetCurrentVideoDriver(), ""); !none.empty()) {
    SDL_Quit();
    throw core::Error(none);
  }
  window_ = SDL_CreateWindow("ildrive", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, settings_.windowWidth,
                             settings_.windowHeight, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (window_ == nullptr) {
    SDL_Quit();
    throw core::Error(std::string("cannot open the window: ") + SDL_GetError());
  }
  // Flags 0: let SDL choose (an explicit ACCELERATED request fails on the offscreen/dummy drivers).
  renderer_ = SDL_CreateRenderer(window_, -1, 0);
  if (renderer_ == nullptr) {
    SDL_DestroyWindow(window_);
    SDL_Quit();
    throw core::Error(std::string("cannot create the renderer: ") + SDL_GetError());
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout lives in our settings file
  ImGui::StyleColorsDark();
  ImGui::GetStyle().Colors[ImGuiCol_PopupBg].w = 1.f;  // menus and popups over panels stay readable
  if (!settings_.panelLayout.empty())
    ImGui::LoadIniSettingsFromMemory(settings_.panelLayout.c_str(), settings_.panelLayout.size());
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imguiReady_ = true;

  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  camera_.SetViewport(static_cast<float>(width), static_cast<float>(height));
  camera_.SetZoom(settings_.zoom);
  freeView_ = {0.f, 0.f, static_cast<float>(width), static_cast<float>(height)};
  overlays_ = {settings_.showLidar, settings_.showNearest, settings_.showCentreLines, settings_.showPredictions};
  std::snprintf(dataPanel_.path, sizeof dataPanel_.path, "%s",
                settings_.lastDataFile.empty() ? "demos.h5" : settings_.lastDataFile.c_str());
  std::snprintf(dataPanel_.policyPath, sizeof dataPanel_.policyPath, "%s", settings_.lastPolicyFile.c_str());
  lastCounter_ = SDL_GetPerformanceCounter();
}

GuiApp::~GuiApp() {
  if (pad_ != nullptr) SDL_GameControllerClose(pad_);
  if (imguiReady_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  SDL_DestroyRenderer(renderer_);
  SDL_DestroyWindow(window_);
  SDL_Quit();
}

void GuiApp::StoreSettings() {
  size_t size = 0;
  const char* ini = ImGui::SaveIniSettingsToMemory(&size);
  settings_.panelLayout.assign(ini, size);
  SDL_GetWindowSize(window_, &settings_.windowWidth, &settings_.windowHeight);
  settings_.zoom = camera_.UserZoom();
  settings_.showLidar = overlays_.lidar;
  settings_.showNearest = overlays_.nearest;
  settings_.showCentreLines = overlays_.centreLines;
  settings_.showPredictions = overlays_.predictions;
  settings_.scenario = session_.Env().ScenarioName();
  settings_.lastDataFile = dataPanel_.path;
}

void GuiApp::FrameCamera(const sim::SceneView& view, double realSeconds) {
  if (view.vehicles.empty()) return;
  const sim::VehicleView& ego = view.vehicles.front();
  const Vec2 at{static_cast<float>(ego.x), static_cast<float>(ego.y)};
  if (frameCount_ < 2) lookAhead_.Reset();  // the panels are known from the second frame: jump to their framing
  if (camera_.Following()) {
    const EgoPose pose{at.x, at.y, static_cast<float>(ego.heading), static_cast<float>(view.speed),
                       static_cast<float>(ego.length)};
    lookAhead_.Update(camera_, pose, freeView_, settings_.rotateWithCar, static_cast<float>(realSeconds));
  } else {
    lookAhead_.Reset();  // when following again, jump straight to the framing
  }
  egoOnScreen_ = camera_.WorldToScreen(at);
}

void GuiApp::PauseWhileHelpOpen() {
  // The help list is read, not glanced at: the car must not drive on meanwhile. Closing it resumes only a pause
  // it made itself.
  if (settings_.showHelp && !helpPaused_ && !clock_.Paused()) {
    clock_.SetPaused(true);
    helpPaused_ = true;
  } else if (!settings_.showHelp && helpPaused_) {
    clock_.SetPaused(false);
    helpPaused_ = false;
  }
}

void GuiApp::TickSession() {
  const long finished = session_.EpisodesFinished();
  try {
    session_.Tick();
  } catch (const core::Error&) {
    if (session_.EpisodesFinished() != finished && session_.LastEpisode())  // ended, but could not be written
      notices_.Post(EpisodeNotice(session_.LastEpisode()->metrics, session_.LastEpisode()->seed,
                                  session_.LastEpisodeRecordedAs(), session_.Recording()));
    throw;
  }
  if (session_.EpisodesFinished() == finished || !session_.LastEpisode()) return;
  const EpisodeReport& report = *session_.LastEpisode();
  notices_.Post(EpisodeNotice(report.metrics, report.seed, session_.LastEpisodeRecordedAs(), session_.Recording()));
  if (watch_.Add(report)) clock_.SetPaused(true);  // the watch run is complete: hold the tally on screen
}

void GuiApp::TakeTrainingEnd() {
  std::optional<TrainingEnd> end = training_.TakeEnd();
  if (!end) return;
  if (end->failed) {
    ReportError(end->message);  // where the user looks, not only in the (maybe closed) Train panel
    return;
  }
  if (!end->policy) {
    notices_.Post(NoticeKind::kInfo, "TRAINING STOPPED", end->message);
    return;
  }
  try {
    session_.SetPolicy(end->policy, "trained here: " + end->policy->Config().policy + " on " +
                                        std::to_string(end->episodes) + " episodes");
    session_.SetLaneKeeping(false);  // a clone of this session's demonstrations drives the whole car
    watch_.Stop();  // the tally belongs to the policy that drove it
    const std::string drive = settings_.keys.KeyNames(Command::kDriverPolicy);
    notices_.Post(NoticeKind::kSuccess, "POLICY TRAINED",
                  session_.Driving() == DriverKind::kPolicy ? "it drives now"
                                                            : "press " + drive + " to let it drive, or Watch it",
                  Notices::kSeconds * 1.5f);
  } catch (const core::Error& e) {
    ReportError(e.what());
  }
}

void GuiApp::ReplayForward() {
  const int t = replayer_.Step();
  if (t >= replayer_.Length()) return;
  if (replayRelabelling_) {
    const sim::Env& env = replayer_.Env();
    if (std::optional<sim::Action> label =
            relabel_.Pass(replayer_.Label(t), env.Mode(), static_cast<float>(env.ControlDt()))) {
      relabel_.Record(session_.RelabelStep(replayer_.EpisodeIndex(), t, *label, true));
      replayer_.SetLabel(t, *label, true);
    }
  }
  replayer_.Seek(t + 1);
}

double GuiApp::SimBudget() const {
  return std::max({kMinSimBudget, kFramePeriod - drawSeconds_ - kFrameMargin, drawSeconds_});
}

void GuiApp::StepSimulation(double realSeconds, const CommandState& commands) {
  session_.Human().SetInput(ReadHumanInput(commands));
  session_.SetTakeover(commands.Held(Command::kTakeover) && session_.Driving() == DriverKind::kPolicy);
  try {
    if (stepRequested_ && clock_.Paused()) {
      do {
        TickSession();
      } while (session_.StepOpen());  // the rest of the current control step
    }
    // Scripted runs at a set speed run exactly the ticks owed (reproducible); otherwise the frame's simulation work
    // is bounded by wall time, so the window stays responsive as fast as possible.
    const double budget = def_.fixedTimestep && !clock_.AsFastAsPossible() ? kUnboundedSeconds : SimBudget();
    const uint64_t simStart = SDL_GetPerformanceCounter();
    const double frequency = static_cast<double>(SDL_GetPerformanceFrequency());
    const int ran = RunTicks(
        clock_.TicksFor(realSeconds), budget,
        [this] {
          TickSession();
          return !clock_.Paused();
        },
        [&] { return static_cast<double>(SDL_GetPerformanceCounter() - simStart) / frequency; });
    simSeconds_ = static_cast<double>(SDL_GetPerformanceCounter() - simStart) / frequency;
    ticksThisFrame_ = ran;
  } catch (const core::Error& e) {
    simSeconds_ = 0.0;
    // E.g. appending a finished episode to an unwritable file: say so and stop recording, keep the data.
    ReportError(e.what());
    session_.SetRecording(false);
  }
  stepRequested_ = false;
}

bool GuiApp::Frame(const KeySet* scripted, Image* capture, const MouseFrame* mouse) {
  uint64_t start = SDL_GetPerformanceCounter();
  double frequency = static_cast<double>(SDL_GetPerformanceFrequency());
  double realSeconds = def_.fixedTimestep ? kFramePeriod : static_cast<double>(start - lastCounter_) / frequency;
  lastCounter_ = start;
  fps_ = fps_ == 0.0 ? 1.0 / std::max(realSeconds, 1e-6) : 0.95 * fps_ + 0.05 / std::max(realSeconds, 1e-6);

  // 1. Poll.
  PollEvents();
  if (quitRequested_) {
    quitRequested_ = false;
    if (session_.Unsaved() && !session_.Data().episodes.empty())
      showQuitDialog_ = true;  // ask before discarding unsaved episodes
    else
      quit_ = true;
  }
  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  camera_.SetViewport(static_cast<float>(width), static_cast<float>(height));

  const bool scriptedMouse = mouse != nullptr && mouse->present;
  if (scriptedMouse) FeedScriptedMouse(*mouse);

  // 2. Input: keys → commands → intents and the person's driving input.
  KeySet keys = scripted != nullptr ? *scripted : KeyboardKeys();
  CommandState commands = EvaluateCommands(settings_.keys, keys, previousKeys_);
  previousKeys_ = keys;
  Intents intents;
  CommandsToIntents(commands, intents);

  PauseWhileHelpOpen();

  // 3. Step at the fixed physics rate (the live simulation waits while a replay is shown).
  if (replayer_.IsOpen()) {
    relabel_.Input(ReadHumanInput(commands));
    // Play at the control rate × speed: one recorded step every TicksPerControl / speed frames.
    const long period = std::max(1L, std::lround(replayer_.Env().TicksPerControl() / replaySpeed_));
    if (replayPlaying_ && ++replayFrames_ % period == 0) {
      ReplayForward();
      if (replayer_.Step() >= replayer_.Length()) replayPlaying_ = false;
    }
  } else {
    StepSimulation(realSeconds, commands);
  }
  // The simulation speed achieved (sim seconds per real second), smoothed: what "max" reaches on this machine.
  if (realSeconds > 0.0) {
    const double achieved = ticksThisFrame_ * session_.Env().PhysicsDt() / realSeconds;
    achievedSpeed_ = frameCount_ == 0 ? achieved : 0.9 * achievedSpeed_ + 0.1 * achieved;
  }
  ticksThisFrame_ = 0;

  // 4. Draw the world.
  sim::SceneView view = replayer_.IsOpen() ? replayer_.View() : session_.View();
  FrameCamera(view, realSeconds);
  SDL_SetRenderDrawColor(renderer_, palette_.background.r, palette_.background.g, palette_.background.b, 255);
  SDL_RenderClear(renderer_);
  UpdatePathOverlay(view);
  bool showPaths = !replayer_.IsOpen() && session_.Driving() == DriverKind::kPolicy;
  world_.Draw(renderer_, view, camera_, palette_, overlays_, showPaths ? &paths_ : nullptr);

  // 5. UI (records intents only).
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (scripted != nullptr) {  // after the backend has read the real keyboard: the script's keys reach ImGui too
    ImGuiIO& io = ImGui::GetIO();
    std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
    for (int code : keys)
      if (code >= 0 && code < static_cast<int>(std::size(io.KeysDown))) io.KeysDown[code] = true;
  }
  if (scriptedMouse) {  // after the backend has read the real mouse: the script's pointer wins
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(mouse->x, mouse->y);
    io.MouseDown[0] = mouse->left;
    io.MouseDown[1] = mouse->right;
    io.MouseDown[2] = mouse->middle;
    io.MouseWheel += static_cast<float>(mouse->wheel);
  }
  if (def_.fixedTimestep) ImGui::GetIO().DeltaTime = static_cast<float>(kFramePeriod);
  ImGui::NewFrame();
  DrawUi(intents);
  ImGui::Render();
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());

  // 6. Apply what the keys and panels asked for (after drawing: drawing never changes the simulation), and swap in
  //    a policy the background training finished.
  ApplyIntents(intents);
  TakeTrainingEnd();

  // 7. Capture, present, and cap the rate.
  if (capture != nullptr) *capture = ReadRendererPixels(renderer_);
  SDL_RenderPresent(renderer_);
  uint64_t end = SDL_GetPerformanceCounter();
  double workSeconds = static_cast<double>(end - start) / frequency;
  drawSeconds_ = std::max(workSeconds - simSeconds_, 0.0);
  simSeconds_ = 0.0;
  // The first frames upload the font atlas and warm caches: not what a frame costs while driving.
  if (++frameCount_ > kWarmupFrames) stats_.Add(workSeconds * 1000.0);
  if (!def_.fixedTimestep && workSeconds < kFramePeriod)
    SDL_Delay(static_cast<Uint32>((kFramePeriod - workSeconds) * 1000.0));
  return !quit_;
}

}  // namespace app
