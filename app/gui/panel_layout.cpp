#include "app/gui/panel_layout.h"

#include <algorithm>

namespace app {

namespace {

constexpr float kGap = 8.f;        // [px] between panels and from the window's edges
constexpr float kMenuBar = 20.f;   // [px] the main menu bar's height (ImGui's default font)
constexpr float kSmallWidth = 1100.f;  // [px] below this, narrower columns

}  // namespace

PanelPlacement DefaultPlacement(Panel panel, ImVec2 d) {
  const bool small = d.x < kSmallWidth;
  const float top = kMenuBar + kGap;
  const float left = small ? 300.f : 330.f;    // the Dashboard's column
  const float right = small ? 330.f : 360.f;   // the Data and Train column
  // Tall enough for several episode rows, short enough to stay above the road (the free view below it keeps
  // LookAhead::kUsefulHeight at 640 px).
  const float dataHeight = std::clamp(d.y * 0.42f, 190.f, 300.f);
  switch (panel) {
    case Panel::kDashboard: return {{kGap, top}, {left, std::min(560.f, d.y - top - kGap)}};
    case Panel::kData: return {{d.x - right - kGap, top}, {right, dataHeight}};
    case Panel::kTrain: {
      const float height = std::clamp(d.y * 0.55f, 300.f, 480.f);
      const float width = small ? 340.f : 380.f;
      return {{d.x - width - kGap, d.y - height - kGap}, {width, height}};
    }
    case Panel::kLessons: {
      const float height = std::clamp(d.y * 0.5f, 300.f, 520.f);
      return {{left + 2.f * kGap, d.y - height - kGap}, {d.x - left - 3.f * kGap, height}};
    }
    case Panel::kBelief: {
      const float y = top + dataHeight + kGap;
      return {{d.x - right - kGap, y}, {right, std::max(d.y - y - kGap, 240.f)}};
    }
    case Panel::kStartHere: {
      const float x0 = left + 2.f * kGap, x1 = d.x - right - 2.f * kGap;
      return {{x0, top}, {std::max(x1 - x0, 260.f), 0.f}};  // height 0: fits its text
    }
  }
  return {{kGap, top}, {300.f, 300.f}};
}

void PlaceOnFirstUse(Panel panel) {
  const PanelPlacement p = DefaultPlacement(panel, ImGui::GetIO().DisplaySize);
  ImGui::SetNextWindowPos(p.pos, ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(p.size, ImGuiCond_FirstUseEver);
}

}  // namespace app
