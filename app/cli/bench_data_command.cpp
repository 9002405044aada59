// `ildrive bench data`: a big dataset end to end — 10,000 highway-layout episodes of 800 steps (8M steps) of
// synthetic values (the real keys, widths and attributes; generating them costs nothing like driving), written
// with SaveDataset, loaded with LoadDataset, one episode appended, and a policy trained from it. Figures: file
// size and write/load times, resident memory of the loaded dataset against the bytes of its arrays (target ≤ 2×),
// the cost of appending one episode to the big file (today a copy of the whole file), and training steps/s with
// the peak resident memory of training. The file goes to the temporary folder ($TMPDIR) and is removed.
// Writing happens in a forked child, so the parent measures the load from a clean heap.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/cli/bench_command.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/imitation/policy_driver.h"
#include "learning/imitation/rollout.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy_registry.h"
#include "sim/env.h"

namespace app {

namespace {

using Clock = std::chrono::steady_clock;
namespace data = learning::data;
constexpr int kEpisodes = 10'000;
constexpr int kSteps = 800;  // highway's 40 s at 20 Hz

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A field of /proc/self/status in bytes ("VmRSS", "VmHWM").
double StatusBytes(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return 1024.0 * std::stod(line.substr(field.size() + 1));
  throw core::Error("bench data: no " + field + " in /proc/self/status");
}

// Restarts VmHWM (the peak resident size) from the current size.
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Cheap deterministic values in [-1, 1) (xorshift), so generating 8M steps takes seconds.
struct Values {
  uint64_t state;
  float Next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<float>(static_cast<double>(state >> 40) / static_cast<double>(1ULL << 23) - 1.0);
  }
};

data::Episode SyntheticEpisode(const data::EnvArgs& args, int index) {
  Values values{0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(index + 1)};
  data::Episode episode;
  for (const auto& [key, dim] : args.ObsDims()) {
    Eigen::MatrixXf obs(dim, kSteps);
    for (Eigen::Index i = 0; i < obs.size(); ++i) obs.data()[i] = values.Next();
    episode.obs[key] = std::move(obs);
  }
  episode.actions = Eigen::MatrixXf(2, kSteps);
  for (Eigen::Index i = 0; i < episode.actions.size(); ++i) episode.actions.data()[i] = values.Next();
  episode.labels = episode.actions;
  episode.rewards = Eigen::VectorXf::Constant(kSteps, 0.1f);
  episode.dones.assign(kSteps, 0);
  episode.dones.back() = 1;
  episode.ending = data::EpisodeEnding{};
  for (const auto& [key, matrix] : episode.obs) episode.ending->obs[key] = matrix.col(kSteps - 1);
  episode.seed = static_cast<uint64_t>(index);
  episode.source = "expert";
  episode.scenario = args.scenario;
  episode.success = true;
  episode.metrics["progress"] = 1.0;
  return episode;
}

double ArrayBytes(const data::Dataset& dataset) {
  double bytes = 0.0;
  for (const data::Episode& e : dataset.episodes) {
    for (const auto& [key, obs] : e.obs) bytes += 4.0 * static_cast<double>(obs.size());
    bytes += 4.0 * static_cast<double>(e.actions.size() + e.labels.size() + e.rewards.size());
    bytes += static_cast<double>(e.dones.size() + e.labelled.size());
  }
  return bytes;
}

}  // namespace

Figures RunDataBench() {
  const sim::Env env = sim::MakeEnv("highway");
  const data::EnvArgs args = learning::imitation::EnvArgsFor(env);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("ildrive_bench_data_" + std::to_string(::getpid()) + ".h5")).string();
  Figures figures;
  figures.Add("data.episodes", kEpisodes);
  figures.Add("data.steps", static_cast<double>(kEpisodes) * kSteps);

  // Generate and write in a child: its memory is gone before the parent loads.
  const std::string timesPath = path + ".times";
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    int code = 0;
    try {
      auto start = Clock::now();
      data::Dataset dataset;
      dataset.envArgs = args;
      for (int i = 0; i < kEpisodes; ++i) dataset.episodes.push_back(SyntheticEpisode(args, i));
      data::MakeSplit(dataset, 0.1, 1);
      const double generate = SecondsSince(start);
      start = Clock::now();
      data::SaveDataset(path, dataset);
      std::ofstream(timesPath) << generate << " " << SecondsSince(start) << "\n";
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench data: writing failed: %s\n", e.what());
      code = 1;
    }
    std::_Exit(code);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw core::Error("bench data: writing " + path + " failed");
  double generateSeconds = 0.0, writeSeconds = 0.0;
  std::ifstream(timesPath) >> generateSeconds >> writeSeconds;
  std::filesystem::remove(timesPath);
  const double fileBytes = static_cast<double>(std::filesystem::file_size(path));
  figures.Add("data.generate_s", generateSeconds);
  figures.Add("data.write_s", writeSeconds);
  figures.Add("data.file_mb", fileBytes / 1e6);
  figures.Add("data.write_mb_per_s", fileBytes / 1e6 / writeSeconds);

  const double baseRss = StatusBytes("VmRSS");
  ResetPeak();
  auto start = Clock::now();
  data::Dataset dataset = data::LoadDataset(path);
  figures.Add("data.load_s", SecondsSince(start));
  const double arrays = ArrayBytes(dataset);
  figures.Add("data.array_mb", arrays / 1e6);
  figures.Add("data.load_rss_mb", (StatusBytes("VmRSS") - baseRss) / 1e6);
  figures.Add("data.load_peak_rss_mb", (StatusBytes("VmHWM") - baseRss) / 1e6);
  figures.Add("data.load_peak_rss_over_arrays", (StatusBytes("VmHWM") - baseRss) / arrays);

  // One more episode appended to the big file (what the app and `record` do after each episode).
  dataset.episodes.push_back(SyntheticEpisode(args, kEpisodes));
  start = Clock::now();
  data::AppendLastEpisode(path, dataset);
  figures.Add("data.append_one_episode_s", SecondsSince(start));
  dataset.episodes.pop_back();
  std::filesystem::remove(path);

  // Training from it: the default mse policy, 300 steps of batch 256, no evaluation passes beyond the last.
  learning::policies::Policy policy(learning::policies::DefaultPolicyConfig("mse"),
                                    learning::imitation::ObsDimsOf(env));
  learning::imitation::TrainOptions options;
  options.steps = 300;
  options.evalInterval = 300;
  ResetPeak();
  start = Clock::now();
  const learning::imitation::TrainResult result = learning::imitation::TrainBehaviourCloning(policy, dataset, options);
  figures.Add("data.train_s", SecondsSince(start));
  figures.Add("data.train_samples_per_s", result.samplesPerSecond);
  figures.Add("data.train_steps_per_s", result.samplesPerSecond / options.batchSize);
  figures.Add("data.train_peak_rss_mb", (StatusBytes("VmHWM") - baseRss) / 1e6);
  figures.Add("data.train_peak_rss_over_arrays", (StatusBytes("VmHWM") - baseRss) / arrays);
  return figures;
}

}  // namespace app
