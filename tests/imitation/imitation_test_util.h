#pragma once
// Shared fixtures for the imitation tests: a small learnable dataset (labels are a fixed smooth function of the
// observation, executed actions a different one) and temporary paths under the build tree.
#include <Eigen/Core>
#include <cmath>
#include <filesystem>
#include <string>

#include "core/rng.h"
#include "learning/data/dataset.h"

namespace learning::imitation::testing {

// Keys "ego" (3 entries) and "lane" (2). Labels: steer = 0.8·tanh(a − 0.5·b), accel = 0.3·c + 0.2·d;
// executed actions: `actionValue` in both dimensions. Observations follow an AR(1) walk per episode.
inline data::Dataset MakeToyDataset(int episodes, int steps, uint64_t seed, float actionValue = 0.5f) {
  core::Rng rng(seed);
  data::Dataset dataset;
  dataset.envArgs.scenario = "toy";
  dataset.envArgs.obsLayout["ego"] = {"a", "b", "c"};
  dataset.envArgs.obsLayout["lane"] = {"d", "e"};
  for (int i = 0; i < episodes; ++i) {
    data::Episode e;
    e.obs["ego"] = Eigen::MatrixXf(3, steps);
    e.obs["lane"] = Eigen::MatrixXf(2, steps);
    e.actions = Eigen::MatrixXf::Constant(2, steps, actionValue);
    e.labels = Eigen::MatrixXf(2, steps);
    e.rewards = Eigen::VectorXf::Zero(steps);
    Eigen::VectorXf x = Eigen::VectorXf::Zero(5);
    for (int t = 0; t < steps; ++t) {
      for (int r = 0; r < 5; ++r) x(r) = 0.8f * x(r) + 0.6f * static_cast<float>(rng.Normal());
      e.obs["ego"].col(t) = x.head(3);
      e.obs["lane"].col(t) = x.tail(2);
      e.labels(0, t) = 0.8f * std::tanh(x(0) - 0.5f * x(1));
      e.labels(1, t) = 0.3f * x(2) + 0.2f * x(3);
    }
    e.dones.assign(static_cast<size_t>(steps), 0);
    e.dones.back() = 1;
    e.seed = static_cast<uint64_t>(i);
    e.source = "expert";
    e.scenario = "toy";
    dataset.episodes.push_back(std::move(e));
  }
  data::MakeSplit(dataset, 0.25, seed);
  return dataset;
}

// A fresh path under the build tree (the file is removed first).
inline std::string TempPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(ILDRIVE_BINARY_DIR) / "tests" / "imitation" / "tmp";
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

}  // namespace learning::imitation::testing
