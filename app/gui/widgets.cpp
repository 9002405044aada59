#include "app/gui/widgets.h"

#include <algorithm>
#include <cmath>

namespace app {

void ValueBar(const char* label, float value, ImU32 fill, bool positiveLeft) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = std::max(ImGui::GetContentRegionAvail().x - 110.f, 60.f);
  float height = ImGui::GetTextLineHeight();
  float centre = origin.x + width * 0.5f;
  float end = centre + (positiveLeft ? -1.f : 1.f) * std::clamp(value, -1.f, 1.f) * width * 0.5f;
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(40, 40, 48, 255));
  draw->AddRectFilled(ImVec2(std::min(centre, end), origin.y + 2), ImVec2(std::max(centre, end), origin.y + height - 2),
                      fill);
  draw->AddLine(ImVec2(centre, origin.y), ImVec2(centre, origin.y + height), IM_COL32(200, 200, 200, 255));
  ImGui::Dummy(ImVec2(width, height));
  ImGui::SameLine();
  if (positiveLeft)
    ImGui::Text("%s %.2f %s", label, std::abs(value), value > 0.f ? "left" : (value < 0.f ? "right" : ""));
  else
    ImGui::Text("%s %+.2f", label, value);
}

void ActionRows(const char* who, float steer, float accel, ImU32 fill) {
  ImGui::TextDisabled("%s", who);
  ValueBar("steer", steer, fill, true);
  ValueBar("accel", accel, fill);
}

void Lamp(const char* label, bool on, const Rgba& onColor, const Rgba& offColor, float radius) {
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 centre(origin.x + radius, origin.y + radius);
  ImGui::GetWindowDrawList()->AddCircleFilled(centre, radius, ToImColor(on ? onColor : offColor), 24);
  ImGui::Dummy(ImVec2(radius * 2.f, radius * 2.f));
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + radius - ImGui::GetTextLineHeight() * 0.5f);
  ImGui::TextUnformatted(label);
}

}  // namespace app
