#pragma once
// A simulated person at the keyboard: the human-like driver's intended action (the scenario's expert through a
// reaction delay drawn per episode, with hesitations and pauses; human_like_driver.h) turned into digital key
// presses — left/right, throttle/brake, Space for a full brake — which reach the car through exactly the app's key
// ramps (sim/human_driver.h). A person taps: a key goes down when the intention is more than `pressThreshold`
// away from what the car is doing and comes up when the command has come within `releaseThreshold` of it
// (hysteresis); releasing is enough when the ramp's return toward 0 (direct mode) heads for the intention. Now and
// then a key comes up late (held `lateReleaseMin`..`lateReleaseMax` seconds too long). Space goes down when the
// intention brakes harder than `fullBrakeBelow`.
//
// Driving by itself the person compares the intention with their own ramped command, which is what the car does.
// Watching a policy drive (DAgger) they compare it with the command the car executed at the previous step
// (Watch): they press where the car does not do what they want and press nothing where it does, as a person
// approving the policy does; the ramps run from their own keys, as the app's do whoever drives.
// What the keys produce is executed and also the label, as in a person's recorded demonstration.
//
// Randomness: the intention's core::Rng (human_like_driver.h) and one of its own for late releases, both reseeded
// from the episode seed on Reset, so an episode is reproducible.
#include <cstdint>
#include <optional>
#include <string>

#include "core/rng.h"
#include "learning/imitation/human_like_driver.h"
#include "sim/driver.h"
#include "sim/human_driver.h"

namespace learning::imitation {

struct KeyboardDef {
  double pressThreshold = 0.2;     // [-] action units: press a key when intention − command exceeds this
  double releaseThreshold = 0.05;  // [-] release it once the command is within this of the intention (< press)
  double fullBrakeBelow = -0.8;    // [-] Space while the intended accel is below this (direct mode)
  double lateReleaseProbability = 0.1;  // [-] chance that a key comes up late when it should be released
  double lateReleaseMin = 0.05;    // [s] how much later, uniform: one to three control steps. Longer holds are
  double lateReleaseMax = 0.15;    //     no slip of the finger at highway speed: 0.1–0.4 s crashed 9 of 20 episodes
  HumanLikeDef intention;          // reaction delay, hesitations, pauses (validated by ValidateHumanLikeDef)
  sim::HumanDriverDef ramps;       // the app's key ramps; the defaults are the app's

  // The keyboard's own fields (sim/def_io.h convention: key, field, lo, hi); `record --keyboard-<field>`.
  template <class V>
  void Visit(V& v) {
    v("pressThreshold", pressThreshold, 0.01, 2.0);
    v("releaseThreshold", releaseThreshold, 0.0, 2.0);
    v("fullBrakeBelow", fullBrakeBelow, -1.0, 0.0);
    v("lateReleaseProbability", lateReleaseProbability, 0.0, 1.0);
    v("lateReleaseMin", lateReleaseMin, 0.0, 10.0);
    v("lateReleaseMax", lateReleaseMax, 0.0, 10.0);
  }
};

// core::Error naming the field: out of its range, releaseThreshold ≥ pressThreshold, lateReleaseMin >
// lateReleaseMax, or a bad intention (ValidateHumanLikeDef).
void ValidateKeyboardDef(const KeyboardDef& def);

// Whether any key of `keys` is down (its analogue stick is not a key).
bool AnyKeyDown(const sim::HumanInput& keys);

class KeyboardDriver : public sim::Driver {
 public:
  explicit KeyboardDriver(const KeyboardDef& def = {});

  void Reset(uint64_t seed) override;
  // Drives: keys from the intention and the driver's own ramped command.
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  // Watches the car execute `carCommand` (the previous step's executed command) and presses keys against it;
  // the decision is what the person's keys produce through the ramps.
  sim::DriverDecision Watch(const sim::Env& env, const sim::Observation& obs, const sim::Action& carCommand);
  std::string Source() const override { return "human"; }

  // The keys down at the last step, as the app would read them (no analogue stick).
  const sim::HumanInput& Keys() const { return keys_; }
  // Whether the person acted within the last step: a key held, or one released since the step before.
  bool Acted() const { return acted_; }
  // The intention of the last step (what the person wanted the car to do).
  const sim::Action& Intention() const { return intention_; }

 private:
  // One axis: the key toward +1 (left, throttle) and toward −1 (right, brake).
  struct Axis {
    bool up = false;
    bool down = false;
    double lateLeft = 0.0;  // [s] a late release under way: the key stays down this long
  };
  void UpdateAxis(Axis& axis, double intended, double command, bool returnsToZero, double dt);

  KeyboardDef def_;
  HumanLikeExpertDriver intentionDriver_;
  sim::HumanDriver ramps_;
  core::Rng rng_;
  Axis steer_, accel_;
  sim::HumanInput keys_;
  bool acted_ = false;
  bool started_ = false;  // the first decision of the episode was taken
  sim::Action intention_{};
};

}  // namespace learning::imitation
