#include "app/gui/replay_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/gui/widgets.h"

namespace app {

void DrawReplayPanel(const ReplayPanelModel& m, ReplayPanelState& state, Intents& intents, bool* open) {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(10.f, io.DisplaySize.y - 230.f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420.f, 220.f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Replay", open)) {
    ImGui::End();
    return;
  }
  if (m.episodes == 0) {
    ImGui::TextDisabled("No episodes: record or load some first.");
    ImGui::End();
    return;
  }
  state.episode = std::clamp(state.episode, 0, m.episodes - 1);
  ImGui::SetNextItemWidth(100.f);
  ImGui::InputInt("episode", &state.episode);
  state.episode = std::clamp(state.episode, 0, m.episodes - 1);
  ImGui::SameLine();
  if (ImGui::Button("Open")) intents.replayOpen = state.episode;
  if (m.open) {
    ImGui::SameLine();
    if (ImGui::Button("Close")) intents.replayClose = true;
    ImGui::Text("episode %d (%s), %d steps", m.openIndex, m.source.c_str(), m.length);
    if (ImGui::Button(m.playing ? "Pause" : "Play")) intents.replayTogglePlay = true;
    ImGui::SameLine();
    if (ImGui::ArrowButton("back", ImGuiDir_Left)) intents.replaySeek = m.step - 1;
    ImGui::SameLine();
    if (ImGui::ArrowButton("forward", ImGuiDir_Right)) intents.replaySeek = m.step + 1;
    ImGui::SameLine();
    int step = m.step;
    ImGui::SetNextItemWidth(-1.f);
    if (ImGui::SliderInt("##timeline", &step, 0, m.length)) intents.replaySeek = step;
    if (m.executed && m.label) {
      ActionRows("executed", m.executed->steer, m.executed->accel, IM_COL32(255, 140, 26, 255));
      ActionRows("label", m.label->steer, m.label->accel, IM_COL32(120, 200, 255, 255));
      float gap = std::hypot(m.executed->steer - m.label->steer, m.executed->accel - m.label->accel);
      if (gap > 1e-4f) ImGui::TextColored(ImVec4(1.f, 0.8f, 0.2f, 1.f), "label differs from executed by %.2f", gap);
    } else {
      ImGui::TextDisabled("end of the episode");
    }
  }
  ImGui::End();
}

}  // namespace app
