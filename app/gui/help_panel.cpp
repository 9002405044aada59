#include "app/gui/help_panel.h"

#include <imgui.h>

#include <algorithm>

namespace app {

void DrawHelpPanel(const KeyBindings& keys, bool* open) {
  // Wide enough for most descriptions on one line; the longer ones wrap within their cell. Centred: the
  // simulation pauses while this is open, so covering the road costs nothing.
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowSize(ImVec2(std::min(620.f, io.DisplaySize.x - 20.f), 0.f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin(kHelpWindow, open)) {
    ImGui::End();
    return;
  }
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    float keyWidth = 0.f;  // the longest key list ("Left Shift / Right Shift") on one line
    for (const CommandInfo& info : Commands())
      keyWidth = std::max(keyWidth, ImGui::CalcTextSize(keys.KeyNames(info.command).c_str()).x);
    ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, keyWidth);
    ImGui::TableSetupColumn("Does");
    for (const CommandInfo& info : Commands()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(keys.KeyNames(info.command).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", info.help.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextDisabled("The simulation is paused while this list is open.");
  ImGui::TextWrapped("Mouse: wheel zooms, left-drag pans (the camera stops following; Home recentres). "
                     "A connected gamepad steers with the left stick, throttles with the right trigger and "
                     "brakes with the left trigger. Keys reach the car only when no text field has focus.");
  ImGui::End();
}

}  // namespace app
