#pragma once
// Replay of a recorded episode: a private Env of the episode's scenario is reset with the episode's seed and fed
// the recorded executed actions, so the drawing at any step is exactly what happened (the simulator is
// deterministic for a seed and actions). Seeking back re-simulates from the start (~30 µs a step), with the
// scenario parameters the dataset recorded.
#include <memory>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "sim/action.h"
#include "sim/env.h"

namespace app {

class Replayer {
 public:
  // Opens episode `index` of `data`; throws core::Error when the scenario is unknown or the index is out of range.
  void Open(const learning::data::Dataset& data, int index);
  void Close() { env_.reset(); }
  bool IsOpen() const { return env_ != nullptr; }
  int EpisodeIndex() const { return index_; }

  int Length() const { return static_cast<int>(actions_.cols()); }  // control steps
  int Step() const { return step_; }  // the state shown: after `step` recorded actions (0..Length)
  // Moves to step `step` (clamped to 0..Length).
  void Seek(int step);

  sim::SceneView View() const { return env_->View(); }
  // The recorded executed action and label at step t (0..Length-1).
  sim::Action Executed(int t) const { return {actions_(0, t), actions_(1, t)}; }
  sim::Action Label(int t) const { return {labels_(0, t), labels_(1, t)}; }
  bool Labelled(int t) const { return labelled_.empty() || labelled_[static_cast<size_t>(t)] != 0; }
  // One flag per step (empty: every step labelled), for the timeline.
  const std::vector<uint8_t>& LabelledMask() const { return labelled_; }
  // Keeps the shown labels in step with a relabelling of the dataset (Session::RelabelStep).
  void SetLabel(int t, const sim::Action& label, bool labelled);
  const sim::Env& Env() const { return *env_; }
  const std::string& Source() const { return source_; }

 private:
  std::unique_ptr<sim::Env> env_;
  int index_ = -1;
  uint64_t seed_ = 0;
  std::string source_;
  Eigen::MatrixXf actions_;  // (2, T)
  Eigen::MatrixXf labels_;   // (2, T)
  std::vector<uint8_t> labelled_;  // (T) or empty (all labelled)
  int step_ = 0;
};

}  // namespace app
