#pragma once
// Who labels the states DAgger's rollouts visit (dagger.h). By default the scripted expert labels every step. A
// Labeller stands in for a person watching the learner drive: at every control step of a rollout, whoever drives,
// it says what it would do there and whether it acted. A person at the keys who approves the learner presses
// nothing, and "steer 0, accel 0" is not what they meant: such steps are recorded unlabelled (data::Episode::
// labelled = 0) and left out of training, as the app does with corrections on.
//   label         the labeller's action at the step (stored in `labels` whether or not it acted)
//   acted         it gave a label: a key held or released within the step, the stick moved
//   takeover      what it drives when it has the wheel (HG-DAgger's takeovers, the β share of the mixture):
//                 the same action; takeover steps are always labelled (the person is driving)
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/action.h"
#include "sim/env.h"
#include "sim/observation.h"

namespace learning::imitation {

struct LabellerStep {
  sim::Action action;  // the label, and what the labeller drives when it has the wheel
  bool acted = true;   // false: no label at this step
};

class Labeller {
 public:
  virtual ~Labeller() = default;
  // At the start of every rollout episode, with its seed (a labeller's own randomness derives from it).
  virtual void Reset(uint64_t seed) = 0;
  // Once per control step, in order, whoever drives: so a labeller with state (reaction delays, key ramps) sees
  // the whole drive.
  virtual LabellerStep Observe(const sim::Env& env, const sim::Observation& obs) = 0;
};

// Built once per rollout worker, like the drivers.
using LabellerFactory = std::function<std::unique_ptr<Labeller>(const sim::Env&)>;

// The scripted expert (Env::ExpertAction): acts at every step.
class ExpertLabeller : public Labeller {
 public:
  void Reset(uint64_t /*seed*/) override {}
  LabellerStep Observe(const sim::Env& env, const sim::Observation& /*obs*/) override {
    return {env.ExpertAction(), true};
  }
};

// Which of a labeller's steps DAgger keeps as labels.
enum class LabelSteps {
  kWhereActed,  // only the steps where it acted (unlabelled elsewhere): what a person can honestly give
  kEvery,       // every step, acted or not: the app before the per-step mask, where approving wrote "0, 0"
};
// "where-acted" | "every"; core::Error otherwise.
LabelSteps ParseLabelSteps(const std::string& name);
const char* LabelStepsName(LabelSteps steps);

}  // namespace learning::imitation
