#include "app/gui/dashboard_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/gui/panel_layout.h"
#include "app/gui/sim_clock.h"
#include "app/gui/widgets.h"

namespace app {

const char* DriverKindName(DriverKind kind) {
  switch (kind) {
    case DriverKind::kHuman: return "human";
    case DriverKind::kExpert: return "expert";
    case DriverKind::kPolicy: return "policy";
  }
  return "?";
}

namespace {

void RateLine(const char* what, int count, const learning::imitation::RateEstimate& r) {
  ImGui::Text("%-10s %3d  %.2f  [%.2f, %.2f]", what, count, r.rate, r.low, r.high);
}

// The simulation speed: slow motion, real time, fast-forward, as fast as possible (with the speed it reaches).
void SimSpeedCombo(const DashboardModel& m, Intents& intents) {
  std::string current = SimClock::SpeedName(m.simSpeed);
  if (m.simSpeed > 1.0 && !m.paused) {
    char reached[32];
    std::snprintf(reached, sizeof reached, " (%.0fx)", m.achievedSpeed);
    current += reached;
  }
  ImGui::SetNextItemWidth(110.f);
  if (ImGui::BeginCombo("sim speed", current.c_str())) {
    for (double speed : SimClock::Speeds())
      if (ImGui::Selectable(SimClock::SpeedName(speed).c_str(), speed == m.simSpeed)) intents.simSpeed = speed;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("M: slow motion, F: fast-forward (2x, 4x, 8x, max: frames are skipped, the window stays\n"
                      "responsive); the figure in brackets is the speed reached");
}

void DrawWatch(const DashboardModel& m, DashboardState& state, Intents& intents) {
  const WatchTally& w = m.watch;
  ImGui::Separator();
  ImGui::BeginDisabled(w.running);
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("episodes", &state.watchEpisodes);
  state.watchEpisodes = std::clamp(state.watchEpisodes, 1, 100000);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (w.running) {
    if (ImGui::Button("Stop watching")) intents.watchStop = true;
  } else {
    ImGui::BeginDisabled(!m.policyLoaded);
    if (ImGui::Button("Watch policy")) intents.watchStart = state.watchEpisodes;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip(m.policyLoaded ? "the policy drives N episodes in a row, each from a fresh seed"
                                       : "train or load a policy first");
    ImGui::EndDisabled();
  }
  if (w.target == 0) return;
  ImGui::Text("watch: %d / %d episodes%s", w.episodes, w.target, w.running ? "" : "  (stopped)");
  RateLine("success", w.successes, w.Success());
  RateLine("collision", w.collisions, w.Collision());
  if (w.skipped > 0) ImGui::TextDisabled("%d episodes not counted (takeover or another driver)", w.skipped);
}

}  // namespace

void DrawDashboardPanel(const DashboardModel& m, const Palette& palette, Overlays& overlays, DashboardState& state,
                        Intents& intents, bool* open) {
  PlaceOnFirstUse(Panel::kDashboard);
  if (!ImGui::Begin("Dashboard", open)) {
    ImGui::End();
    return;
  }
  ImGui::Text("%s%s  seed %llu  t %.1f s  (%s)", m.scenario.c_str(), m.customScenario ? "*" : "",
              static_cast<unsigned long long>(m.seed), m.time, m.actionMode.c_str());
  if (m.customScenario && ImGui::IsItemHovered())
    ImGui::SetTooltip("* this scenario's parameters differ from its defaults (a lesson's);\n"
                      "pick it in the Scenario menu for the defaults");
  // Over the lane's limit the speed turns amber: the limit is a rule the driver keeps (the expert does), not a
  // property of the car, so it does not cap the throttle.
  const bool speeding = m.speedLimit > 0.0 && m.speed > m.speedLimit + 0.5;
  if (speeding) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.7f, 0.1f, 1.f));
  ImGui::Text("speed %5.1f km/h  (%4.1f m/s)", m.speed * 3.6, m.speed);
  if (m.speedLimit > 0.0) {
    ImGui::SameLine();
    ImGui::Text(speeding ? " OVER %.0f" : " limit %.0f", m.speedLimit * 3.6);
  }
  if (speeding) ImGui::PopStyleColor();

