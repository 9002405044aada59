#include "learning/imitation/keyboard_labeller.h"

#include <memory>

namespace learning::imitation {

LabellerStep KeyboardLabeller::Observe(const sim::Env& env, const sim::Observation& obs) {
  // Targets mode has no applied command to see (the controller tracks the targets): the person compares with
  // their own targets, as when driving.
  if (env.Mode() != sim::ActionMode::kDirect || !obs.Has("controls")) {
    const sim::DriverDecision own = person_.Decide(env, obs);
    return {own.label, person_.Acted()};
  }
  const auto controls = obs.Get("controls");
  const sim::DriverDecision d = person_.Watch(env, obs, {controls[0], controls[1]});
  return {d.label, person_.Acted()};
}

LabellerFactory KeyboardLabellers(const KeyboardDef& def) {
  ValidateKeyboardDef(def);
  return [def](const sim::Env&) -> std::unique_ptr<Labeller> { return std::make_unique<KeyboardLabeller>(def); };
}

}  // namespace learning::imitation
