#pragma once
// Action chunking (Zhao et al. 2023, ACT): the policy predicts H future actions at once; the executor plays the
// first h of them, one per control step, then asks for a new chunk (h ≤ H). With temporal ensembling a chunk is
// predicted at every step and the action for step t averages every stored chunk's prediction for t with
// weights exp(−m·i), i = 0 for the oldest prediction (ACT's m; small m ≈ a plain average). The PolicyDriver
// owns one executor per episode: while NeedsPlan(), Push(policy.Act(obs)); then Next().
#include <Eigen/Core>
#include <deque>

namespace learning::policies {

class ChunkExecutor {
 public:
  // chunk H ≥ 1 actions per prediction, execute 1 ≤ h ≤ H (ignored when ensembling), decay m ≥ 0.
  ChunkExecutor(int chunk, int execute, bool temporalEnsemble, double ensembleDecay);

  // Forgets every stored chunk (start of an episode).
  void Reset();
  // True when a new chunk must be pushed before the next action.
  bool NeedsPlan() const;
  // The newest prediction (2·H): actions t … t+H−1 as (steer, accel) pairs. core::Error on a wrong size.
  void Push(const Eigen::VectorXf& chunk);
  // The action for the current step; advances one step. Requires !NeedsPlan().
  Eigen::Vector2f Next();

  int Chunk() const { return chunk_; }
  int Execute() const { return execute_; }
  bool Ensembling() const { return ensemble_; }

 private:
  struct Stored {
    Eigen::VectorXf actions;  // (2·H)
    int age = 0;              // steps since it was predicted
  };
  int chunk_;
  int execute_;
  bool ensemble_;
  double decay_;
  std::deque<Stored> chunks_;  // oldest first
  bool planned_ = false;       // a chunk was pushed for the current step (ensembling)
};

}  // namespace learning::policies
