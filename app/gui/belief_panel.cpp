#include "app/gui/belief_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/gui/panel_layout.h"
#include "core/rng.h"
#include "learning/imitation/policy_driver.h"

namespace app {

namespace {

constexpr ImU32 kPlane = IM_COL32(32, 34, 40, 255);
constexpr ImU32 kAxes = IM_COL32(110, 110, 120, 255);
constexpr ImU32 kSample = IM_COL32(240, 240, 240, 220);
constexpr ImU32 kPath = IM_COL32(170, 130, 255, 110);
constexpr ImU32 kPathStart = IM_COL32(120, 120, 130, 200);
constexpr ImU32 kBar = IM_COL32(86, 180, 233, 255);
constexpr float kMarginalHeight = 48.f;  // [px]

// Probabilities of one dimension as bars over [-1, 1].
void DrawMarginal(const learning::policies::BeliefMarginal& m, float width) {
  ImGui::Text("p(%s%s%s)", m.dimension.c_str(), m.condition.empty() ? "" : " | ", m.condition.c_str());
  const float height = kMarginalHeight;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(o, ImVec2(o.x + width, o.y + height), kPlane);
  const float top = *std::max_element(m.probabilities.begin(), m.probabilities.end());
  const float barWidth = std::max(width / static_cast<float>(std::max<size_t>(m.centres.size(), 1)) - 1.f, 1.f);
  for (size_t i = 0; i < m.centres.size(); ++i) {
    const float x = o.x + (m.centres[i] + 1.f) * 0.5f * width;
    const float h = top > 0.f ? m.probabilities[i] / top * (height - 4.f) : 0.f;
    draw->AddRectFilled(ImVec2(x - barWidth * 0.5f, o.y + height - h), ImVec2(x + barWidth * 0.5f, o.y + height),
                        kBar);
  }
  draw->AddLine(ImVec2(o.x + width * 0.5f, o.y), ImVec2(o.x + width * 0.5f, o.y + height), kAxes);
  ImGui::Dummy(ImVec2(width, height));
  ImGui::TextDisabled("-1%*s0%*s+1  (max %.2f)", static_cast<int>(width / 16.f), "", static_cast<int>(width / 16.f),
                      "", top);
}

}  // namespace

void BeliefPanel::Update(learning::imitation::PolicyDriver& driver) {
  const Eigen::VectorXf& input = driver.LastInput();
  if (input.size() == 0) return;
  const void* policy = &driver.GetPolicy();
  if (belief_ && policy == explainedPolicy_ && input.size() == explainedInput_.size() && input == explainedInput_)
    return;
  core::Rng rng(0);  // the same state always shows the same samples
  belief_ = driver.GetPolicy().Explain(input, kSamples, rng);
  explainedInput_ = input;
  explainedPolicy_ = policy;
}

void BeliefPanel::Draw(learning::imitation::PolicyDriver* driver, bool* open) {
  PlaceOnFirstUse(Panel::kBelief);
  ImGui::SetNextWindowBgAlpha(1.f);  // its plots read against a solid background, not the road behind
  if (!ImGui::Begin("What the policy believes", open)) {
    ImGui::End();
    return;
  }
  if (driver == nullptr) {
    belief_.reset();
    ImGui::TextWrapped("Load or train a policy to see its action distribution at the current state.");
    ImGui::End();
    return;
  }
  Update(*driver);
  if (!belief_) {
    ImGui::TextWrapped("Waiting for the policy's first decision (let it drive, or step while paused).");
    ImGui::End();
    return;
  }
  const learning::policies::ActionBelief& b = *belief_;
  ImGui::Text("%s: %d samples of the next action", b.head.c_str(), static_cast<int>(b.samples.cols()));
  // The plane is square; it shrinks so that the labels and the per-dimension bars below it fit the window too.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float below = line * (2.f + (b.density.size > 0 ? 1.f : 0.f) + (b.paths.empty() ? 0.f : 2.f)) +
                      static_cast<float>(b.marginals.size()) * (kMarginalHeight + 2.f * line + 4.f);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side = std::clamp(std::min(avail.x - 8.f, avail.y - below), 120.f, 320.f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  auto at = [&](float steer, float accel) {
    return ImVec2(o.x + (std::clamp(steer, -1.f, 1.f) + 1.f) * 0.5f * side,
                  o.y + (1.f - std::clamp(accel, -1.f, 1.f)) * 0.5f * side);
  };
  draw->AddRectFilled(o, ImVec2(o.x + side, o.y + side), kPlane);
  if (b.density.size > 0) {
    const float top = *std::max_element(b.density.values.begin(), b.density.values.end());
    const float cell = side / static_cast<float>(b.density.size);
    for (int r = 0; r < b.density.size; ++r)
      for (int c = 0; c < b.density.size; ++c) {
        // Square root: a sharp mode would otherwise leave everything but its peak cell invisible.
        const float v = top > 0.f ? std::sqrt(b.density.At(r, c) / top) : 0.f;
        if (v < 0.01f) continue;
        const ImVec2 min(o.x + static_cast<float>(c) * cell, o.y + side - static_cast<float>(r + 1) * cell);
        draw->AddRectFilled(min, ImVec2(min.x + cell, min.y + cell),
                            IM_COL32(255, 140, 26, static_cast<int>(40.f + 200.f * v)));
      }
  }
  draw->AddLine(at(0.f, -1.f), at(0.f, 1.f), kAxes);
  draw->AddLine(at(-1.f, 0.f), at(1.f, 0.f), kAxes);
  for (const learning::policies::BeliefPath& path : b.paths) {
    for (size_t k = 0; k + 1 < path.steer.size(); ++k)
      draw->AddLine(at(path.steer[k], path.accel[k]), at(path.steer[k + 1], path.accel[k + 1]), kPath);
    if (!path.steer.empty()) draw->AddCircleFilled(at(path.steer.front(), path.accel.front()), 1.5f, kPathStart);
  }
  for (Eigen::Index i = 0; i < b.samples.cols(); ++i) draw->AddCircleFilled(at(b.samples(0, i), b.samples(1, i)), 2.f, kSample);
  draw->AddRect(o, ImVec2(o.x + side, o.y + side), kAxes);
  ImGui::Dummy(ImVec2(side, side));
  ImGui::TextDisabled("x: steer (-1 right ... +1 left)");
  ImGui::TextDisabled("y: accel (-1 brake ... +1 throttle)");
  if (b.density.size > 0) ImGui::TextDisabled("orange: the density of the first action");
  if (!b.paths.empty()) {  // the label is long ("DDIM steps from noise (x_T) to action (x_0)"): wrap it
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("purple: %s", b.pathsLabel.c_str());
    ImGui::PopStyleColor();
  }
  for (const learning::policies::BeliefMarginal& m : b.marginals) DrawMarginal(m, side);
  ImGui::End();
}

}  // namespace app
