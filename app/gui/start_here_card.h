#pragma once
// The first-session guide: a short card on first launch with the loop of the app (drive and record five episodes,
// Train, Watch, correct with C or Shift, Retrain), each step ticked when done. "Got it" dismisses it for good (the
// settings remember); Panels > Start here brings it back.
#include "app/gui/key_bindings.h"

namespace app {

constexpr const char* kStartHereWindow = "Start here";

struct StartHereModel {
  int episodes = 0;         // in the open dataset
  int daggerEpisodes = 0;   // of which corrected (DAgger-labelled)
  bool policyLoaded = false;
  bool policyDriving = false;
};

void DrawStartHereCard(const StartHereModel& model, const KeyBindings& keys, bool* open);

}  // namespace app
