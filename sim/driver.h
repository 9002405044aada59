#pragma once
// Who drives. A Driver decides an action each control step: `executed` is what the car does, `label` is what the
// labeler says should have been done (recorded for imitation). The scripted expert's executed == label; the noisy
// expert executes expert + temporally correlated noise while the label stays the clean expert action, so
// demonstrations contain mistakes together with their corrections.
#include <cstdint>
#include <string>

#include "core/rng.h"
#include "sim/action.h"
#include "sim/env.h"
#include "sim/observation.h"

namespace sim {

struct DriverDecision {
  Action executed;
  Action label;
};

class Driver {
 public:
  virtual ~Driver() = default;
  virtual void Reset(uint64_t /*seed*/) {}
  virtual DriverDecision Decide(const Env& env, const Observation& obs) = 0;
  virtual std::string Source() const = 0;  // "expert", "human", "policy", "dagger"
};

// The scenario's scripted expert (Env::ExpertAction).
class ExpertDriver : public Driver {
 public:
  DriverDecision Decide(const Env& env, const Observation& obs) override;
  std::string Source() const override { return "expert"; }
};

// Ornstein-Uhlenbeck noise on each action dimension, dx = -theta x dt + sigma sqrt(2 theta) dW (stationary standard
// deviation sigma on accel and sigma × steerScale on steer), added to the expert's action while injection is on. Injection is on for an episode with
// probability episodeProbability, and within such an episode for each segment of segmentDuration seconds with
// probability segmentProbability.
struct NoisyExpertDef {
  double sigma = 0.3;               // [-] stationary std of the accel noise, in action units
  double steerScale = 0.3;          // [-] steer noise std = sigma × steerScale (steering errors compound into
                                    //     lateral drift; measured on highway, 30 episodes: 0.3 → 100% success,
                                    //     0.6 → 73%, 1.0 → 50%)
  double theta = 1.5;               // [1/s] mean reversion rate (correlation time 1/theta)
  double episodeProbability = 1.0;  // [-]
  double segmentProbability = 1.0;  // [-]
  double segmentDuration = 2.0;     // [s]

  template <class V>
  void Visit(V& v) {
    v("sigma", sigma, 0.0, 2.0);
    v("steerScale", steerScale, 0.0, 10.0);
    v("theta", theta, 0.01, 100.0);
    v("episodeProbability", episodeProbability, 0.0, 1.0);
    v("segmentProbability", segmentProbability, 0.0, 1.0);
    v("segmentDuration", segmentDuration, 0.05, 3600.0);
  }
  bool operator==(const NoisyExpertDef&) const = default;
};

// The Ornstein-Uhlenbeck process of NoisyExpertDef (sigma, steerScale, theta), one state per action entry. The
// noisy expert adds it to its action; a lesson adds it to a policy's executed command to disturb the car.
class OuActionNoise {
 public:
  void Reset() { state_[0] = state_[1] = 0.0; }
  // One control step of length dt [s], drawing from `rng`.
  void Advance(const NoisyExpertDef& def, double dt, core::Rng& rng);
  // `action` plus the current noise, clamped to [-1, 1].
  Action AddTo(const Action& action) const;

 private:
  double state_[2] = {0.0, 0.0};  // steer, accel
};

class NoisyExpertDriver : public Driver {
 public:
  explicit NoisyExpertDriver(const NoisyExpertDef& def = {});
  void Reset(uint64_t seed) override;
  DriverDecision Decide(const Env& env, const Observation& obs) override;
  std::string Source() const override { return "expert"; }
  bool Injecting() const { return episodeOn_ && segmentOn_; }

 private:
  NoisyExpertDef def_;
  core::Rng rng_;
  OuActionNoise noise_;
  bool episodeOn_ = true;
  bool segmentOn_ = true;
  double segmentLeft_ = 0.0;  // [s]
};

}  // namespace sim
