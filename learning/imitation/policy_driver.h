#pragma once
// A trained policy driving the car (a sim::Driver). Each control step it appends the observation's frame (the
// policy's keys in its order) to a history of n frames — padded at the episode's start by repeating the first
// frame, exactly as training gathers features — and, when the chunk executor needs a plan, samples a chunk of
// H actions from the policy and executes them h at a time. The executed action is also the label.
//
// Randomness: the driver's own Rng is reseeded from the episode seed on Reset, so an episode is reproducible;
// GUI overlays (SampleActions) draw from a separate stream, so looking at them never changes the drive.
// Each driver owns its acting tape: several drivers may share one policy across threads.
#include <Eigen/Core>
#include <deque>
#include <memory>

#include "core/rng.h"
#include "learning/nn/tape.h"
#include "learning/policies/chunk_executor.h"
#include "learning/policies/policy.h"
#include "sim/driver.h"

namespace learning::imitation {

// The observation layout an environment provides (key → entry count).
policies::ObsDims ObsDimsOf(const sim::Env& env);

class PolicyDriver : public sim::Driver {
 public:
  // Checks `env`'s observation layout against the policy: core::Error naming the first missing key or
  // differing entry count. Temperature and decode start at the policy's configuration.
  PolicyDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env);

  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "policy"; }
  // Adds the observation to the history without deciding: a driver starting mid-episode (the app's closed-loop
  // previews) first sees the steps before the one it acts from.
  void Observe(const sim::Observation& obs) { PushFrame(obs); }

  void SetTemperature(double temperature);  // ≥ 0
  double Temperature() const { return temperature_; }
  void SetMeanDecode(bool mean) { meanDecode_ = mean; }
  bool MeanDecode() const { return meanDecode_; }

  const policies::Policy& GetPolicy() const { return *policy_; }
  // The policy input of the latest decision: (InputDim, 1), frames oldest → newest. Empty before the first.
  const Eigen::VectorXf& LastInput() const { return input_; }
  // The latest sampled chunk (2·H: (steer, accel) pairs in time order); empty before the first plan.
  const Eigen::VectorXf& LastChunk() const { return lastChunk_; }
  // Steps of the latest chunk already executed (0 … h).
  int StepsIntoChunk() const { return stepsIntoChunk_; }
  // `count` chunks sampled for the latest input at the current temperature: (2·H, count), for overlays.
  // Uses the overlay stream only. Empty before the first decision.
  Eigen::MatrixXf SampleActions(int count);

 private:
  void PushFrame(const sim::Observation& obs);

  std::shared_ptr<const policies::Policy> policy_;
  policies::ChunkExecutor executor_;
  nn::Tape<float> tape_;
  core::Rng rng_;
  core::Rng overlayRng_;
  double temperature_;
  bool meanDecode_;
  std::deque<Eigen::VectorXf> frames_;  // newest last, at most history
  Eigen::VectorXf frame_;               // scratch (FrameDim)
  Eigen::VectorXf input_;
  Eigen::VectorXf lastChunk_;
  int stepsIntoChunk_ = 0;
};

}  // namespace learning::imitation
