#include "python/src/gym_env.h"

#include <cmath>
#include <stdexcept>

#include "learning/data/episode.h"
#include "learning/imitation/rollout.h"

namespace ildrive_py {

uint64_t SequenceSeed(uint64_t base, long episode) {
  return episode == 0 ? base : learning::imitation::EpisodeSeed(base, static_cast<int>(episode));
}

void CheckAction(const sim::Action& action, const char* where, int row) {
  if (!std::isfinite(action.steer) || !std::isfinite(action.accel))
    throw std::invalid_argument(std::string(where) + (row >= 0 ? " row " + std::to_string(row) : "") + ": action (" + std::to_string(action.steer) + ", " +
                                std::to_string(action.accel) + ") is not finite; expected two numbers in [-1, 1]");
}

GymEnv::GymEnv(sim::Env env) : env_(std::move(env)) {
  for (const auto& [key, names] : env_.ObservationLayout()) layout_.emplace_back(key, static_cast<int>(names.size()));
}

const sim::Observation& GymEnv::Reset(std::optional<uint64_t> seed) {
  if (closed_) throw std::logic_error("reset() after close()");
  if (seed) {
    baseSeed_ = *seed;
    episodeIndex_ = 0;
  } else {
    ++episodeIndex_;
  }
  episodeSeed_ = SequenceSeed(baseSeed_, episodeIndex_);
  env_.Reset(episodeSeed_);
  over_ = false;
  return env_.LastObservation();
}

const sim::StepResult& GymEnv::Step(const sim::Action& action) {
  if (closed_) throw std::logic_error("step() after close()");
  if (episodeIndex_ < 0) throw std::logic_error("step() before reset(): call reset() first");
  if (over_) throw std::logic_error("step() after the episode ended (terminated or truncated): call reset() first");
  CheckAction(action, "step()");
  last_ = env_.Step(action);
  over_ = last_.terminated || last_.truncated;
  return last_;
}

std::vector<std::pair<std::string, double>> GymEnv::NamedMetrics() const {
  learning::data::Episode outcome;
  learning::imitation::RecordOutcome(env_.Metrics(), outcome);
  std::vector<std::pair<std::string, double>> named{{"success", outcome.success ? 1.0 : 0.0},
                                                    {"collision", outcome.collision ? 1.0 : 0.0}};
  for (const auto& [name, value] : outcome.metrics) named.emplace_back(name, value);
  return named;
}

}  // namespace ildrive_py
