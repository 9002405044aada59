#pragma once
// Small training loops and toy datasets shared by the policy tests.
#include <Eigen/Core>
#include <filesystem>
#include <string>

#include "core/rng.h"
#include "learning/nn/adam.h"
#include "learning/policies/policy.h"

namespace learning::policies::testing {

// Trains on (normalised obs, actions) with Adam, minibatches drawn with a seeded Rng. Returns the mean loss of
// the last 20 steps.
inline double Train(Policy& policy, const Eigen::MatrixXf& obs, const Eigen::MatrixXf& actions, int steps,
                    int batch, double learningRate, uint64_t seed) {
  nn::Tape<float> tape;
  nn::Adam<float> adam(policy.Params(), nn::AdamDef{learningRate});
  core::Rng rng(seed);
  const int n = static_cast<int>(obs.cols());
  Eigen::MatrixXf xb(obs.rows(), batch), yb(actions.rows(), batch);
  double recent = 0.0;
  for (int step = 0; step < steps; ++step) {
    for (int j = 0; j < batch; ++j) {
      const auto k = static_cast<Eigen::Index>(rng.Below(static_cast<uint64_t>(n)));
      xb.col(j) = obs.col(k);
      yb.col(j) = actions.col(k);
    }
    tape.Clear();
    adam.ZeroGrad();
    nn::Var<float> loss = policy.Loss(tape, xb, yb, rng);
    tape.Backward(loss);
    adam.Step();
    if (step >= steps - 20) recent += loss.Item() / 20.0;
  }
  return recent;
}

// A path under the build tree for checkpoint files, removed first.
inline std::string TempPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(ILDRIVE_BINARY_DIR) / "tests" / "policies" / "tmp";
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

// One observation key "x" with `dim` entries.
inline ObsDims ToyDims(int dim) { return ObsDims{{"x", dim}}; }

}  // namespace learning::policies::testing
