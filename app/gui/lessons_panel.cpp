#include "app/gui/lessons_panel.h"

#include <imgui.h>

#include <algorithm>

namespace app {

namespace {

namespace imitation = learning::imitation;

// Returns the rows drawn. A row whose policy the result kept gets a Watch button (an intent).
int DrawLessonTable(const imitation::LessonResult& result, const imitation::LessonTable& table, int index,
                    Intents& intents) {
  int drawn = 0;
  // Columns: the union of the rows' metrics in first-seen order (as LessonTable::ToMarkdown prints them).
  std::vector<std::string> metrics;
  for (const imitation::LessonRow& row : table.rows)
    for (const auto& [metric, cell] : row.cells)
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
  if (!table.title.empty()) ImGui::TextUnformatted(table.title.c_str());
  ImGui::PushID(index);
  metrics.resize(std::min<size_t>(metrics.size(), 62));  // Dear ImGui 1.86 tables hold at most 64 columns
  if (ImGui::BeginTable("rows", static_cast<int>(metrics.size()) + 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_ScrollX)) {
    ImGui::TableSetupColumn("method");
    ImGui::TableSetupColumn("");
    for (const std::string& metric : metrics) ImGui::TableSetupColumn(metric.c_str());
    ImGui::TableHeadersRow();
    for (const imitation::LessonRow& row : table.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.method.c_str());
      ++drawn;
      ImGui::TableNextColumn();
      if (result.FindPolicy(table.title, row.method) != nullptr) {
        ImGui::PushID(drawn);
        if (ImGui::SmallButton("Watch")) intents.watchLessonPolicy = LessonPolicyRequest{table.title, row.method};
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("drive this policy in the lesson's scenario (a pooled row: its first training seed);\n"
                            "the Dashboard's Watch tally counts the episodes");
        ImGui::PopID();
      }
      for (const std::string& metric : metrics) {
        ImGui::TableNextColumn();
        auto found = std::find_if(row.cells.begin(), row.cells.end(),
                                  [&](const auto& cell) { return cell.first == metric; });
        if (found == row.cells.end()) {
          ImGui::TextDisabled("-");
          continue;
        }
        const imitation::LessonCell& c = found->second;
        if (c.interval)
          ImGui::Text("%.*f [%.*f, %.*f]", c.digits, c.value, c.digits, c.low, c.digits, c.high);
        else
          ImGui::Text("%.*f", c.digits, c.value);
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  return drawn;
}

}  // namespace

int DrawLessonsPanel(const LessonsPanelModel& m, LessonsPanelState& state, Intents& intents, bool* open) {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(350.f, io.DisplaySize.y - 330.f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(560.f, 320.f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Lessons", open)) {
    ImGui::End();
    return 0;
  }
  state.lesson = std::clamp(state.lesson, 0, std::max(static_cast<int>(m.names.size()) - 1, 0));
  const bool running = m.status.running;
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(200.f);
  if (!m.names.empty() && ImGui::BeginCombo("lesson", m.names[static_cast<size_t>(state.lesson)].c_str())) {
    for (size_t i = 0; i < m.names.size(); ++i) {
      if (ImGui::Selectable(m.names[i].c_str(), static_cast<int>(i) == state.lesson))
        state.lesson = static_cast<int>(i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.descriptions[i].c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("quick", &state.quick);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the small version (fewer seeds, episodes and steps)");
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("seeds", &state.seeds);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("episodes", &state.evalEpisodes);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("held-out evaluation episodes per policy (0: the lesson's default)");
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("seed", &state.seed);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70.f);
  ImGui::InputInt("threads", &state.threads);
  state.seeds = std::clamp(state.seeds, 0, 100);
  state.evalEpisodes = std::clamp(state.evalEpisodes, 0, 100000);
  state.seed = std::max(state.seed, 0);
  state.threads = std::clamp(state.threads, 1, 64);
  ImGui::EndDisabled();
  if (!m.descriptions.empty()) ImGui::TextWrapped("%s", m.descriptions[static_cast<size_t>(state.lesson)].c_str());

  if (running) {
    ImGui::BeginDisabled(m.status.cancelling);
    if (ImGui::Button(m.status.cancelling ? "Cancelling" : "Cancel")) intents.cancelLesson = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    float fraction = m.status.total > 0 ? static_cast<float>(m.status.done) / static_cast<float>(m.status.total) : 0.f;
    std::string overlay =
        m.status.stage + " (" + std::to_string(m.status.done) + "/" + std::to_string(m.status.total) + ")";
    ImGui::ProgressBar(fraction, ImVec2(-1.f, 0.f), overlay.c_str());
  } else if (!m.names.empty()) {
    if (ImGui::Button("Run")) {
      LessonRequest request;
      request.name = m.names[static_cast<size_t>(state.lesson)];
      request.quick = state.quick;
      request.seeds = state.seeds;
      request.evalEpisodes = state.evalEpisodes;
      request.seed = static_cast<uint64_t>(state.seed);
      request.threads = state.threads;
      intents.startLesson = request;
    }
  }
  if (!m.status.message.empty()) {
    ImGui::SameLine();
    ImGui::TextWrapped("%s: %s", m.status.lesson.c_str(), m.status.message.c_str());
  }
  int rows = 0;
  if (const auto& result = m.status.result) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", result->statement.c_str());
    if (ImGui::SmallButton("copy as Markdown")) ImGui::SetClipboardText(result->ToMarkdown().c_str());
    for (size_t i = 0; i < result->tables.size(); ++i)
      rows += DrawLessonTable(*result, result->tables[i], static_cast<int>(i), intents);
    if (!result->notes.empty() && ImGui::TreeNode("notes")) {
      for (const std::string& note : result->notes) ImGui::BulletText("%s", note.c_str());
      ImGui::TreePop();
    }
  }
  ImGui::End();
  return rows;
}

}  // namespace app
