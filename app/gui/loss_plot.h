#pragma once
// The Train panel's loss chart: training and validation loss against optimiser steps on a log-scale y axis, with
// labelled axes, decade ticks and the latest values in the legend. Drawn with ImGui's draw list (ImGui 1.86's
// PlotLines has no log scale, and draws nothing when given a negative width). One file, so it can move to a
// shared chart library as it is.
#include <imgui.h>

#include <vector>

namespace app {

// Opaque line colours, so screenshot tests can find the curves pixel-exactly.
constexpr ImU32 kTrainLossColor = IM_COL32(255, 170, 60, 255);
constexpr ImU32 kValidLossColor = IM_COL32(90, 200, 255, 255);

struct LossCurves {
  std::vector<float> steps;  // optimiser step of each point
  std::vector<float> train;  // mean training loss since the previous point
  std::vector<float> valid;  // latest validation loss (NaN: none yet); non-positive values are left out (log)
};

// Fills the available width, `height` pixels tall (axes and labels included). Draws "no loss yet" until there is
// a point to draw.
void DrawLossPlot(const LossCurves& curves, float height);

}  // namespace app
