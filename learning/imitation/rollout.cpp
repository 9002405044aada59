#include "learning/imitation/rollout.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <vector>

#include "core/error.h"
#include "core/rng.h"

namespace learning::imitation {

namespace {

// Per-step values appended column by column; (dim × T) column-major is exactly the append order.
struct EpisodeBuffer {
  std::vector<std::pair<std::string, std::vector<float>>> obs;  // in the env's layout order
  std::vector<int> dims;
  std::vector<float> actions, labels, rewards;
  std::vector<uint8_t> dones;
  std::optional<data::EpisodeEnding> ending;

  explicit EpisodeBuffer(const sim::Env& env) {
    for (const auto& [key, names] : env.ObservationLayout()) {
      obs.emplace_back(key, std::vector<float>());
      dims.push_back(static_cast<int>(names.size()));
    }
  }

  void Add(const sim::Observation& observation, const sim::DriverDecision& decision, const sim::StepResult& result) {
    for (size_t k = 0; k < obs.size(); ++k) {
      const std::span<const float> values = observation.Get(obs[k].first);
      ILD_CHECK(static_cast<int>(values.size()) == dims[k], "observation width matches the env's layout");
      obs[k].second.insert(obs[k].second.end(), values.begin(), values.end());
    }
    actions.insert(actions.end(), {decision.executed.steer, decision.executed.accel});
    labels.insert(labels.end(), {decision.label.steer, decision.label.accel});
    rewards.push_back(result.reward);
    dones.push_back(result.terminated || result.truncated ? 1 : 0);
  }

  static Eigen::MatrixXf ToMatrix(const std::vector<float>& values, int rows) {
    return Eigen::Map<const Eigen::MatrixXf>(values.data(), rows, static_cast<Eigen::Index>(values.size()) / rows);
  }

  // The observation the env returned after the last step, and whether that step terminated the episode.
  void End(const sim::Observation& observation, bool terminated) {
    ending = data::EpisodeEnding{};
    ending->terminated = terminated;
    for (size_t k = 0; k < obs.size(); ++k) {
      const std::span<const float> values = observation.Get(obs[k].first);
      ending->obs[obs[k].first] =
          Eigen::Map<const Eigen::VectorXf>(values.data(), static_cast<Eigen::Index>(values.size()));
    }
  }

  void MoveInto(data::Episode& episode) {
    episode.obs.clear();
    for (size_t k = 0; k < obs.size(); ++k) episode.obs[obs[k].first] = ToMatrix(obs[k].second, dims[k]);
    episode.actions = ToMatrix(actions, data::kActionDim);
    episode.labels = ToMatrix(labels, data::kActionDim);
    episode.rewards = Eigen::Map<const Eigen::VectorXf>(rewards.data(), static_cast<Eigen::Index>(rewards.size()));
    episode.dones = std::move(dones);
    episode.ending = std::move(ending);
  }
};

}  // namespace

void RecordOutcome(const sim::EpisodeMetrics& metrics, data::Episode& episode) {
  episode.success = metrics.success;
  episode.collision = metrics.collision;
  episode.metrics = {{"off_road", metrics.offRoad ? 1.0 : 0.0},
                     {"progress", metrics.progress},
                     {"mean_speed", metrics.meanSpeed},
                     {"time_stopped", metrics.timeStopped},
                     {"duration", metrics.duration}};
  for (const auto& [name, value] : metrics.extra) episode.metrics[name] = value;
}

EpisodeResult RunEpisode(sim::Env& env, sim::Driver& driver, uint64_t seed, const RolloutOptions& options,
                         data::Episode* record) {
  sim::Observation observation = env.Reset(seed);
  driver.Reset(seed);
  std::optional<EpisodeBuffer> buffer;
  if (record) buffer.emplace(env);

  EpisodeResult result;
  result.seed = seed;
  bool done = false, terminated = false;
  while (!done) {
    const sim::DriverDecision decision = driver.Decide(env, observation);
    sim::StepResult step = env.Step(decision.executed);
    result.totalReward += step.reward;
    done = step.terminated || step.truncated || (options.maxSteps > 0 && result.length + 1 >= options.maxSteps);
    if (done) step.truncated = step.truncated || !step.terminated;  // a maxSteps stop is a truncation
    if (buffer) buffer->Add(observation, decision, step);
    if (options.onStep) options.onStep(RolloutStep{result.length, observation, decision, step});
    ++result.length;
    terminated = step.terminated;
    observation = std::move(step.observation);
  }
  result.metrics = env.Metrics();

  if (record) {
    buffer->End(observation, terminated);
    buffer->MoveInto(*record);
    record->seed = seed;
    record->source = options.source.empty() ? driver.Source() : options.source;
    record->scenario = env.ScenarioName();
    RecordOutcome(result.metrics, *record);
  }
  return result;
}

data::EnvArgs EnvArgsFor(const sim::Env& env) {
  data::EnvArgs args;
  args.scenario = env.ScenarioName();
  args.controlRate = 1.0 / env.ControlDt();
  args.actionMode = sim::ActionModeName(env.Mode());
  args.actionNames = env.Mode() == sim::ActionMode::kDirect ? std::vector<std::string>{"steer", "accel"}
                                                            : std::vector<std::string>{"target_lateral", "target_speed"};
  for (const auto& [key, names] : env.ObservationLayout()) args.obsLayout[key] = names;
  // Compact and key-ordered, so the same parameters always give the same text (datasets compare env args).
  args.scenarioDef = nlohmann::ordered_json::parse(env.GetScenario().DefJson()).dump();
  return args;
}

uint64_t EpisodeSeed(uint64_t baseSeed, int index) {
  return core::Rng(baseSeed).Derive(static_cast<uint64_t>(index)).NextU64();
}

}  // namespace learning::imitation
