#pragma once
// A scripted stand-in for human demonstrations, which are not Markovian in the observation: the scenario's
// expert seen through a reaction delay (its command reaches the car `delay` seconds late, the delay drawn per
// episode), occasional hesitations (the last command is held for a while instead of following the expert) and
// pauses (the accelerator is released — accel 0, steering held — for a while). What the "human" does is also
// the label, as in a recorded human demonstration: the clone has to imitate the delays and holds too, and
// predicting them from the current frame alone is impossible (they depend on when the hold began). The chunking
// lesson compares action chunking on these demonstrations and on the Markovian expert's.
//
// Randomness: one core::Rng per driver, reseeded from the episode seed on Reset, so an episode is reproducible.
#include <cstdint>
#include <deque>

#include "core/rng.h"
#include "sim/driver.h"

namespace learning::imitation {

struct HumanLikeDef {
  double delayMin = 0.2;       // [s] reaction delay, uniform per episode (rounded to control steps)
  double delayMax = 0.4;       // [s]
  double hesitationRate = 0.15;  // [1/s] Poisson rate at which a hesitation (hold the last command) starts
  double hesitationMin = 0.3;  // [s] its duration, uniform
  double hesitationMax = 0.8;  // [s]
  double pauseRate = 0.05;     // [1/s] Poisson rate at which a pause (release the accelerator) starts
  double pauseMin = 0.5;       // [s] its duration, uniform
  double pauseMax = 1.5;       // [s]
};

// core::Error naming the field for negative values or min > max.
void ValidateHumanLikeDef(const HumanLikeDef& def);

class HumanLikeExpertDriver : public sim::Driver {
 public:
  explicit HumanLikeExpertDriver(const HumanLikeDef& def = {});

  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "human"; }

  int DelaySteps() const { return delaySteps_; }  // this episode's reaction delay (control steps; set on Decide)
  bool Hesitating() const { return holdLeft_ > 0.0; }
  bool Pausing() const { return pauseLeft_ > 0.0; }

 private:
  HumanLikeDef def_;
  core::Rng rng_;
  double delay_ = 0.0;        // [s] this episode's reaction delay
  int delaySteps_ = -1;       // set from the env's control period at the first decision
  std::deque<sim::Action> pending_;  // expert commands not yet executed, oldest first
  sim::Action last_{};        // the previous executed command
  bool started_ = false;
  double holdLeft_ = 0.0;     // [s] remaining hesitation
  double pauseLeft_ = 0.0;    // [s] remaining pause
};

}  // namespace learning::imitation
