// `ildrive bench infer`: batch-1 action latency of every registered policy (default configuration, mlp encoder)
// and its training throughput, plus the stack and transformer encoders over 8 frames. The observation is the
// size of a highway frame (ego 5, lane 4, 6 vehicles × 5, 32 lidar rays = 71 entries). Each figure is the best
// of several interleaved rounds, so a busy machine affects all alike.
// Figures: <policy>.act_us, <policy>.train_samples_per_s, stack8.act_us, transformer8.act_us,
// transformer8.train_samples_per_s. Targets (task #4): every head < 1 ms per action, flow_matching (10 Euler
// steps) < 200 µs, transformer over 8 frames < 500 µs.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/cli/bench_command.h"
#include "app/cli/bench_timing.h"
#include "core/error.h"
#include "learning/nn/adam.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"

namespace app {

namespace {

namespace lp = learning::policies;
namespace nn = learning::nn;

constexpr int kRounds = 5;
constexpr int kActCallsPerRound = 200;
constexpr int kTrainStepsPerRound = 5;
constexpr int kTrainBatch = 256;
constexpr int kTransformerHistory = 8;

lp::ObsDims HighwayLikeDims() { return {{"ego", 5}, {"lane", 4}, {"vehicles", 30}, {"lidar", 32}}; }

Eigen::MatrixXf RandomNormal(int rows, int cols, core::Rng& rng) {
  Eigen::MatrixXf m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.Normal());
  return m;
}

// Adds <prefix>.act_us and, when `train`, <prefix>.train_samples_per_s for one configuration.
void Measure(const lp::PolicyConfig& config, const std::string& prefix, bool train, Figures& figures) {
  lp::Policy policy(config, HighwayLikeDims());
  core::Rng rng(1);
  const Eigen::MatrixXf obs = RandomNormal(policy.InputDim(), 1, rng);
  float sink = 0.f;
  const double act = BestSecondsPerCall(kRounds, kActCallsPerRound, [&] { sink += policy.Act(obs, rng)(0, 0); });
  figures.Add(prefix + ".act_us", act * 1e6);
  if (train) {
    const Eigen::MatrixXf batchObs = RandomNormal(policy.InputDim(), kTrainBatch, rng);
    const Eigen::MatrixXf batchActions = RandomNormal(policy.ActionDim(), kTrainBatch, rng).array().tanh();
    nn::Tape<float> tape;
    nn::Adam<float> adam(policy.Params(), nn::AdamDef{1e-4});
    const double step = BestSecondsPerCall(kRounds, kTrainStepsPerRound, [&] {
      tape.Clear();
      adam.ZeroGrad();
      nn::Var<float> loss = policy.Loss(tape, batchObs, batchActions, rng);
      tape.Backward(loss);
      adam.Step();
      sink += loss.Item();
    });
    figures.Add(prefix + ".train_samples_per_s", kTrainBatch / step);
  }
  if (!std::isfinite(sink)) throw core::Error("bench infer: " + prefix + " produced a non-finite result");
}

}  // namespace

Figures RunInferBench() {
  Figures figures;
  for (const lp::PolicyEntry& entry : lp::PolicyRegistry()) Measure(entry.defaults, entry.name, true, figures);
  lp::PolicyConfig stack = lp::DefaultPolicyConfig("mse");
  stack.encoder = lp::EncoderKind::kStack;
  stack.history = kTransformerHistory;
  Measure(stack, "stack8", false, figures);
  lp::PolicyConfig transformer = stack;
  transformer.encoder = lp::EncoderKind::kTransformer;
  Measure(transformer, "transformer8", true, figures);
  return figures;
}

}  // namespace app
