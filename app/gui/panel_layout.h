#pragma once
// Where the panels open the first time (before the settings remember the user's layout), for the window's size:
// out of the driving direction. The road runs across the window and the camera puts the car on the left of the
// part the panels leave free (look_ahead.h), so the Dashboard takes the left column behind the car, the Data panel
// a short strip at the top right, Start-here the top between them; Train and Lessons open along the bottom; the
// belief window (an inspector) in the right column under the Data panel. Widths
// shrink on small windows. One table, so the layout is read and changed in one place.
#include <imgui.h>

namespace app {

enum class Panel { kDashboard, kData, kTrain, kLessons, kStartHere, kBelief };

struct PanelPlacement {
  ImVec2 pos;   // [px] top left
  ImVec2 size;  // [px]
};

PanelPlacement DefaultPlacement(Panel panel, ImVec2 display);

// SetNextWindowPos and SetNextWindowSize for the panel's first use.
void PlaceOnFirstUse(Panel panel);

}  // namespace app
