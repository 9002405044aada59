#include "app/gui/replayer.h"

#include <algorithm>

#include "core/error.h"
#include "sim/scenario_registry.h"

namespace app {

void Replayer::Open(const learning::data::Dataset& data, int index) {
  if (index < 0 || index >= static_cast<int>(data.episodes.size()))
    throw core::Error("replay: there is no episode " + std::to_string(index));
  const learning::data::Episode& episode = data.episodes[static_cast<size_t>(index)];
  // The recorded parameters when the dataset has them (a scenario file may differ from the defaults).
  std::unique_ptr<sim::Scenario> scenario =
      data.envArgs.scenarioDef.empty()
          ? sim::MakeScenario(episode.scenario)
          : sim::MakeScenarioFromJson(data.envArgs.scenarioDef, "the dataset's scenario parameters");
  env_ = std::make_unique<sim::Env>(std::move(scenario));
  index_ = index;
  seed_ = episode.seed;
  source_ = episode.source;
  actions_ = episode.actions;
  labels_ = episode.labels;
  labelled_ = episode.labelled;
  env_->Reset(seed_);
  step_ = 0;
}

void Replayer::SetLabel(int t, const sim::Action& label, bool labelled) {
  ILD_CHECK(IsOpen() && t >= 0 && t < Length(), "SetLabel on a step of the open replay");
  labels_(0, t) = label.steer;
  labels_(1, t) = label.accel;
  if (labelled_.empty() && !labelled) labelled_.assign(static_cast<size_t>(Length()), 1);
  if (!labelled_.empty()) labelled_[static_cast<size_t>(t)] = labelled ? 1 : 0;
}

void Replayer::Seek(int step) {
  ILD_CHECK(IsOpen(), "Seek on a closed replay");
  step = std::clamp(step, 0, Length());
  if (step < step_) {
    env_->Reset(seed_);
    step_ = 0;
  }
  for (; step_ < step && !env_->Done(); ++step_) env_->Step(Executed(step_));
}

}  // namespace app
