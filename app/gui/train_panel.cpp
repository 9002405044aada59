#include "app/gui/train_panel.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/loss_plot.h"
#include "app/gui/panel_layout.h"

namespace app {

void ResetKeyChecks(TrainPanelState& state, const std::vector<std::string>& keys,
                    const std::vector<std::string>& defaultKeys) {
  state.keys = keys;
  state.checked.clear();
  for (const std::string& key : keys)
    state.checked.push_back(std::find(defaultKeys.begin(), defaultKeys.end(), key) != defaultKeys.end() ? 1 : 0);
}

std::optional<std::string> KeyboardDemosHint(const TrainPanelModel& m, const TrainPanelState& state) {
  const int demos = m.episodes - m.daggerEpisodes;
  const auto suggested = std::find(m.policies.begin(), m.policies.end(), "flow_matching");
  if (m.humanEpisodes == 0 || 2 * m.humanEpisodes < demos || suggested == m.policies.end()) return std::nullopt;
  if (state.policy < 0 || static_cast<size_t>(state.policy) >= m.policies.size() ||
      m.policies[static_cast<size_t>(state.policy)] != "mse")
    return std::nullopt;
  return "Most demos here are your keys: taps, full steer or none. mse averages them into weak steering "
         "(highway, 20 keyboard episodes: 40% success); flow_matching samples the taps (92%).";
}

void DrawTrainPanel(const TrainPanelModel& m, TrainPanelState& state, Intents& intents, bool* open) {
  PlaceOnFirstUse(Panel::kTrain);
  if (!ImGui::Begin("Train", open)) {
    ImGui::End();
    return;
  }
  if (state.keys != m.scenarioKeys) ResetKeyChecks(state, m.scenarioKeys, m.defaultKeys);  // a new scenario
  state.policy = std::clamp(state.policy, 0, std::max(static_cast<int>(m.policies.size()) - 1, 0));

  // The run and its loss curves first, so they are seen without scrolling; the options below.
  if (m.status.running) {
    if (ImGui::Button("Cancel")) intents.cancelTraining = true;
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(m.status.fraction), ImVec2(-1.f, 0.f));
  } else {
    const int demos = m.episodes - m.daggerEpisodes;
    ImGui::BeginDisabled(demos == 0);
    if (ImGui::Button("Train on demos")) intents.startTraining = TrainScope::kDemos;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("behaviour cloning from scratch on the %d human and expert episodes", demos);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(m.episodes == 0);
    if (ImGui::Button("Retrain on all (T)")) intents.startTraining = TrainScope::kAll;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("DAgger's aggregate step: from scratch on every episode, %d demos + %d DAgger-labelled",
                        demos, m.daggerEpisodes);
    ImGui::EndDisabled();
    ImGui::TextDisabled("%d demos + %d DAgger-labelled episodes", demos, m.daggerEpisodes);
    if (m.episodes == 0) ImGui::TextDisabled("record or load episodes first");
  }
  if (m.status.running || !m.status.message.empty())
    ImGui::TextDisabled("run on %d episodes (%d dagger)", m.status.episodes, m.status.daggerEpisodes);
  if (!m.status.message.empty()) ImGui::TextWrapped("%s", m.status.message.c_str());
  if (m.status.running || !m.status.trainLoss.empty())
    DrawLossPlot({m.status.steps, m.status.trainLoss, m.status.validLoss}, 150.f);

  if (!ImGui::CollapsingHeader("options", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::End();
    return;
  }
  if (!m.policies.empty() &&
      ImGui::BeginCombo("policy", m.policies[static_cast<size_t>(state.policy)].c_str())) {
    for (size_t i = 0; i < m.policies.size(); ++i) {
      if (ImGui::Selectable(m.policies[i].c_str(), static_cast<int>(i) == state.policy))
        state.policy = static_cast<int>(i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.descriptions[i].c_str());
    }
    ImGui::EndCombo();
  }
  if (const std::optional<std::string> hint = KeyboardDemosHint(m, state)) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.75f, 0.3f, 1.f));
    ImGui::TextWrapped("%s", hint->c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("use flow_matching"))
      state.policy = static_cast<int>(std::find(m.policies.begin(), m.policies.end(), "flow_matching") -
                                      m.policies.begin());
  }
  ImGui::TextDisabled("observation keys");
  for (size_t i = 0; i < state.keys.size(); ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    bool on = state.checked[i] != 0;
    if (ImGui::Checkbox(state.keys[i].c_str(), &on)) state.checked[i] = on ? 1 : 0;
  }
  ImGui::SetNextItemWidth(100.f);
  ImGui::InputInt("history", &state.history);
  ImGui::SetNextItemWidth(100.f);
  ImGui::InputInt("chunk H", &state.chunk);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100.f);
  ImGui::InputInt("execute h", &state.execute);
  if (state.chunk > 1) {
    ImGui::Checkbox("temporal ensembling", &state.temporalEnsemble);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("ACT: predict a chunk at every step and average the overlapping predictions (h is ignored)");
  }
  ImGui::SetNextItemWidth(100.f);
  ImGui::InputInt("epochs", &state.epochs);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110.f);
  ImGui::InputInt("min steps", &state.minSteps, 1000, 10000);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("train at least this many optimiser steps: a few demonstrations need many more than 20 "
                      "passes\n(highway, 60 expert demos: 2-36%% success after 20 epochs, 83-94%% after 24000 steps)");
  state.history = std::clamp(state.history, 1, 32);
  state.chunk = std::clamp(state.chunk, 1, 32);
  state.execute = std::clamp(state.execute, 1, state.chunk);
  state.epochs = std::clamp(state.epochs, 1, 1000);
  state.minSteps = std::clamp(state.minSteps, 0, 10'000'000);
  ImGui::End();
}

}  // namespace app
