#pragma once
// The episode being driven in the window, step by step: the app ticks the Env itself (so it can draw every physics
// tick), so it cannot use the batch rollout loop; this collects the same fields and hands a finished
// learning::data::Episode to the dataset.
#include <map>
#include <string>
#include <vector>

#include "learning/data/episode.h"
#include "sim/action.h"
#include "sim/observation.h"
#include "sim/step_result.h"

namespace app {

class EpisodeBuffer {
 public:
  void Clear();
  int Length() const { return static_cast<int>(actions_.size()); }
  bool StepOpen() const { return rewards_.size() < actions_.size(); }
  // A control step begins: the observation the driver saw, what the car executed and the label (`labelled` false:
  // no real label at this step, learning::data::Episode::labelled).
  void BeginStep(const sim::Observation& observation, const sim::Action& executed, const sim::Action& label,
                 bool labelled = true);
  // The control step ended with this reward and the observation that follows it; `done` on the episode's last
  // step, `terminated` when the env ended it there (the rest are time limits). Keeps the episode's ending.
  void EndStep(float reward, bool done, const sim::Observation& next, bool terminated);
  // The finished episode (every step must have ended).
  learning::data::Episode ToEpisode(uint64_t seed, const std::string& source, const std::string& scenario,
                                    const sim::EpisodeMetrics& metrics) const;

 private:
  std::map<std::string, std::vector<float>> obs_;  // key → T·dim values, step-major
  std::map<std::string, int> dims_;
  std::vector<sim::Action> actions_;
  std::vector<sim::Action> labels_;
  std::vector<uint8_t> labelled_;
  std::vector<float> rewards_;
  std::vector<uint8_t> dones_;
  learning::data::EpisodeEnding ending_;  // after the latest ended step
};

}  // namespace app