  Lamp("BRAKE", m.brakeLamp, palette.brakeLampOn, palette.brakeLampOff, 11.f);
  ImGui::SameLine(150.f);
  Lamp(m.recording ? "REC" : "rec off", m.recording, palette.recording, Rgba{70, 70, 70, 255}, 8.f);

  const char* driving = m.takeover ? "YOU (takeover)" : DriverKindName(m.driving);
  ImGui::Text("driving: %s", driving);
  if (m.driving == DriverKind::kPolicy) {
    ImGui::SameLine();
    if (m.corrections)
      ImGui::TextColored(ImVec4(1.f, 0.8f, 0.2f, 1.f), "  CORRECTIONS ON");
    else
      ImGui::TextDisabled("  corrections off");
  }
  ActionRows("executed", m.executed.steer, m.executed.accel, IM_COL32(255, 140, 26, 255));
  ImGui::Text("labels: %s", m.labelledBy.c_str());
  if (m.label) {
    if (m.stepLabelled)
      ActionRows("label", m.label->steer, m.label->accel, IM_COL32(120, 200, 255, 255));
    else  // greyed: this step is stored unlabelled and left out of training
      ActionRows("label: none (press a key to correct)", m.label->steer, m.label->accel, IM_COL32(110, 110, 110, 255));
  }
  if (m.policy) ActionRows("policy", m.policy->steer, m.policy->accel, IM_COL32(192, 128, 255, 255));

  ImGui::Separator();
  int driver = static_cast<int>(m.driving);
  if (ImGui::RadioButton("human", driver == 0)) intents.driver = DriverKind::kHuman;
  ImGui::SameLine();
  if (ImGui::RadioButton("expert", driver == 1)) intents.driver = DriverKind::kExpert;
  ImGui::SameLine();
  ImGui::BeginDisabled(!m.policyLoaded);
  if (ImGui::RadioButton("policy", driver == 2)) intents.driver = DriverKind::kPolicy;
  ImGui::EndDisabled();
  if (m.policyLoaded) {
    ImGui::TextWrapped("policy: %s", m.policyName.c_str());
    bool laneKeeping = m.laneKeeping;
    if (ImGui::Checkbox("lane keeping assist", &laneKeeping)) intents.laneKeeping = laneKeeping;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("while the policy drives, the scripted expert steers and the policy works the pedals\n"
                        "(how the brake_light lessons measure their clones)");
  }

  if (ImGui::Button(m.paused ? "Resume" : "Pause")) intents.togglePause = true;
  ImGui::SameLine();
  ImGui::BeginDisabled(!m.paused);
  if (ImGui::Button("Step")) intents.step = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) intents.reset = true;
  ImGui::SameLine();
  if (ImGui::Button(m.recording ? "Stop rec" : "Record")) intents.toggleRecording = true;
  SimSpeedCombo(m, intents);
  ImGui::SameLine();
  ImGui::Text(" %s%.0f fps", m.paused ? "PAUSED  " : "", m.fps);

  ImGui::Checkbox("lidar", &overlays.lidar);
  ImGui::SameLine();
  ImGui::Checkbox("nearest K", &overlays.nearest);
  ImGui::SameLine();
  ImGui::Checkbox("centre lines", &overlays.centreLines);
  ImGui::Checkbox("policy predictions", &overlays.predictions);
  ImGui::Text("episodes in dataset: %d", m.episodes);
  if (!m.lastOutcome.empty()) ImGui::TextWrapped("last episode: %s", m.lastOutcome.c_str());
  DrawWatch(m, state, intents);
  ImGui::TextDisabled("F1: keys");
  ImGui::End();
}

}  // namespace app
