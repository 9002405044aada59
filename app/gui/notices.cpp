#include "app/gui/notices.h"

#include <algorithm>
#include <cstdio>

namespace app {

ImU32 NoticeColor(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kSuccess: return IM_COL32(64, 200, 96, 255);
    case NoticeKind::kFailure: return IM_COL32(235, 64, 52, 255);
    case NoticeKind::kInfo: return IM_COL32(90, 160, 255, 255);
  }
  return IM_COL32(255, 255, 255, 255);
}

Notice EpisodeNotice(const sim::EpisodeMetrics& m, uint64_t seed, int recordedAs, bool recording) {
  Notice notice;
  notice.kind = m.success ? NoticeKind::kSuccess : NoticeKind::kFailure;
  notice.title = m.success ? "SUCCESS" : m.collision ? "COLLISION" : m.offRoad ? "OFF ROAD" : "NOT COMPLETED";
  char line[200];
  std::snprintf(line, sizeof line, "seed %llu, %.1f s, %.0f m - %s", static_cast<unsigned long long>(seed),
                m.duration, m.progress,
                recordedAs >= 0 ? ("recorded as episode " + std::to_string(recordedAs)).c_str()
                : recording     ? "not recorded"
                                : "not recorded (R records)");
  notice.detail = line;
  notice.secondsLeft = Notices::kSeconds;
  return notice;
}

void Notices::Post(Notice notice) {
  items_.push_front(std::move(notice));
  if (items_.size() > kMaxShown) items_.pop_back();
}

void Notices::Advance(float seconds) {
  for (Notice& n : items_) n.secondsLeft -= seconds;
  std::erase_if(items_, [](const Notice& n) { return n.secondsLeft <= 0.f; });
}

void Notices::Draw(ImVec2 anchor) const {
  if (items_.empty()) return;
  const ImGuiIO& io = ImGui::GetIO();
  anchor.x = std::clamp(anchor.x, 200.f, std::max(io.DisplaySize.x - 200.f, 200.f));
  anchor.y = std::clamp(anchor.y, 120.f, std::max(io.DisplaySize.y - 10.f, 120.f));
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(0.5f, 1.f));
  ImGui::SetNextWindowBgAlpha(0.85f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (ImGui::Begin(kNoticesWindow, nullptr, flags)) {
    ImGui::SetWindowFontScale(1.2f);  // read at a glance, over a moving scene
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Notice& n : items_) {
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float height = ImGui::GetTextLineHeight() * 2.f + ImGui::GetStyle().ItemSpacing.y;
      draw->AddRectFilled(at, ImVec2(at.x + 6.f, at.y + height), NoticeColor(n.kind));
      ImGui::Indent(14.f);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(NoticeColor(n.kind)), "%s", n.title.c_str());
      ImGui::TextUnformatted(n.detail.c_str());
      ImGui::Unindent(14.f);
    }
  }
  ImGui::End();
}

}  // namespace app
