#include "app/gui/replay_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/gui/widgets.h"

namespace app {

namespace {

// One cell per step, coloured by whether its label is real, with the step shown marked.
void DrawLabelStrip(const ReplayPanelModel& m) {
  const float width = ImGui::GetContentRegionAvail().x, height = 8.f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int length = std::max(m.length, 1);
  for (int t = 0; t < m.length; ++t) {
    const bool labelled = m.mask == nullptr || m.mask->empty() || (*m.mask)[static_cast<size_t>(t)] != 0;
    const float x0 = origin.x + width * static_cast<float>(t) / length;
    const float x1 = origin.x + width * static_cast<float>(t + 1) / length;
    draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(std::max(x1, x0 + 1.f), origin.y + height),
                        labelled ? kStripLabelled : kStripUnlabelled);
  }
  const float x = origin.x + width * static_cast<float>(m.step) / length;
  draw->AddLine(ImVec2(x, origin.y - 2.f), ImVec2(x, origin.y + height + 2.f), IM_COL32(255, 255, 255, 255), 2.f);
  ImGui::Dummy(ImVec2(width, height));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("labelled steps (blue) and steps without a label (grey)");
}

}  // namespace

void DrawReplayPanel(const ReplayPanelModel& m, ReplayPanelState& state, Intents& intents, bool* open) {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(10.f, io.DisplaySize.y - 290.f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(440.f, 280.f), ImGuiCond_FirstUseEver);
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
    DrawLabelStrip(m);
    const double speeds[] = {1.0, 0.25};
    const char* speedNames[] = {"1x", "0.25x"};
    for (int i = 0; i < 2; ++i) {
      if (i > 0) ImGui::SameLine();
      if (ImGui::RadioButton(speedNames[i], m.speed == speeds[i])) intents.replaySpeed = speeds[i];
    }
    ImGui::SameLine();
    bool relabel = m.relabelling;
    if (ImGui::Checkbox("relabel with keys", &relabel)) intents.replayRelabel = relabel;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("hold keys (or the stick) while playing or stepping (N): the steps passed\n"
                        "get your keys as labels and count as labelled");
    ImGui::SameLine();
    ImGui::BeginDisabled(!m.canUndo);
    if (ImGui::Button("Undo")) intents.replayUndo = true;
    ImGui::EndDisabled();
    if (m.executed && m.label) {
      ActionRows("executed", m.executed->steer, m.executed->accel, IM_COL32(255, 140, 26, 255));
      if (m.labelled)
        ActionRows("label", m.label->steer, m.label->accel, IM_COL32(120, 200, 255, 255));
      else
        ActionRows("label: none (not trained on)", m.label->steer, m.label->accel, IM_COL32(110, 110, 110, 255));
      float gap = std::hypot(m.executed->steer - m.label->steer, m.executed->accel - m.label->accel);
      if (gap > 1e-4f) ImGui::TextColored(ImVec4(1.f, 0.8f, 0.2f, 1.f), "label differs from executed by %.2f", gap);
    } else {
      ImGui::TextDisabled("end of the episode");
    }
  }
  ImGui::End();
}

}  // namespace app
