#include "app/gui/replay_relabel.h"

namespace app {

void ReplayRelabel::Restart() {
  acted_ = false;
  strokeOpen_ = false;
  current_ = {};
}

void ReplayRelabel::Input(const sim::HumanInput& input) {
  input_ = input;
  acted_ = acted_ || input.Any();
}

std::optional<sim::Action> ReplayRelabel::Pass(const sim::Action& recorded, sim::ActionMode mode, float dt) {
  const bool acted = acted_ || input_.Any();
  acted_ = false;
  if (!acted) {
    strokeOpen_ = false;
    return std::nullopt;
  }
  if (!strokeOpen_) current_ = recorded;  // a new stroke bends the recorded label
  current_ = sim::RampAction(current_, input_, mode, dt, sim::HumanDriverDef{});
  return current_;
}

void ReplayRelabel::Record(const LabelEdit& before) {
  if (!strokeOpen_ || strokes_.empty()) strokes_.emplace_back();
  strokeOpen_ = true;
  strokes_.back().push_back(before);
}

std::vector<LabelEdit> ReplayRelabel::Undo() {
  if (strokes_.empty()) return {};
  std::vector<LabelEdit> edits(strokes_.back().rbegin(), strokes_.back().rend());
  strokes_.pop_back();
  strokeOpen_ = false;
  return edits;
}

}  // namespace app
