#include "app/gui/data_panel.h"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "app/gui/panel_layout.h"

namespace app {

void DrawDataPanel(const DataPanelModel& model, DataPanelState& state, Intents& intents, bool* open) {
  PlaceOnFirstUse(Panel::kData);
  if (!ImGui::Begin("Data", open)) {
    ImGui::End();
    return;
  }
  const learning::data::Dataset& data = *model.data;
  std::map<std::string, int> bySource;
  for (const auto& episode : data.episodes) ++bySource[episode.source];
  ImGui::Text("%d episodes, %d steps%s", static_cast<int>(data.episodes.size()), data.TotalSteps(),
              model.unsaved ? "  (unsaved)" : "");
  for (const auto& [source, count] : bySource) {
    ImGui::SameLine();
    ImGui::TextDisabled(" %s %d", source.c_str(), count);
  }
  // The file appended to is shown only when the path field names another one (or none is open yet): the rows
  // above the episode table are kept few so it shows several episodes in the short default panel.
  if (model.filePath.empty())
    ImGui::TextDisabled("file: (none: Save to start appending)");
  else if (model.filePath != state.path)
    ImGui::TextDisabled("file: %s", model.filePath.c_str());

  ImGui::SetNextItemWidth(-1.f);
  ImGui::InputText("##path", state.path, sizeof state.path);
  if (ImGui::Button("Save")) intents.saveDataPath = state.path;
  ImGui::SameLine();
  if (ImGui::Button("Load")) intents.loadDataPath = state.path;
  ImGui::SameLine();
  if (ImGui::Button("Discard last")) intents.discardLastEpisode = true;
  ImGui::SameLine();
  if (ImGui::Button("Clear")) intents.clearData = true;

  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("##count", &state.addCount);
  if (state.addCount < 1) state.addCount = 1;
  if (state.addCount > 1000) state.addCount = 1000;
  ImGui::SameLine();
  if (ImGui::Button("+ expert")) intents.addExpertEpisodes = state.addCount;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The scripted expert drives N episodes (clean: it never strays, so its clones see no\n"
                      "recoveries; on lane_choice they fail on some training seeds).");
  ImGui::SameLine();
  if (ImGui::Button("+ noisy expert")) intents.addNoisyExpertEpisodes = state.addCount;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The expert's command is disturbed as it drives, its labels stay the expert's (DART):\n"
                      "the episodes show recoveries, and their clones are the robust ones.");

  // The policy on one line; its file field opens from the button.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("policy:");
  ImGui::SameLine();
  const char* loadLabel = "Load policy...";
  const float loadWidth = ImGui::CalcTextSize(loadLabel).x + 2.f * ImGui::GetStyle().FramePadding.x;
  const float nameWidth = ImGui::GetContentRegionAvail().x - loadWidth - ImGui::GetStyle().ItemSpacing.x;
  const std::string name = model.policy.empty() ? "(none)" : model.policy;
  ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                      ImVec2(ImGui::GetCursorScreenPos().x + nameWidth, ImGui::GetCursorScreenPos().y + 100.f), true);
  ImGui::TextUnformatted(name.c_str());
  ImGui::PopClipRect();
  if (ImGui::IsItemHovered() && ImGui::CalcTextSize(name.c_str()).x > nameWidth) ImGui::SetTooltip("%s", name.c_str());
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - loadWidth);
  if (ImGui::Button(loadLabel)) ImGui::OpenPopup("load_policy");
  if (ImGui::BeginPopup("load_policy")) {
    ImGui::SetNextItemWidth(320.f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputTextWithHint("##policy", "policy file (.h5)", state.policyPath,
                                                sizeof state.policyPath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::BeginDisabled(state.policyPath[0] == '\0');
    if ((ImGui::Button("Load") || enter) && state.policyPath[0] != '\0') {
      intents.loadPolicyPath = state.policyPath;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::EndPopup();
  }

  if (ImGui::BeginTable("episodes", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                        // At least a few rows even in a panel the user shrank (the panel scrolls then).
                        ImVec2(0.f, std::max(ImGui::GetContentRegionAvail().y,
                                             5.f * ImGui::GetTextLineHeightWithSpacing())))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 30.f);
    ImGui::TableSetupColumn("source");
    ImGui::TableSetupColumn("steps", ImGuiTableColumnFlags_WidthFixed, 45.f);
    ImGui::TableSetupColumn("outcome");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 22.f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(data.episodes.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const auto& episode = data.episodes[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", i);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(episode.source.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", episode.Length());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(episode.success ? "success" : (episode.collision ? "collision" : "failure"));
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("x")) intents.deleteEpisode = i;
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace app
