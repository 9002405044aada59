#include "app/gui/gui_app.h"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>

#include "app/gui/assets.h"
#include "app/gui/dashboard_panel.h"
#include "app/gui/help_panel.h"
#include "app/gui/path_prediction.h"
#include "core/error.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

constexpr double kFramePeriod = 1.0 / 60.0;  // [s] frame-rate cap in interactive mode
constexpr float kPadDeadZone = 0.12f;        // of full stick travel
constexpr long kWarmupFrames = 5;            // left out of the frame-time statistics
constexpr int kSampledPaths = 8;             // sampled futures drawn for a driving policy

float PadAxis(SDL_GameController* pad, SDL_GameControllerAxis axis) {
  return static_cast<float>(SDL_GameControllerGetAxis(pad, axis)) / 32767.f;
}

}  // namespace

GuiApp::GuiApp(const GuiAppDef& def, Settings& settings)
    : def_(def), settings_(settings), session_(SessionDef{def.scenario, def.seed}) {
  palette_ = LoadPalette(AssetPath("app/colors.json"));
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_GAMECONTROLLER) != 0)
    throw core::Error(std::string("cannot start SDL: ") + SDL_GetError());
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
  if (!settings_.panelLayout.empty())
    ImGui::LoadIniSettingsFromMemory(settings_.panelLayout.c_str(), settings_.panelLayout.size());
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imguiReady_ = true;

  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  camera_.SetViewport(static_cast<float>(width), static_cast<float>(height));
  camera_.SetZoom(settings_.zoom);
  overlays_ = {settings_.showLidar, settings_.showNearest, settings_.showCentreLines, settings_.showPredictions};
  std::snprintf(dataPanel_.path, sizeof dataPanel_.path, "%s",
                settings_.lastDataFile.empty() ? "demos.h5" : settings_.lastDataFile.c_str());
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
  settings_.zoom = camera_.Zoom();
  settings_.showLidar = overlays_.lidar;
  settings_.showNearest = overlays_.nearest;
  settings_.showCentreLines = overlays_.centreLines;
  settings_.showPredictions = overlays_.predictions;
  settings_.scenario = session_.Env().ScenarioName();
  settings_.lastDataFile = dataPanel_.path;
}

void GuiApp::PollEvents() {
  ImGuiIO& io = ImGui::GetIO();
  pressedThisFrame_.clear();
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    switch (event.type) {
      case SDL_QUIT: quitRequested_ = true; break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window_))
          quitRequested_ = true;
        break;
      case SDL_KEYDOWN:
        if (!io.WantCaptureKeyboard && event.key.repeat == 0) pressedThisFrame_.push_back(event.key.keysym.scancode);
        break;
      case SDL_MOUSEWHEEL:
        if (!io.WantCaptureMouse) {
          int x = 0, y = 0;
          SDL_GetMouseState(&x, &y);
          camera_.ZoomAt(std::pow(1.15f, static_cast<float>(event.wheel.y)), {static_cast<float>(x), static_cast<float>(y)});
        }
        break;
      case SDL_MOUSEBUTTONDOWN:
        if (event.button.button == SDL_BUTTON_LEFT && !io.WantCaptureMouse) dragging_ = true;
        break;
      case SDL_MOUSEBUTTONUP:
        if (event.button.button == SDL_BUTTON_LEFT) dragging_ = false;
        break;
      case SDL_MOUSEMOTION:
        if (dragging_) camera_.Pan(static_cast<float>(event.motion.xrel), static_cast<float>(event.motion.yrel));
        break;
      case SDL_CONTROLLERDEVICEADDED:
        if (pad_ == nullptr) pad_ = SDL_GameControllerOpen(event.cdevice.which);
        break;
      case SDL_CONTROLLERDEVICEREMOVED:
        if (pad_ != nullptr &&
            event.cdevice.which == SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad_))) {
          SDL_GameControllerClose(pad_);
          pad_ = nullptr;
        }
        break;
      default: break;
    }
  }
}

KeySet GuiApp::KeyboardKeys() const {
  // Keys reach the car only when ImGui does not want the keyboard (a text field has focus).
  if (ImGui::GetIO().WantCaptureKeyboard) return {};
  int count = 0;
  const Uint8* state = SDL_GetKeyboardState(&count);
  KeySet keys = pressedThisFrame_;
  for (int code = 0; code < count; ++code)
    if (state[code] != 0 && std::find(keys.begin(), keys.end(), code) == keys.end()) keys.push_back(code);
  return keys;
}

