#pragma once
// "What the policy believes": for the state the loaded policy last decided on, its action distribution in the
// steer × accel plane — N samples for every head, the density (gaussian, gmm), the per-dimension probabilities
// (bins; ar_bins: accel given the most likely steer bin), and the paths from noise to action (flow matching,
// denoising heads). Recomputed when the policy's input changes (each control step, live or stepping while
// paused), from the policy's read-only Explain; never changes the drive.
#include <Eigen/Core>
#include <optional>

#include "learning/policies/action_belief.h"

namespace learning::imitation {
class PolicyDriver;
}

namespace app {

class BeliefPanel {
 public:
  static constexpr int kSamples = 128;
  // Draws the window (open: the window's close box). Without a policy or before its first decision it says so.
  void Draw(learning::imitation::PolicyDriver* driver, bool* open);
  // The belief shown (empty before the first decision), for tests.
  const std::optional<learning::policies::ActionBelief>& Shown() const { return belief_; }

 private:
  void Update(learning::imitation::PolicyDriver& driver);

  std::optional<learning::policies::ActionBelief> belief_;
  Eigen::VectorXf explainedInput_;  // the input belief_ describes
  const void* explainedPolicy_ = nullptr;
};

}  // namespace app
