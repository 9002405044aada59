#pragma once
// The simulated keyboard driver (keyboard_driver.h) as DAgger's labeller (dagger_labeller.h): a person at the keys
// watching the learner drive. At every step they compare what they want (the keyboard driver's intention) with
// what the car does — its applied controls (observation `controls`), which is all a person sees of the command —
// and press keys where the two differ, nothing where the car does what they want. The label is what their keys
// make through the app's ramps; they acted where a key was held or released within the step. When they have the
// wheel (a takeover, the β share) they drive with the same keys, compared with their own command.
#include <cstdint>

#include "learning/imitation/dagger_labeller.h"
#include "learning/imitation/keyboard_driver.h"

namespace learning::imitation {

class KeyboardLabeller : public Labeller {
 public:
  explicit KeyboardLabeller(const KeyboardDef& def = {}) : person_(def) {}
  void Reset(uint64_t seed) override { person_.Reset(seed); }
  LabellerStep Observe(const sim::Env& env, const sim::Observation& obs) override;

 private:
  KeyboardDriver person_;
};

LabellerFactory KeyboardLabellers(const KeyboardDef& def = {});

}  // namespace learning::imitation
