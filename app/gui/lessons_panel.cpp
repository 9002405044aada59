#include "app/gui/lessons_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/panel_layout.h"
#include <thread>

namespace app {

namespace {

namespace imitation = learning::imitation;

const imitation::LessonCell* FindCell(const imitation::LessonRow& row, const std::string& metric) {
  auto found = std::find_if(row.cells.begin(), row.cells.end(), [&](const auto& cell) { return cell.first == metric; });
  return found == row.cells.end() ? nullptr : &found->second;
}

std::string CellValue(const imitation::LessonCell& c) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", c.digits, c.value);
  return text;
}

std::string CellInterval(const imitation::LessonCell& c) {
  char text[64];
  if (c.interval)
    std::snprintf(text, sizeof text, "%.*f [%.*f, %.*f]", c.digits, c.value, c.digits, c.low, c.digits, c.high);
  else
    std::snprintf(text, sizeof text, "%.*f", c.digits, c.value);
  return text;
}

// A metric's name as a header that can wrap: "acc_at_lamp_change" → "acc at lamp change".
std::string HeaderText(std::string metric) {
  std::replace(metric.begin(), metric.end(), '_', ' ');
  return metric;
}

// The widest word of `text` [px]: a wrapped header is never narrower.
float WidestWord(const std::string& text) {
  float widest = 0.f;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    widest = std::max(widest, ImGui::CalcTextSize(text.c_str() + start, text.c_str() + end).x);
    start = end + 1;
  }
  return widest;
}

// Returns the rows drawn. Every column fits the panel: cells show the value (the 95% interval is in the row's
// tooltip and in its details below the table, opened by clicking the row), metric headers wrap, and the table has
// no scroll area of its own, so no row is clipped (the panel scrolls). A row whose policy the result kept gets a
// Watch button (an intent).
int DrawLessonTable(const imitation::LessonResult& result, const imitation::LessonTable& table, int index,
                    LessonsPanelState& state, Intents& intents) {
  int drawn = 0;
  // Columns: the union of the rows' metrics in first-seen order (as LessonTable::ToMarkdown prints them).
  std::vector<std::string> metrics;
  for (const imitation::LessonRow& row : table.rows)
    for (const auto& [metric, cell] : row.cells)
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
  if (!table.title.empty()) ImGui::TextUnformatted(table.title.c_str());
  ImGui::PushID(index);
  metrics.resize(std::min<size_t>(metrics.size(), 62));  // Dear ImGui 1.86 tables hold at most 64 columns
  const float padding = ImGui::GetStyle().CellPadding.x * 2.f;
  if (ImGui::BeginTable("rows", static_cast<int>(metrics.size()) + 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("method", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Watch").x + padding);
    for (const std::string& metric : metrics) {
      float width = WidestWord(HeaderText(metric));
      for (const imitation::LessonRow& row : table.rows)
        if (const imitation::LessonCell* cell = FindCell(row, metric))
          width = std::max(width, ImGui::CalcTextSize(CellValue(*cell).c_str()).x);
      ImGui::TableSetupColumn(metric.c_str(), ImGuiTableColumnFlags_WidthFixed, width);
    }
    // Headers that wrap (TableHeadersRow would clip long metric names).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < static_cast<int>(metrics.size()) + 2; ++column) {
      ImGui::TableSetColumnIndex(column);
      if (column == 0) ImGui::TextUnformatted("method");
      if (column >= 2) ImGui::TextWrapped("%s", HeaderText(metrics[static_cast<size_t>(column - 2)]).c_str());
    }
    for (const imitation::LessonRow& row : table.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool selected = state.detailsTable == index && state.detailsRow == drawn;
      ImGui::PushID(drawn);
      if (ImGui::Selectable("##row", selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
        state.detailsTable = selected ? -1 : index;
        state.detailsRow = selected ? -1 : drawn;
      }
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(row.method.c_str());
        for (const std::string& metric : metrics)
          if (const imitation::LessonCell* cell = FindCell(row, metric))
            ImGui::Text("%s: %s", metric.c_str(), CellInterval(*cell).c_str());
        ImGui::TextDisabled("click: details below the table");
        ImGui::EndTooltip();
      }
      ImGui::SameLine(0.f, 0.f);
      ImGui::TextWrapped("%s", row.method.c_str());
      ImGui::TableNextColumn();
      if (result.FindPolicy(table.title, row.method) != nullptr) {
        if (ImGui::SmallButton("Watch")) intents.watchLessonPolicy = LessonPolicyRequest{table.title, row.method};
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("drive this policy in the lesson's scenario (a pooled row: its first training seed);\n"
                            "the Dashboard's Watch tally counts the episodes");
      }
      ImGui::PopID();
      ++drawn;
      for (const std::string& metric : metrics) {
        ImGui::TableNextColumn();
        if (const imitation::LessonCell* cell = FindCell(row, metric))
          ImGui::TextUnformatted(CellValue(*cell).c_str());
        else
          ImGui::TextDisabled("-");
      }
    }
    ImGui::EndTable();
  }
  if (state.detailsTable == index && state.detailsRow >= 0 &&
      state.detailsRow < static_cast<int>(table.rows.size())) {
    const imitation::LessonRow& row = table.rows[static_cast<size_t>(state.detailsRow)];
    ImGui::TextDisabled("%s (95%% intervals):", row.method.c_str());
    for (const std::string& metric : metrics)
      if (const imitation::LessonCell* cell = FindCell(row, metric))
        ImGui::BulletText("%s  %s", metric.c_str(), CellInterval(*cell).c_str());
  }
  ImGui::PopID();
  return drawn;
}

}  // namespace

int DefaultLessonThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int DrawLessonsPanel(const LessonsPanelModel& m, LessonsPanelState& state, Intents& intents, bool* open) {
  PlaceOnFirstUse(Panel::kLessons);
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
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("training seeds: each method is trained this many times from different seeds, and the table\n"
                      "shows every seed and the pool (0: the lesson's default, at least 3 in a full run)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("episodes", &state.evalEpisodes);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("held-out evaluation episodes per policy (0: the lesson's default)");
  ImGui::SetNextItemWidth(90.f);
  ImGui::InputInt("seed", &state.seed);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("base seed of the whole run (demonstrations, training, held-out episodes):\n"
                      "the same seed gives the same table");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70.f);
  ImGui::InputInt("threads", &state.threads);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("worker threads for the rollouts and evaluations (%d = this machine's cores);\n"
                      "the results do not depend on it, only the time", DefaultLessonThreads());
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
      rows += DrawLessonTable(*result, result->tables[i], static_cast<int>(i), state, intents);
    if (!result->notes.empty() && ImGui::TreeNode("notes")) {
      for (const std::string& note : result->notes) ImGui::BulletText("%s", note.c_str());
      ImGui::TreePop();
    }
  }
  ImGui::End();
  return rows;
}

}  // namespace app
