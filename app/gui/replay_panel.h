#pragma once
// The Replay panel: choose a recorded episode, scrub it on a timeline (the world view shows the replay while the
// panel has one open), and see the executed action beside the label at the step shown; a strip under the
// timeline shows which steps are labelled. Relabelling (replay_relabel.h): play at 1× or 0.25× or step (N) with
// "relabel with keys" on, hold keys over the steps to overwrite, Undo the last stroke.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  bool labelled = true;                 // the label at `step` is real
  const std::vector<uint8_t>* mask = nullptr;  // per-step labelled flags (null or empty: all labelled)
  double speed = 1.0;
  bool relabelling = false;
  bool canUndo = false;
};

// The strip's colours (also what screenshot tests look for).
inline constexpr uint32_t kStripLabelled = 0xFFFFC878;    // IM_COL32(120, 200, 255, 255)
inline constexpr uint32_t kStripUnlabelled = 0xFF505050;  // IM_COL32(80, 80, 80, 255)

void DrawReplayPanel(const ReplayPanelModel& model, ReplayPanelState& state, Intents& intents, bool* open);

}  // namespace app
