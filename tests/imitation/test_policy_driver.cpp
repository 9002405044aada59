// PolicyDriver: history padding like training, chunk execution, reproducible sampling, overlay draws that leave
// the drive alone, and a clear refusal of an environment with another observation layout.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "core/error.h"
#include "learning/imitation/policy_driver.h"
#include "learning/policies/policy_registry.h"

using namespace learning;
using namespace learning::imitation;

namespace {

std::shared_ptr<const policies::Policy> MakeShared(const sim::Env& env, policies::PolicyConfig config) {
  return std::make_shared<const policies::Policy>(config, ObsDimsOf(env));
}

policies::PolicyConfig Config(int history, int chunk, int execute) {
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.encoder = history > 1 ? policies::EncoderKind::kStack : policies::EncoderKind::kMlp;
  config.obsKeys = {"ego", "lane"};
  config.history = history;
  config.chunk = chunk;
  config.execute = execute;
  config.width = 16;
  config.seed = 9;
  return config;
}

// The policy's frame of an observation: its keys' values in order.
Eigen::VectorXf Frame(const policies::Policy& policy, const sim::Observation& obs) {
  Eigen::VectorXf frame(policy.FrameDim());
  Eigen::Index row = 0;
  for (const std::string& key : policy.Layout().keys)
    for (float v : obs.Get(key)) frame(row++) = v;
  return frame;
}

}  // namespace

TEST_CASE("policy driver: history is padded with the first frame, then slides") {
  sim::Env env = sim::MakeEnv("highway");
  const auto policy = MakeShared(env, Config(3, 1, 1));
  PolicyDriver driver(policy, env);
  CHECK(driver.Source() == "policy");
  sim::Observation obs = env.Reset(21);
  driver.Reset(21);
  std::vector<Eigen::VectorXf> frames;
  const int d = policy->FrameDim();
  for (int t = 0; t < 5; ++t) {
    frames.push_back(Frame(*policy, obs));
    const sim::DriverDecision decision = driver.Decide(env, obs);
    const Eigen::VectorXf& input = driver.LastInput();
    REQUIRE(input.size() == 3 * d);
    for (int k = 0; k < 3; ++k) {  // frame k of the input is step t − 2 + k, clamped at the episode's start
      const int source = std::max(0, t - 2 + k);
      CHECK((input.segment(k * d, d).array() == frames[static_cast<size_t>(source)].array()).all());
    }
    CHECK(decision.executed.steer == decision.label.steer);
    obs = env.Step(decision.executed).observation;
  }
}

TEST_CASE("policy driver: executes h actions of each H-chunk, then re-plans") {
  sim::Env env = sim::MakeEnv("highway");
  policies::PolicyConfig config = Config(1, 4, 2);
  config.decode = policies::DecodeKind::kMean;
  const auto policy = MakeShared(env, config);
  PolicyDriver driver(policy, env);
  sim::Observation obs = env.Reset(5);
  driver.Reset(5);
  Eigen::VectorXf chunk;
  for (int t = 0; t < 6; ++t) {
    const sim::DriverDecision decision = driver.Decide(env, obs);
    REQUIRE(driver.LastChunk().size() == 8);
    if (t % 2 == 0) {
      CHECK(driver.StepsIntoChunk() == 1);
      chunk = driver.LastChunk();
    } else {
      CHECK(driver.StepsIntoChunk() == 2);
      CHECK((driver.LastChunk().array() == chunk.array()).all());  // no new plan mid-chunk
    }
    const int i = t % 2;
    CHECK(decision.executed.steer == chunk(2 * i));
    CHECK(decision.executed.accel == chunk(2 * i + 1));
    obs = env.Step(decision.executed).observation;
  }
}

TEST_CASE("policy driver: sampling is reproducible per seed and overlays do not disturb it") {
  sim::Env env = sim::MakeEnv("highway");
  policies::PolicyConfig config = Config(2, 1, 1);
  config.temperature = 1.0;
  const auto policy = MakeShared(env, config);
  auto drive = [&](bool overlays) {
    PolicyDriver driver(policy, env);
    sim::Observation obs = env.Reset(8);
    driver.Reset(8);
    std::vector<float> actions;
    for (int t = 0; t < 20; ++t) {
      const sim::DriverDecision decision = driver.Decide(env, obs);
      if (overlays) {
        const Eigen::MatrixXf fan = driver.SampleActions(8);
        CHECK(fan.rows() == 2);
        CHECK(fan.cols() == 8);
      }
      actions.push_back(decision.executed.steer);
      actions.push_back(decision.executed.accel);
      obs = env.Step(decision.executed).observation;
    }
    return actions;
  };
  const std::vector<float> plain = drive(false);
  CHECK(drive(false) == plain);
  CHECK(drive(true) == plain);
}

TEST_CASE("policy driver: refuses an environment with another observation layout") {
  sim::Env env = sim::MakeEnv("highway");
  // Trained where "ego" had 3 entries (highway gives 6).
  auto narrow = std::make_shared<const policies::Policy>(Config(1, 1, 1), policies::ObsDims{{"ego", 3}, {"lane", 5}});
  CHECK_THROWS_WITH_AS(PolicyDriver(narrow, env), doctest::Contains("\"ego\""), core::Error);
  // Trained on a key this scenario does not provide.
  policies::PolicyConfig config = Config(1, 1, 1);
  config.obsKeys = {"ego", "goal"};
  auto goal = std::make_shared<const policies::Policy>(config, policies::ObsDims{{"ego", 6}, {"goal", 3}});
  CHECK_THROWS_WITH_AS(PolicyDriver(goal, env), doctest::Contains("goal"), core::Error);
}