HumanInput GuiApp::ReadHumanInput(const CommandState& c) const {
  HumanInput input;
  input.left = c.Held(Command::kSteerLeft);
  input.right = c.Held(Command::kSteerRight);
  input.throttle = c.Held(Command::kThrottle);
  input.brake = c.Held(Command::kBrake);
  input.fullBrake = c.Held(Command::kFullBrake);
  if (pad_ != nullptr) {
    float steer = -PadAxis(pad_, SDL_CONTROLLER_AXIS_LEFTX);  // stick right = steer right = negative
    float accel = PadAxis(pad_, SDL_CONTROLLER_AXIS_TRIGGERRIGHT) - PadAxis(pad_, SDL_CONTROLLER_AXIS_TRIGGERLEFT);
    if (std::abs(steer) < kPadDeadZone) steer = 0.f;
    if (std::abs(accel) < kPadDeadZone) accel = 0.f;
    // The pad drives while it is touched; otherwise the keys do.
    if (steer != 0.f || accel != 0.f) input.analog = sim::Action{steer, accel};
  }
  return input;
}

void GuiApp::CommandsToIntents(const CommandState& c, Intents& intents) {
  if (c.Pressed(Command::kPause)) intents.togglePause = true;
  if (c.Pressed(Command::kStep)) intents.step = true;
  if (c.Pressed(Command::kSlowMotion)) intents.cycleSpeed = true;
  if (c.Pressed(Command::kReset)) intents.reset = true;
  if (c.Pressed(Command::kRecord)) intents.toggleRecording = true;
  if (c.Pressed(Command::kDiscardLast)) intents.discardLastEpisode = true;
  if (c.Pressed(Command::kCorrections)) intents.toggleCorrections = true;
  if (c.Pressed(Command::kTrain)) intents.startTraining = true;
  if (c.Pressed(Command::kDriverHuman)) intents.driver = DriverKind::kHuman;
  if (c.Pressed(Command::kDriverExpert)) intents.driver = DriverKind::kExpert;
  if (c.Pressed(Command::kDriverPolicy)) intents.driver = DriverKind::kPolicy;
  if (c.Pressed(Command::kLidar)) overlays_.lidar = !overlays_.lidar;
  if (c.Pressed(Command::kNearest)) overlays_.nearest = !overlays_.nearest;
  if (c.Pressed(Command::kCentreLines)) overlays_.centreLines = !overlays_.centreLines;
  if (c.Pressed(Command::kRecentre)) camera_.Recentre();
  if (c.Pressed(Command::kHelp)) settings_.showHelp = !settings_.showHelp;
  Vec2 middle{camera_.Width() * 0.5f, camera_.Height() * 0.5f};
  if (c.Held(Command::kZoomIn)) camera_.ZoomAt(1.03f, middle);
  if (c.Held(Command::kZoomOut)) camera_.ZoomAt(1.f / 1.03f, middle);
}

void GuiApp::StepSimulation(double realSeconds, const CommandState& commands) {
  session_.Human().SetInput(ReadHumanInput(commands));
  session_.SetTakeover(commands.Held(Command::kTakeover) && session_.Driving() == DriverKind::kPolicy);
  try {
    if (stepRequested_ && clock_.Paused()) session_.StepControl();
    int ticks = clock_.TicksFor(realSeconds);
    for (int i = 0; i < ticks; ++i) session_.Tick();
  } catch (const core::Error& e) {
    // E.g. appending a finished episode to an unwritable file: say so and stop recording, keep the data.
    ReportError(e.what());
    session_.SetRecording(false);
  }
  stepRequested_ = false;
}

