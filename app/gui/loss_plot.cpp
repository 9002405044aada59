#include "app/gui/loss_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace app {

namespace {

constexpr ImU32 kAxisColor = IM_COL32(160, 160, 170, 255);
constexpr ImU32 kGridColor = IM_COL32(70, 70, 80, 255);
constexpr ImU32 kFrameColor = IM_COL32(25, 25, 30, 255);

bool Plottable(float v) { return std::isfinite(v) && v > 0.f; }

// The latest plottable value of a series, NaN when there is none.
float Latest(const std::vector<float>& values) {
  for (auto it = values.rbegin(); it != values.rend(); ++it)
    if (Plottable(*it)) return *it;
  return std::numeric_limits<float>::quiet_NaN();
}

// Step labels: 1234 → "1234", 25000 → "25k".
void FormatSteps(char* out, size_t size, float steps) {
  if (steps >= 10000.f)
    std::snprintf(out, size, "%.0fk", steps / 1000.f);
  else
    std::snprintf(out, size, "%.0f", steps);
}

}  // namespace

void DrawLossPlot(const LossCurves& c, float height) {
  // Decade range covering every plottable point.
  float lowest = std::numeric_limits<float>::max(), highest = 0.f;
  for (const std::vector<float>* series : {&c.train, &c.valid})
    for (float v : *series)
      if (Plottable(v)) {
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
      }
  const float lastStep = c.steps.empty() ? 0.f : c.steps.back();
  const float trainNow = Latest(c.train), validNow = Latest(c.valid);
  // Legend: the current values in the curves' colours.
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTrainLossColor), "train %.4g", trainNow);
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kValidLossColor), "  valid %.4g", validNow);
  ImGui::SameLine();
  ImGui::TextDisabled("  step %.0f", lastStep);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 120.f);
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float lineHeight = ImGui::GetTextLineHeight();
  const float left = origin.x + ImGui::CalcTextSize("1e-10").x + 6.f;  // room for decade labels
  const float right = origin.x + width - 4.f;
  const float top = origin.y + 2.f;
  const float bottom = origin.y + height - 2.f * lineHeight - 2.f;  // room for step ticks and the axis label
  draw->AddRectFilled(ImVec2(left, top), ImVec2(right, bottom), kFrameColor);
  // Axis labels.
  const char* xLabel = "optimiser step";
  draw->AddText(ImVec2((left + right - ImGui::CalcTextSize(xLabel).x) * 0.5f, bottom + lineHeight), kAxisColor,
                xLabel);
  if (highest <= 0.f || c.steps.empty() || bottom - top < 10.f) {
    draw->AddText(ImVec2(left + 6.f, top + 4.f), kAxisColor, "loss (log): no points yet");
    return;
  }
  draw->AddText(ImVec2(left + 4.f, top + 2.f), kAxisColor, "loss (log)");
  int lowDecade = static_cast<int>(std::floor(std::log10(lowest)));
  int highDecade = static_cast<int>(std::ceil(std::log10(highest)));
  if (highDecade <= lowDecade) highDecade = lowDecade + 1;
  const float logLow = static_cast<float>(lowDecade), logHigh = static_cast<float>(highDecade);
  const float firstStep = c.steps.front();
  const float stepSpan = std::max(lastStep - firstStep, 1.f);
  auto toScreen = [&](float step, float loss) {
    const float fx = (step - firstStep) / stepSpan;
    const float fy = (std::log10(loss) - logLow) / (logHigh - logLow);
    return ImVec2(left + fx * (right - left), bottom - fy * (bottom - top));
  };
  // Decade grid and labels (every other decade when crowded).
  const int decades = highDecade - lowDecade;
  const int every = (bottom - top) / static_cast<float>(decades) < lineHeight ? 2 : 1;
  for (int d = lowDecade; d <= highDecade; ++d) {
    const float y = bottom - (static_cast<float>(d - lowDecade) / static_cast<float>(decades)) * (bottom - top);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), kGridColor);
    if ((d - lowDecade) % every != 0) continue;
    char label[16];
    std::snprintf(label, sizeof label, "1e%d", d);
    draw->AddText(ImVec2(left - ImGui::CalcTextSize(label).x - 4.f, y - lineHeight * 0.5f), kAxisColor, label);
  }
  // Step ticks at both ends.
  char first[16], last[16];
  FormatSteps(first, sizeof first, firstStep);
  FormatSteps(last, sizeof last, lastStep);
  draw->AddText(ImVec2(left, bottom + 1.f), kAxisColor, first);
  draw->AddText(ImVec2(right - ImGui::CalcTextSize(last).x, bottom + 1.f), kAxisColor, last);
  draw->AddLine(ImVec2(left, top), ImVec2(left, bottom), kAxisColor);
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), kAxisColor);

  // Curves without anti-aliasing: exact colours (screenshot tests) and crisp 2 px lines.
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex);
  draw->PushClipRect(ImVec2(left, top), ImVec2(right + 1.f, bottom + 1.f), true);
  for (auto [series, color] : {std::pair{&c.train, kTrainLossColor}, std::pair{&c.valid, kValidLossColor}}) {
    std::vector<ImVec2> points;
    const size_t n = std::min(series->size(), c.steps.size());
    for (size_t i = 0; i < n; ++i)
      if (Plottable((*series)[i])) points.push_back(toScreen(c.steps[i], (*series)[i]));
    if (points.size() == 1) draw->AddCircleFilled(points[0], 2.5f, color);
    if (points.size() >= 2) draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, 0, 2.f);
  }
  draw->PopClipRect();
  draw->Flags = flags;
}

}  // namespace app
