// GuiApp's drawing half: the menu bar, the panels (each drawn from a model built here, recording intents only),
// the dialogs and the predicted-path overlay. The loop is in gui_app.cpp, input in gui_app_input.cpp, applying
// intents in gui_app_intents.cpp.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "app/gui/gui_app.h"
#include "app/gui/help_panel.h"
#include "app/gui/path_prediction.h"
#include "app/gui/start_here_card.h"
#include "app/gui/widgets.h"
#include "core/rng.h"
#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/policies/obs_layout.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

constexpr double kFanMaxSpeed = 2.0;  // sim speeds above this show no prediction fan

}  // namespace

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
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void GuiApp::DrawErrorDialog() {
  if (!errorMessage_.empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
  if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(500.f);
    ImGui::TextUnformatted(errorMessage_.c_str());
    ImGui::PopTextWrapPos();
    // Enter or Escape also closes it (and lets a scripted soak carry on).
    if (ImGui::Button("OK") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      errorMessage_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void GuiApp::UpdatePathOverlay(const sim::SceneView& view) {
  learning::imitation::PolicyDriver* driver = session_.GetPolicyDriver();
  const sim::Env& env = session_.Env();
  // A fan is for looking at: at most kFanMaxSpeed (or paused); above it the worker would only fall behind.
  const bool wanted = driver != nullptr && overlays_.predictions && session_.Driving() == DriverKind::kPolicy &&
                      !replayer_.IsOpen() && !view.vehicles.empty() &&
                      (clock_.Paused() || clock_.Speed() <= kFanMaxSpeed);
  if (!wanted) {
    paths_ = {};
    fanKey_ = {};
    fans_.Clear();
    return;
  }
  // The fan starts at the latest decision: the open control step's start, or the next step's between steps.
  const std::vector<sim::Action>& actions = session_.EpisodeActions();
  const long step = static_cast<long>(actions.size()) - (session_.StepOpen() ? 1 : 0);
  const FanKey key{&driver->GetPolicy(), env.Seed(), step};
  if (key.policy != fanKey_.policy) fans_.Clear();  // another policy: its fans are not this one's
  if (!(key == fanKey_)) {
    fanKey_ = key;
    FanRequest request;
    request.scenarioJson = env.GetScenario().DefJson();
    request.scenarioName = env.ScenarioName();
    request.seed = env.Seed();
    request.actions.assign(actions.begin(), actions.begin() + step);
    request.history = driver->GetPolicy().Config().history - 1;
    request.makeDriver = PolicyFanDrivers(session_.SharedPolicy(), driver->Temperature(), driver->MeanDecode(),
                                          session_.LaneKeeping(), core::Rng(env.Seed()).Derive(static_cast<uint64_t>(step)).NextU64());
    fans_.Request(std::move(request));
  }
  // The latest fan of this episode, while the car has not yet driven past its horizon.
  paths_ = {};
  const Fan fan = fans_.Latest();
  const long horizonSteps = static_cast<long>(kFanHorizon / env.ControlDt());
  if (fan.seed == env.Seed() && fan.step >= 0 && fan.step <= step && step - fan.step < horizonSteps)
    for (const FanPath& path : fan.paths) paths_.sampled.push_back(path.points);
  // A chunking policy's plan being executed now, open loop by design (as the car executes it).
  if (env.Mode() != sim::ActionMode::kDirect || driver->LastInput().size() == 0) return;
  const sim::VehicleView& ego = view.vehicles.front();
  const PathStart start{ego.x, ego.y, ego.heading, view.speed};
  const Eigen::VectorXf& chunk = driver->LastChunk();
  const int offset = 2 * std::max(driver->StepsIntoChunk() - 1, 0);  // from the action being executed now
  if (chunk.size() > 2 + offset) {
    std::vector<float> rest(chunk.data() + offset, chunk.data() + chunk.size());
    paths_.chunk = PredictPath(start, rest, env.ControlDt(), env.ControlDt() * static_cast<double>(rest.size() / 2),
                               env.GetScenario().Common().vehicle);
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
    ImGui::MenuItem("Lessons", nullptr, &settings_.showLessons);
    ImGui::MenuItem("What the policy believes", nullptr, &settings_.showBelief);
    ImGui::MenuItem("Keys", "F1", &settings_.showHelp);
    ImGui::MenuItem("Start here", nullptr, &settings_.showStartHere);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Rotate the scene with the car", nullptr, &settings_.rotateWithCar);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("on: the car always points right and the road turns; off: north stays up");
    if (ImGui::MenuItem("Follow the car", settings_.keys.KeyNames(Command::kRecentre).c_str(), camera_.Following()))
      camera_.Recentre();
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
  DrawStatusInMenuBar();
  ImGui::EndMainMenuBar();
}

void GuiApp::DrawStatusInMenuBar() {
  const TrainingStatus training = training_.Status();
  char trainingText[96] = "";
  if (training.running) {
    float loss = training.validLoss.empty() ? NAN : training.validLoss.back();
    if (!std::isfinite(loss) && !training.trainLoss.empty()) loss = training.trainLoss.back();
    std::snprintf(trainingText, sizeof trainingText, "training %.0f%%  loss %.3g", training.fraction * 100.0,
                  static_cast<double>(loss));
  }
  char recordingText[64] = "";
  if (session_.Recording())
    std::snprintf(recordingText, sizeof recordingText, "REC  %d in the dataset",
                  static_cast<int>(session_.Data().episodes.size()));
  const char* paused = clock_.Paused() ? "PAUSED" : "";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float lamp = ImGui::GetTextLineHeight();  // the recording lamp's diameter
  float width = 0.f;
  const char* texts[] = {trainingText, recordingText, paused};
  for (const char* text : texts)
    if (text[0] != '\0') width += ImGui::CalcTextSize(text).x + style.ItemSpacing.x * 3.f;
  if (recordingText[0] != '\0') width += lamp + style.ItemSpacing.x;
  if (width == 0.f) return;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - width - style.WindowPadding.x));
  if (paused[0] != '\0') ImGui::TextColored(ImVec4(1.f, 0.85f, 0.3f, 1.f), "%s", paused);
  if (trainingText[0] != '\0') {
    ImGui::TextColored(ImVec4(0.6f, 0.85f, 1.f, 1.f), "%s", trainingText);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Panels > Train shows the loss curves and Cancel");
  }
  if (recordingText[0] != '\0') {
    // The lamp in exactly the palette colour (screenshot tests find it), then the count.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + lamp * 0.5f, at.y + lamp * 0.5f), lamp * 0.45f,
                                                ToImColor(palette_.recording), 20);
    ImGui::Dummy(ImVec2(lamp, lamp));
    ImGui::TextColored(ImVec4(1.f, 0.35f, 0.35f, 1.f), "%s", recordingText);
  }
}

void GuiApp::DrawUi(Intents& intents) {
  DrawMenuBar(intents);
  if (settings_.showDashboard) DrawDashboard(session_.Env().View(), intents);
  if (session_.DataPath() != shownDataPath_) {  // a file was opened or saved (also from the command line): show it
    shownDataPath_ = session_.DataPath();
    if (!shownDataPath_.empty()) std::snprintf(dataPanel_.path, sizeof dataPanel_.path, "%s", shownDataPath_.c_str());
  }
  if (session_.PolicyPath() != shownPolicyPath_) {  // a policy file was loaded (also from the command line): show it
    shownPolicyPath_ = session_.PolicyPath();
    if (!shownPolicyPath_.empty())
      std::snprintf(dataPanel_.policyPath, sizeof dataPanel_.policyPath, "%s", shownPolicyPath_.c_str());
  }
  if (settings_.showData) {
    DataPanelModel model{&session_.Data(), session_.DataPath(), session_.Unsaved(), session_.Recording(), ""};
    if (learning::imitation::PolicyDriver* driver = session_.GetPolicyDriver()) {
      const auto& config = driver->GetPolicy().Config();
      model.policy = session_.PolicyName() + ": " + config.policy + " (history " + std::to_string(config.history) + ", chunk " +
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
        model.labelled = replayer_.Labelled(model.step);
      }
      model.mask = &replayer_.LabelledMask();
      model.speed = replaySpeed_;
      model.relabelling = replayRelabelling_;
      model.canUndo = relabel_.CanUndo();
    }
    DrawReplayPanel(model, replayPanel_, intents, &settings_.showReplay);
  } else if (replayer_.IsOpen()) {
    intents.replayClose = true;  // closing the panel ends the replay
  }
  if (settings_.showTrain) DrawTrain(intents);
  if (settings_.showBelief) beliefPanel_.Draw(session_.GetPolicyDriver(), &settings_.showBelief);
  lessonRowsShown_ = 0;
  if (settings_.showLessons) {
    LessonsPanelModel model;
    for (const learning::imitation::LessonEntry& entry : learning::imitation::Lessons()) {
      model.names.push_back(entry.name);
      model.descriptions.push_back(entry.description);
    }
    model.status = lessons_.Status();
    lessonRowsShown_ = DrawLessonsPanel(model, lessonsPanel_, intents, &settings_.showLessons);
    if (model.status.figures != lessonFiguresSeen_) {  // a run's new figures open their window
      lessonFiguresSeen_ = model.status.figures;
      showLessonFigures_ = true;
    }
    if (model.status.figures && showLessonFigures_)
      lessonFigures_.Draw(renderer_, model.status.figures, &showLessonFigures_);
  }
  if (settings_.showStartHere) {
    StartHereModel model;
    model.episodes = static_cast<int>(session_.Data().episodes.size());
    model.daggerEpisodes = CountDagger(session_.Data());
    model.policyLoaded = session_.HasPolicy();
    model.policyDriving = session_.Driving() == DriverKind::kPolicy;
    DrawStartHereCard(model, settings_.keys, &settings_.showStartHere);
  }
  if (settings_.showHelp) DrawHelpPanel(settings_.keys, &settings_.showHelp);
  notices_.Advance(ImGui::GetIO().DeltaTime);
  notices_.Draw(ImVec2(egoOnScreen_.x, egoOnScreen_.y - 40.f));  // just above the car
  DrawQuitDialog(intents);
  DrawErrorDialog();
  CollectPanelRects();
}

