#include "app/gui/help_panel.h"

#include <imgui.h>

namespace app {

void DrawHelpPanel(const KeyBindings& keys, bool* open) {
  ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Keys (F1)", open)) {
    ImGui::End();
    return;
  }
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, 150.f);
    ImGui::TableSetupColumn("Does");
    for (const CommandInfo& info : Commands()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(keys.KeyNames(info.command).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(info.help.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextWrapped("Mouse: wheel zooms, left-drag pans (the camera stops following; Home recentres). "
                     "A connected gamepad steers with the left stick, throttles with the right trigger and "
                     "brakes with the left trigger. Keys reach the car only when no text field has focus.");
  ImGui::End();
}

}  // namespace app
