#pragma once
// Small ImGui widgets the panels share: a centred bar for a value in [-1,1], steer/accel rows, a round lamp.
#include <imgui.h>

#include "app/render/palette.h"

namespace app {

inline ImU32 ToImColor(const Rgba& c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// A horizontal bar filled from its centre toward `value` in [-1,1], followed by "label +0.00". With
// `positiveLeft` a positive value fills to the left (steer: + = left, so the bar points where the car turns).
void ValueBar(const char* label, float value, ImU32 fill, bool positiveLeft = false);
// A caption and the steer and accel bars of one action (steer drawn left for left).
void ActionRows(const char* who, float steer, float accel, ImU32 fill);
// A filled circle in exactly the palette colour (so screenshots can find it), then a label.
void Lamp(const char* label, bool on, const Rgba& onColor, const Rgba& offColor, float radius);

}  // namespace app