void GuiApp::CollectPanelRects() {
  panelRects_.clear();
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiWindowFlags transient =
      ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_Modal;
  for (const ImGuiWindow* window : g.Windows) {
    if (!window->Active || window->Hidden || (window->Flags & transient) != 0) continue;
    const std::string_view name = window->Name;
    if (name == kNoticesWindow || name == kHelpWindow) continue;  // over the road only for a moment
    panelRects_.push_back({window->Pos.x, window->Pos.y, window->Pos.x + window->Size.x,
                           window->Pos.y + window->Size.y});
  }
  freeView_ = FreeView(camera_.Width(), camera_.Height(), panelRects_);
}

void GuiApp::DrawDashboard(const sim::SceneView& view, Intents& intents) {
  const sim::Env& env = session_.Env();
  DashboardModel m;
  m.scenario = env.ScenarioName();
  m.customScenario = session_.CustomScenario();
  m.actionMode = sim::ActionModeName(env.Mode());
  m.seed = env.Seed();
  m.time = env.Time();
  m.speed = view.speed;
  const sim::Road& road = env.GetWorld().GetRoad();
  m.speedLimit = road.Lanes()[static_cast<size_t>(road.LaneIndex(env.GetWorld().EgoVehicle().coords.d))].SpeedLimit();
  m.driving = session_.Driving();
  m.takeover = session_.Takeover();
  m.corrections = session_.Corrections();
  m.executed = {view.steer, view.accel};
  m.policyLoaded = session_.HasPolicy();
  m.policyName = session_.PolicyName();
  m.laneKeeping = session_.LaneKeeping();
  if (session_.PolicyAction()) m.policy = ActionBars{session_.PolicyAction()->steer, session_.PolicyAction()->accel};
  m.labelledBy = LabelledByText(session_.WhoLabels());
  if (session_.Driving() == DriverKind::kPolicy)
    m.label = ActionBars{session_.Decision().label.steer, session_.Decision().label.accel};
  m.stepLabelled = session_.StepLabelled();
  m.brakeLamp = view.brakeIndicator;
  m.recording = session_.Recording();
  m.episodes = static_cast<int>(session_.Data().episodes.size());
  m.fps = fps_;
  m.simSpeed = clock_.Speed();
  m.achievedSpeed = achievedSpeed_;
  m.paused = clock_.Paused();
  m.lastOutcome = session_.LastOutcome();
  m.watch = watch_.Tally();
  DrawDashboardPanel(m, palette_, overlays_, dashboardPanel_, intents, &settings_.showDashboard);
}

void GuiApp::DrawTrain(Intents& intents) {
  const sim::Env& env = session_.Env();
  TrainPanelModel model;
  for (const auto& entry : learning::policies::PolicyRegistry()) {
    model.policies.push_back(entry.name);
    model.descriptions.push_back(entry.description);
  }
  for (const auto& [key, names] : env.ObservationLayout()) model.scenarioKeys.push_back(key);
  model.defaultKeys = learning::policies::DefaultObsKeys(learning::imitation::ObsDimsOf(env));
  model.episodes = static_cast<int>(session_.Data().episodes.size());
  model.daggerEpisodes = CountDagger(session_.Data());
  for (const auto& episode : session_.Data().episodes)  // the app's keys, or `ildrive record --driver keyboard`
    model.humanEpisodes += episode.source == "human" || episode.source == "keyboard" ? 1 : 0;
  model.status = training_.Status();
  DrawTrainPanel(model, trainPanel_, intents, &settings_.showTrain);
}

}  // namespace app
