#pragma once
// Relabelling a recorded episode in Replay, at leisure: with relabelling on, every step the replay passes going
// forward (playing at 1× or 0.25×, or stepping) while the person acts gets the keys' action as its label and
// labelled = 1 — the same key ramps and the same rule for acting as live corrections (session.h: a key or the
// stick held at that moment or at any frame since the previous step). The ramps start from the step's recorded
// label, so holding a key bends what was there rather than starting from zero. One hold is one stroke; Undo puts
// back what the last stroke overwrote. The edits themselves go to the session's dataset (Session::RelabelStep).
#include <optional>
#include <vector>

#include "sim/human_driver.h"
#include "sim/action.h"

namespace app {

// One overwritten step: what it held before.
struct LabelEdit {
  int episode = 0;
  int step = 0;
  sim::Action label;
  bool labelled = true;
};

class ReplayRelabel {
 public:
  // A replay was opened, closed or moved other than one step forward: the ramps and the stroke start over.
  void Restart();
  // The person's input this frame (a replay's frames may pass no step at all).
  void Input(const sim::HumanInput& input);
  // The replay passes step `step` (which holds `recorded`): the new label when the person acted since the last
  // pass, else nothing (and the stroke ends).
  std::optional<sim::Action> Pass(const sim::Action& recorded, sim::ActionMode mode, float dt);

  // Remembers an overwritten step in the current stroke (a new stroke after a pass without action).
  void Record(const LabelEdit& before);
  bool CanUndo() const { return !strokes_.empty(); }
  // The last stroke's edits, latest first, removed from the history (apply their `before` values).
  std::vector<LabelEdit> Undo();

 private:
  sim::HumanInput input_;
  bool acted_ = false;       // a key or the stick was held at some frame since the last pass
  bool strokeOpen_ = false;  // the previous pass relabelled
  sim::Action current_;      // the ramps' state within a stroke
  std::vector<std::vector<LabelEdit>> strokes_;
};

}  // namespace app
