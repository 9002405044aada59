#include "app/gui/start_here_card.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/gui/panel_layout.h"

namespace app {

namespace {

constexpr int kFirstEpisodes = 5;  // enough demonstrations for a first clone to drive a little

void Step(int number, bool done, const std::string& text) {
  if (done)
    ImGui::TextColored(ImVec4(0.4f, 0.85f, 0.45f, 1.f), "%d. [done]", number);
  else
    ImGui::Text("%d.", number);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", text.c_str());
}

}  // namespace

void DrawStartHereCard(const StartHereModel& m, const KeyBindings& keys, bool* open) {
  PlaceOnFirstUse(Panel::kStartHere);
  if (!ImGui::Begin(kStartHereWindow, open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  auto key = [&](Command c) { return keys.KeyNames(c); };
  Step(1, m.episodes >= kFirstEpisodes,
       "Drive with the arrow keys and record five episodes: " + key(Command::kRecord) + " starts recording (" +
           std::to_string(std::min(m.episodes, kFirstEpisodes)) + "/5; Data > + expert adds the expert's).");
  Step(2, m.policyLoaded, key(Command::kTrain) + " trains a policy on them in the background.");
  Step(3, m.policyDriving, "Watch it: " + key(Command::kDriverPolicy) + " lets the policy drive (Dashboard > Watch "
                           "policy counts its successes).");
  Step(4, m.daggerEpisodes > 0, "Correct it: " + key(Command::kCorrections) + " makes your keys the labels while it "
                                "drives; hold " + key(Command::kTakeover) + " to take the wheel.");
  Step(5, false, key(Command::kTrain) + " again retrains on your demonstrations and corrections.");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("Panels > Start here reopens this; F1 lists every key.");
  ImGui::PopStyleColor();
  if (ImGui::Button("Got it")) *open = false;
  ImGui::End();
}

}  // namespace app
