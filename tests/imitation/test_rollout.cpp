// The episode loop: what it records (and that it is aligned: the recorded observation is the one the recorded
// action was decided on), determinism per seed, labels vs executed actions, callbacks and step limits.
#include "learning/imitation/rollout.h"

#include <doctest/doctest.h>

#include <cmath>

#include "sim/scenario_registry.h"
#include "tests/data/make_test_dataset.h"

namespace learning::imitation {
namespace {

// Drives a recorded episode's executed actions again, step by step.
class ReplayDriver : public sim::Driver {
 public:
  explicit ReplayDriver(const Eigen::MatrixXf& actions) : actions_(actions) {}
  sim::DriverDecision Decide(const sim::Env& /*env*/, const sim::Observation& /*obs*/) override {
    const sim::Action action{actions_(0, step_), actions_(1, step_)};
    ++step_;
    return {action, action};
  }
  std::string Source() const override { return "replay"; }

 private:
  Eigen::MatrixXf actions_;
  int step_ = 0;
};

TEST_CASE("every registered scenario records a complete, valid episode with its expert") {
  for (const sim::ScenarioInfo& info : sim::Scenarios()) {
    CAPTURE(info.name);
    sim::Env env(sim::MakeScenario(info.name));
    sim::ExpertDriver expert;
    data::Episode episode;
    const EpisodeResult result = RunEpisode(env, expert, 12345, {}, &episode);
    const data::EnvArgs args = EnvArgsFor(env);
    data::ValidateEpisode(episode, args.ObsDims(), info.name);
    CHECK(episode.Length() == result.length);
    CHECK(result.length > 0);
    CHECK(episode.obs.size() == env.ObservationLayout().size());
    CHECK(episode.dones.back() == 1);
    CHECK(std::count(episode.dones.begin(), episode.dones.end(), 1) == 1);
    CHECK(episode.actions == episode.labels);  // the expert executes its own label
    CHECK(episode.source == "expert");
    CHECK(episode.scenario == info.name);
    CHECK(episode.seed == 12345u);
    CHECK(episode.success == result.metrics.success);
    CHECK(episode.metrics.at("progress") == result.metrics.progress);
    CHECK(std::abs(episode.rewards.sum() - result.totalReward) < 1e-3 * (1.0 + std::abs(result.totalReward)));
    CHECK(args.controlRate == doctest::Approx(1.0 / env.ControlDt()));
    CHECK(args.actionMode == info.defaultMode);
  }
}

TEST_CASE("the same seed records the same episode, another seed another") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  data::Episode first, again, other;
  RunEpisode(env, expert, 7, {}, &first);
  RunEpisode(env, expert, 7, {}, &again);
  RunEpisode(env, expert, 8, {}, &other);
  CHECK(data::testing::SameEpisode(first, again));
  CHECK_FALSE(data::testing::SameEpisode(first, other));
}

TEST_CASE("replaying the recorded actions reproduces the recorded observations") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::NoisyExpertDriver noisy;
  data::Episode recorded;
  RolloutOptions options;
  options.source = "noisy-expert";
  RunEpisode(env, noisy, 99, options, &recorded);
  ReplayDriver replay(recorded.actions);
  data::Episode replayed;
  const EpisodeResult result = RunEpisode(env, replay, 99, {}, &replayed);
  REQUIRE(result.length == recorded.Length());
  for (const auto& [key, values] : recorded.obs) {
    CAPTURE(key);
    CHECK(replayed.obs.at(key) == values);
  }
  CHECK(replayed.rewards == recorded.rewards);
}

TEST_CASE("the noisy expert executes noisy actions but records clean labels, under the source asked for") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::NoisyExpertDriver noisy;
  data::Episode episode;
  RolloutOptions options;
  options.source = "noisy-expert";
  RunEpisode(env, noisy, 5, options, &episode);
  CHECK(episode.source == "noisy-expert");
  float largestDifference = 0.f, largestAction = 0.f;
  for (Eigen::Index i = 0; i < episode.actions.size(); ++i) {
    largestDifference = std::max(largestDifference, std::abs(episode.actions(i) - episode.labels(i)));
    largestAction = std::max(largestAction, std::abs(episode.actions(i)));
  }
  CHECK(largestDifference > 0.05f);
  CHECK(largestAction <= 1.f);
}

TEST_CASE("the step callback sees every step in order, and maxSteps truncates the episode") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  data::Episode episode;
  std::vector<int> steps;
  std::vector<float> speeds;
  RolloutOptions options;
  options.maxSteps = 25;
  options.onStep = [&](const RolloutStep& step) {
    steps.push_back(step.step);
    speeds.push_back(step.observation.Get("ego")[0]);
    CHECK(step.decision.executed.steer == step.decision.label.steer);
  };
  const EpisodeResult result = RunEpisode(env, expert, 3, options, &episode);
  CHECK(result.length == 25);
  REQUIRE(steps.size() == 25);
  for (int i = 0; i < 25; ++i) CHECK(steps[static_cast<size_t>(i)] == i);
  const Eigen::MatrixXf& ego = episode.obs.at("ego");
  for (int i = 0; i < 25; ++i) CHECK(speeds[static_cast<size_t>(i)] == ego(0, i));
  CHECK(episode.dones.back() == 1);
  CHECK(RunEpisode(env, expert, 3, {}, nullptr).length > 25);  // without a limit it runs on (and records nothing)
}

}  // namespace
}  // namespace learning::imitation
