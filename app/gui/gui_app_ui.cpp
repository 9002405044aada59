// GuiApp's drawing half: the menu bar, the panels (each drawn from a model built here, recording intents only),
// the dialogs and the predicted-path overlay. The loop and input are in gui_app.cpp, applying intents in
// gui_app_intents.cpp.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/gui_app.h"
#include "app/gui/help_panel.h"
#include "app/gui/path_prediction.h"
#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/policies/obs_layout.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

constexpr int kSampledPaths = 8;  // sampled futures drawn for a driving policy

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
    ImGui::MenuItem("Lessons", nullptr, &settings_.showLessons);
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
  if (settings_.showDashboard) DrawDashboard(session_.Env().View(), intents);
  if (session_.DataPath() != shownDataPath_) {  // a file was opened or saved (also from the command line): show it
    shownDataPath_ = session_.DataPath();
    if (!shownDataPath_.empty()) std::snprintf(dataPanel_.path, sizeof dataPanel_.path, "%s", shownDataPath_.c_str());
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
  if (settings_.showTrain) DrawTrain(intents);
  lessonRowsShown_ = 0;
  if (settings_.showLessons) {
    LessonsPanelModel model;
    for (const learning::imitation::LessonEntry& entry : learning::imitation::Lessons()) {
      model.names.push_back(entry.name);
      model.descriptions.push_back(entry.description);
    }
    model.status = lessons_.Status();
    lessonRowsShown_ = DrawLessonsPanel(model, lessonsPanel_, intents, &settings_.showLessons);
  }
  if (settings_.showHelp) DrawHelpPanel(settings_.keys, &settings_.showHelp);
  DrawQuitDialog(intents);
  DrawErrorDialog();
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
  m.driving = session_.Driving();
  m.takeover = session_.Takeover();
  m.corrections = session_.Corrections();
  m.executed = {view.steer, view.accel};
  m.policyLoaded = session_.HasPolicy();
  m.policyName = session_.PolicyName();
  m.laneKeeping = session_.LaneKeeping();
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
  model.status = training_.Status();
  DrawTrainPanel(model, trainPanel_, intents, &settings_.showTrain);
}

}  // namespace app
