#pragma once
// The Replay panel: choose a recorded episode, scrub it on a timeline (the world view shows the replay while the
// panel has one open), and see the executed action beside the label at the step shown.
#include <optional>
#include <string>

#include "app/gui/intents.h"
#include "sim/action.h"

namespace app {

struct ReplayPanelState {
  int episode = 0;  // the index field
};

struct ReplayPanelModel {
  int episodes = 0;      // in the dataset
  bool open = false;     // a replay is open
  int openIndex = -1;
  std::string source;
  int length = 0;        // control steps
  int step = 0;
  bool playing = false;
  std::optional<sim::Action> executed;  // at `step` (none past the end)
  std::optional<sim::Action> label;
};

void DrawReplayPanel(const ReplayPanelModel& model, ReplayPanelState& state, Intents& intents, bool* open);

}  // namespace app
