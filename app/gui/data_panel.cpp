#include "app/gui/data_panel.h"

#include <imgui.h>

#include <map>

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
  ImGui::TextDisabled("file: %s", model.filePath.empty() ? "(none: Save to start appending)" : model.filePath.c_str());

  ImGui::SetNextItemWidth(-1.f);
  ImGui::InputText("##path", state.path, sizeof state.path);
  if (ImGui::Button("Save")) intents.saveDataPath = state.path;
  ImGui::SameLine();
  if (ImGui::Button("Load")) intents.loadDataPath = state.path;
  ImGui::SameLine();
  if (ImGui::Button("Discard last")) intents.discardLastEpisode = true;
  ImGui::SameLine();
  if (ImGui::Button("Clear")) intents.clearData = true;

  ImGui::SetNextItemWidth(220.f);
  ImGui::InputTextWithHint("##policy", "policy file (.h5)", state.policyPath, sizeof state.policyPath);
  ImGui::SameLine();
  ImGui::BeginDisabled(state.policyPath[0] == '\0');
  if (ImGui::Button("Load policy")) intents.loadPolicyPath = state.policyPath;
  ImGui::EndDisabled();
  ImGui::TextWrapped("policy: %s", model.policy.empty() ? "(none)" : model.policy.c_str());

  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("##count", &state.addCount);
  if (state.addCount < 1) state.addCount = 1;
  if (state.addCount > 1000) state.addCount = 1000;
  ImGui::SameLine();
  if (ImGui::Button("+ expert")) intents.addExpertEpisodes = state.addCount;
  ImGui::SameLine();
  if (ImGui::Button("+ noisy expert")) intents.addNoisyExpertEpisodes = state.addCount;

  if (ImGui::BeginTable("episodes", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                        ImVec2(0.f, ImGui::GetContentRegionAvail().y))) {
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