void GuiApp::DrawQuitDialog(Intents& intents) {
  if (showQuitDialog_) {
    ImGui::OpenPopup("Unsaved episodes");
    showQuitDialog_ = false;
  }
  if (ImGui::BeginPopupModal("Unsaved episodes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The dataset has %d episodes that are not saved.", static_cast<int>(session_.Data().episodes.size()));
    ImGui::Text("Save to: %s", dataPanel_.path);
    if (ImGui::Button("Save and quit")) {
      intents.saveAndQuit = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving")) {
      intents.quitConfirmed = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void GuiApp::DrawErrorDialog() {
  if (!errorMessage_.empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
  if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(500.f);
    ImGui::TextUnformatted(errorMessage_.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK")) {
      errorMessage_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void GuiApp::UpdatePathOverlay(const sim::SceneView& view) {
  learning::imitation::PolicyDriver* driver = session_.GetPolicyDriver();
  const sim::Env& env = session_.Env();
  if (driver == nullptr || !overlays_.predictions || env.Mode() != sim::ActionMode::kDirect ||
      view.vehicles.empty() || driver->LastInput().size() == 0) {
    paths_ = {};
    return;
  }
  if (pathsDecision_ == session_.Decisions()) return;  // sampled once per control step
  pathsDecision_ = session_.Decisions();
  const sim::VehicleView& ego = view.vehicles.front();
  PathStart start{ego.x, ego.y, ego.heading, view.speed};
  const sim::VehicleDef& vehicle = env.GetScenario().Common().vehicle;
  const double horizon = 2.0;  // [s]
  paths_ = {};
  Eigen::MatrixXf samples = driver->SampleActions(kSampledPaths);  // (2H, N)
  for (Eigen::Index i = 0; i < samples.cols(); ++i) {
    std::vector<float> actions(samples.col(i).data(), samples.col(i).data() + samples.rows());
    paths_.sampled.push_back(PredictPath(start, actions, env.ControlDt(), horizon, vehicle));
  }
  const Eigen::VectorXf& chunk = driver->LastChunk();
  int offset = 2 * std::max(driver->StepsIntoChunk() - 1, 0);  // from the action being executed now
  if (chunk.size() > offset) {
    std::vector<float> rest(chunk.data() + offset, chunk.data() + chunk.size());
    paths_.chunk = PredictPath(start, rest, env.ControlDt(), env.ControlDt() * static_cast<double>(rest.size() / 2),
                               vehicle);
  }
}

void GuiApp::DrawMenuBar(Intents& intents) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Scenario")) {
    for (const sim::ScenarioInfo& info : sim::Scenarios()) {
      bool current = info.name == session_.Env().ScenarioName();
      if (ImGui::MenuItem(info.name.c_str(), nullptr, current)) intents.scenario = info.name;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.description.c_str());
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Panels")) {
    ImGui::MenuItem("Dashboard", nullptr, &settings_.showDashboard);
    ImGui::MenuItem("Data", nullptr, &settings_.showData);
    ImGui::MenuItem("Train", nullptr, &settings_.showTrain);
    ImGui::MenuItem("Replay", nullptr, &settings_.showReplay);
    ImGui::MenuItem("Keys", "F1", &settings_.showHelp);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Overlays")) {
    ImGui::MenuItem("Lidar rays", settings_.keys.KeyNames(Command::kLidar).c_str(), &overlays_.lidar);
    ImGui::MenuItem("K nearest vehicles", settings_.keys.KeyNames(Command::kNearest).c_str(), &overlays_.nearest);
    ImGui::MenuItem("Lane centre lines", settings_.keys.KeyNames(Command::kCentreLines).c_str(),
                    &overlays_.centreLines);
    ImGui::MenuItem("Policy predictions", nullptr, &overlays_.predictions);
    ImGui::EndMenu();
  }
  if (replayer_.IsOpen()) ImGui::TextColored(ImVec4(0.5f, 0.8f, 1.f, 1.f), "  REPLAY of episode %d", replayer_.EpisodeIndex());
  ImGui::EndMainMenuBar();
}

void GuiApp::DrawUi(Intents& intents) {
  DrawMenuBar(intents);
  const sim::Env& env = session_.Env();
  sim::SceneView view = env.View();
  if (settings_.showDashboard) {
    DashboardModel m;
    m.scenario = env.ScenarioName();
    m.actionMode = sim::ActionModeName(env.Mode());
    m.seed = env.Seed();
    m.time = env.Time();
    m.speed = view.speed;
    m.driving = session_.Driving();
    m.takeover = session_.Takeover();
    m.corrections = session_.Corrections();
    m.executed = {view.steer, view.accel};
    m.policyLoaded = session_.HasPolicy();
    if (session_.PolicyAction()) m.policy = ActionBars{session_.PolicyAction()->steer, session_.PolicyAction()->accel};
    if (session_.Driving() == DriverKind::kPolicy && (session_.Corrections() || session_.Takeover()))
      m.human = ActionBars{session_.Human().Current().steer, session_.Human().Current().accel};
    m.brakeLamp = view.brakeIndicator;
    m.recording = session_.Recording();
    m.episodes = static_cast<int>(session_.Data().episodes.size());
    m.fps = fps_;
    m.simSpeed = clock_.Speed();
    m.paused = clock_.Paused();
    m.lastOutcome = session_.LastOutcome();
    DrawDashboardPanel(m, palette_, overlays_, intents, &settings_.showDashboard);
  }
  if (settings_.showData) {
    DataPanelModel model{&session_.Data(), session_.DataPath(), session_.Unsaved(), session_.Recording(), ""};
    if (learning::imitation::PolicyDriver* driver = session_.GetPolicyDriver()) {
      const auto& config = driver->GetPolicy().Config();
      model.policy = config.policy + " (history " + std::to_string(config.history) + ", chunk " +
                     std::to_string(config.chunk) + ")";
    }
    DrawDataPanel(model, dataPanel_, intents, &settings_.showData);
  }
  if (settings_.showReplay) {
    ReplayPanelModel model;
    model.episodes = static_cast<int>(session_.Data().episodes.size());
    model.open = replayer_.IsOpen();
    if (model.open) {
      model.openIndex = replayer_.EpisodeIndex();
      model.source = replayer_.Source();
      model.length = replayer_.Length();
      model.step = replayer_.Step();
      model.playing = replayPlaying_;
      if (model.step < model.length) {
        model.executed = replayer_.Executed(model.step);
        model.label = replayer_.Label(model.step);
      }
    }
    DrawReplayPanel(model, replayPanel_, intents, &settings_.showReplay);
  } else if (replayer_.IsOpen()) {
    intents.replayClose = true;  // closing the panel ends the replay
  }
  if (settings_.showTrain) {
    TrainPanelModel model;
    for (const auto& entry : learning::policies::PolicyRegistry()) {
      model.policies.push_back(entry.name);
      model.descriptions.push_back(entry.description);
    }
    for (const auto& [key, names] : env.ObservationLayout()) model.scenarioKeys.push_back(key);
    model.episodes = static_cast<int>(session_.Data().episodes.size());
    model.status = training_.Status();
    DrawTrainPanel(model, trainPanel_, intents, &settings_.showTrain);
  }
  if (settings_.showHelp) DrawHelpPanel(settings_.keys, &settings_.showHelp);
  DrawQuitDialog(intents);
  DrawErrorDialog();
}

void GuiApp::ApplyIntents(const Intents& in) {
  try {
    if (in.togglePause) clock_.SetPaused(!clock_.Paused());
    if (in.step) {
      clock_.SetPaused(true);
      stepRequested_ = true;
    }
    if (in.cycleSpeed) clock_.CycleSpeed();
    if (in.simSpeed) clock_.SetSpeed(*in.simSpeed);
    if (in.reset) session_.Reset();
    if (!in.scenario.empty()) session_.SetScenario(in.scenario);
    if (in.replayOpen) {
      replayer_.Open(session_.Data(), *in.replayOpen);
      replayPlaying_ = false;
    }
    if (in.replaySeek && replayer_.IsOpen()) replayer_.Seek(*in.replaySeek);
    if (in.replayTogglePlay) replayPlaying_ = !replayPlaying_;
    if (in.replayClose) {
      replayer_.Close();
      replayPlaying_ = false;
    }
    if (in.driver) session_.SetDriving(*in.driver);
    if (in.toggleRecording) session_.SetRecording(!session_.Recording());
    if (in.toggleCorrections) session_.SetCorrections(!session_.Corrections());
    if (in.discardLastEpisode) session_.DiscardLastEpisode();
    if (in.deleteEpisode) session_.DeleteEpisode(*in.deleteEpisode);
    if (in.clearData) session_.ClearData();
    if (!in.saveDataPath.empty()) session_.SaveData(in.saveDataPath);
    if (!in.loadDataPath.empty()) session_.LoadData(in.loadDataPath);
    if (!in.loadPolicyPath.empty()) {
      session_.LoadPolicy(in.loadPolicyPath);
      settings_.lastPolicyFile = in.loadPolicyPath;
    }
    if (in.addExpertEpisodes > 0) session_.AddExpertEpisodes(in.addExpertEpisodes, false);
    if (in.addNoisyExpertEpisodes > 0) session_.AddExpertEpisodes(in.addNoisyExpertEpisodes, true);
    if (in.cancelTraining) training_.Cancel();
    if (in.startTraining) {
      std::vector<learning::policies::PolicyEntry> registry = learning::policies::PolicyRegistry();
      learning::policies::PolicyConfig config =
          registry.at(static_cast<size_t>(std::clamp(trainPanel_.policy, 0, static_cast<int>(registry.size()) - 1)))
              .defaults;
      config.obsKeys.clear();
      if (trainPanel_.keys.empty()) {  // the panel was never shown: every key the scenario provides
        for (const auto& [key, names] : session_.Env().ObservationLayout()) trainPanel_.keys.push_back(key);
        trainPanel_.checked.assign(trainPanel_.keys.size(), 1);
      }
      for (size_t i = 0; i < trainPanel_.keys.size(); ++i)
        if (trainPanel_.checked[i] != 0) config.obsKeys.push_back(trainPanel_.keys[i]);
      if (config.obsKeys.empty()) throw core::Error("choose at least one observation key to train on");
      config.history = trainPanel_.history;
      if (config.history > 1 && config.encoder == "mlp") config.encoder = "stack";
      config.chunk = trainPanel_.chunk;
      config.execute = trainPanel_.execute;
      learning::imitation::TrainOptions options;
      options.epochs = trainPanel_.epochs;
      training_.Start(config, learning::imitation::ObsDimsOf(session_.Env()), session_.Data(), options);
    }
    if (in.saveAndQuit) {
      session_.SaveData(dataPanel_.path);
      quit_ = true;
    }
    if (in.quitConfirmed) quit_ = true;
  } catch (const core::Error& e) {
    ReportError(e.what());  // e.g. a corrupt file in Load: the message is shown, what is loaded stays
  }
}

bool GuiApp::Frame(const KeySet* scripted, Image* capture) {
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

  // 2. Input: keys → commands → intents and the person's driving input.
  KeySet keys = scripted != nullptr ? *scripted : KeyboardKeys();
  CommandState commands = EvaluateCommands(settings_.keys, keys, previousKeys_);
  previousKeys_ = keys;
  Intents intents;
  CommandsToIntents(commands, intents);

  // 3. Step at the fixed physics rate (the live simulation waits while a replay is shown).
  if (replayer_.IsOpen()) {
    // Play at the control rate: one recorded step every TicksPerControl frames.
    if (replayPlaying_ && ++replayFrames_ % session_.Env().TicksPerControl() == 0) {
      replayer_.Seek(replayer_.Step() + 1);
      if (replayer_.Step() >= replayer_.Length()) replayPlaying_ = false;
    }
  } else {
    StepSimulation(realSeconds, commands);
  }

  // 4. Draw the world.
  sim::SceneView view = replayer_.IsOpen() ? replayer_.View() : session_.View();
  if (!view.vehicles.empty())
    camera_.Follow({static_cast<float>(view.vehicles.front().x), static_cast<float>(view.vehicles.front().y)});
  SDL_SetRenderDrawColor(renderer_, palette_.background.r, palette_.background.g, palette_.background.b, 255);
  SDL_RenderClear(renderer_);
  UpdatePathOverlay(view);
  bool showPaths = !replayer_.IsOpen() && session_.Driving() == DriverKind::kPolicy;
  world_.Draw(renderer_, view, camera_, palette_, overlays_, showPaths ? &paths_ : nullptr);

  // 5. UI (records intents only).
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (def_.fixedTimestep) ImGui::GetIO().DeltaTime = static_cast<float>(kFramePeriod);
  ImGui::NewFrame();
  DrawUi(intents);
  ImGui::Render();
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());

  // 6. Apply what the keys and panels asked for (after drawing: drawing never changes the simulation), and swap in
  //    a policy the background training finished.
  ApplyIntents(intents);
  if (std::shared_ptr<const learning::policies::Policy> trained = training_.TakeResult()) {
    try {
      session_.SetPolicy(trained);
    } catch (const core::Error& e) {
      ReportError(e.what());
    }
  }

  // 7. Capture, present, and cap the rate.
  if (capture != nullptr) *capture = ReadRendererPixels(renderer_);
  SDL_RenderPresent(renderer_);
  uint64_t end = SDL_GetPerformanceCounter();
  double workSeconds = static_cast<double>(end - start) / frequency;
  // The first frames upload the font atlas and warm caches: not what a frame costs while driving.
  if (++frameCount_ > kWarmupFrames) stats_.Add(workSeconds * 1000.0);
  if (!def_.fixedTimestep && workSeconds < kFramePeriod)
    SDL_Delay(static_cast<Uint32>((kFramePeriod - workSeconds) * 1000.0));
  return !quit_;
}

}  // namespace app
