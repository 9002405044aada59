#pragma once
// Small synthetic datasets for the data-layer tests: random but seeded values, so round trips and padding
// checks compare against known numbers.
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.h"
#include "core/rng.h"
#include "learning/data/dataset.h"

namespace learning::data::testing {

inline EnvArgs TestEnvArgs() {
  EnvArgs args;
  args.scenario = "test_scenario";
  args.controlRate = 20.0;
  args.obsLayout["ego"] = {"speed", "heading_error", "lateral_offset"};
  args.obsLayout["brake_indicator"] = {"on"};
  return args;
}

inline Episode MakeTestEpisode(core::Rng& rng, int steps, const std::string& source) {
  Episode episode;
  episode.obs["ego"] = Eigen::MatrixXf(3, steps);
  episode.obs["brake_indicator"] = Eigen::MatrixXf(1, steps);
  episode.actions = Eigen::MatrixXf(kActionDim, steps);
  episode.labels = Eigen::MatrixXf(kActionDim, steps);
  episode.rewards = Eigen::VectorXf(steps);
  for (int t = 0; t < steps; ++t) {
    for (int r = 0; r < 3; ++r) episode.obs["ego"](r, t) = static_cast<float>(rng.Normal());
    episode.obs["brake_indicator"](0, t) = rng.Bernoulli(0.3) ? 1.f : 0.f;
    for (int r = 0; r < kActionDim; ++r) {
      episode.actions(r, t) = static_cast<float>(rng.Uniform(-1.0, 1.0));
      episode.labels(r, t) = static_cast<float>(rng.Uniform(-1.0, 1.0));
    }
    episode.rewards(t) = static_cast<float>(rng.Normal());
  }
  episode.dones.assign(static_cast<size_t>(steps), 0);
  episode.dones.back() = 1;
  episode.ending = EpisodeEnding{};
  episode.ending->obs["ego"] = Eigen::VectorXf(3);
  for (int r = 0; r < 3; ++r) episode.ending->obs["ego"](r) = static_cast<float>(rng.Normal());
  episode.ending->obs["brake_indicator"] = Eigen::VectorXf::Constant(1, rng.Bernoulli(0.3) ? 1.f : 0.f);
  episode.ending->terminated = rng.Bernoulli(0.5);
  episode.seed = rng.NextU64();
  episode.source = source;
  episode.scenario = "test_scenario";
  episode.success = rng.Bernoulli(0.5);
  episode.collision = !episode.success;
  episode.metrics["progress"] = rng.Uniform();
  episode.metrics["meanSpeed"] = rng.Uniform(0.0, 30.0);
  return episode;
}

// `count` episodes of 5..24 steps, sources alternating expert / human, with a 25% validation split.
inline Dataset MakeTestDataset(int count, uint64_t seed) {
  core::Rng rng(seed);
  Dataset dataset;
  dataset.envArgs = TestEnvArgs();
  for (int i = 0; i < count; ++i)
    dataset.episodes.push_back(
        MakeTestEpisode(rng, 5 + static_cast<int>(rng.Below(20)), i % 2 == 0 ? "expert" : "human"));
  MakeSplit(dataset, 0.25, seed);
  return dataset;
}

// The message of the core::Error that `body` throws ("" if none).
inline std::string ErrorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

// A path under the build tree, unique per test name, with any earlier file removed.
inline std::string TestPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(ILDRIVE_BINARY_DIR) / "tests" / "data" / "tmp";
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

inline bool SameEnding(const std::optional<EpisodeEnding>& a, const std::optional<EpisodeEnding>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  if (a->terminated != b->terminated || a->obs.size() != b->obs.size()) return false;
  for (const auto& [key, values] : a->obs) {
    auto it = b->obs.find(key);
    if (it == b->obs.end() || it->second.size() != values.size() || it->second != values) return false;
  }
  return true;
}

// Bit-exact equality of everything an episode holds (the label mask compared step by step).
inline bool SameEpisode(const Episode& a, const Episode& b) {
  if (!SameEnding(a.ending, b.ending)) return false;
  if (a.obs.size() != b.obs.size()) return false;
  for (const auto& [key, values] : a.obs) {
    auto it = b.obs.find(key);
    if (it == b.obs.end() || it->second.rows() != values.rows() || it->second.cols() != values.cols() ||
        it->second != values)
      return false;
  }
  if (a.Length() != b.Length()) return false;
  for (int t = 0; t < a.Length(); ++t)  // the implicit all-ones mask equals an explicit one
    if (a.IsLabelled(t) != b.IsLabelled(t)) return false;
  return a.actions.cols() == b.actions.cols() && a.actions == b.actions && a.labels.cols() == b.labels.cols() &&
         a.labels == b.labels && a.rewards.size() == b.rewards.size() && a.rewards == b.rewards &&
         a.dones == b.dones && a.seed == b.seed && a.source == b.source && a.scenario == b.scenario &&
         a.success == b.success && a.collision == b.collision && a.metrics == b.metrics;
}

}  // namespace learning::data::testing
