#pragma once
// The Gymnasium conventions on top of sim::Env, shared by the Python Env and VectorEnv (no Python here).
//  * Seeds: Reset(s) plays episode seed s and starts a sequence; each later Reset without a seed plays
//    learning::imitation::EpisodeSeed(s, k) for k = 1, 2, … (the first Reset without any seed starts from 0).
//    So Reset(s) gives exactly sim::Env::Reset(s): the same trajectory as the C++ Env, bit for bit.
//  * Step refuses, naming what is wrong: a non-finite action (std::invalid_argument), a step before the first
//    Reset, after the episode ended (until Reset) and after Close (std::logic_error).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/env.h"

namespace ildrive_py {

// Key → entry count, in the env's observation order (the dataset layout).
using Layout = std::vector<std::pair<std::string, int>>;

class GymEnv {
 public:
  explicit GymEnv(sim::Env env);

  const sim::Observation& Reset(std::optional<uint64_t> seed);
  const sim::StepResult& Step(const sim::Action& action);
  void Close() { closed_ = true; }

  bool Closed() const { return closed_; }
  bool EpisodeOver() const { return over_; }
  uint64_t EpisodeSeed() const { return episodeSeed_; }
  const Layout& ObsLayout() const { return layout_; }
  sim::Env& Inner() { return env_; }
  const sim::Env& Inner() const { return env_; }

  // The finished (or current) episode's metrics by the names datasets use (learning::imitation::RecordOutcome):
  // success, collision, off_road, progress, mean_speed, time_stopped, duration, then the scenario's own.
  std::vector<std::pair<std::string, double>> NamedMetrics() const;

 private:
  sim::Env env_;
  Layout layout_;
  uint64_t baseSeed_ = 0;
  long episodeIndex_ = -1;  // -1: never reset
  uint64_t episodeSeed_ = 0;
  bool over_ = false;
  bool closed_ = false;
  sim::StepResult last_;
};

// The episode-sequence seed used by GymEnv (see above): episode 0 is `base` itself.
uint64_t SequenceSeed(uint64_t base, long episode);

// Throws std::invalid_argument unless both entries are finite; `where` (and "row N" when row >= 0) starts the
// message, which is built only then (VectorEnv checks every row of every step).
void CheckAction(const sim::Action& action, const char* where, int row = -1);

}  // namespace ildrive_py
