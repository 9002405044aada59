#include "learning/imitation/record_demos.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"

namespace learning::imitation {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void CheckOutputWritable(const std::string& path) {
  if (path.empty()) throw core::Error("no output file given");
  if (std::filesystem::is_directory(path)) throw core::Error(path + ": is a directory, expected a file name");
  const std::string probe = core::TempPathFor(path);
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (!file) throw core::Error(path + ": cannot write here (" + std::strerror(errno) + ")");
  std::fclose(file);
  std::remove(probe.c_str());
}

RecordSummary RecordDemos(sim::Env& env, sim::Driver& driver, const RecordDef& def,
                          const std::function<void(const RecordProgress&)>& progress) {
  if (def.episodes < 1) throw core::Error("--episodes must be at least 1, got " + std::to_string(def.episodes));
  if (!(def.validFraction >= 0.0 && def.validFraction < 1.0))
    throw core::Error("--valid-fraction must be in [0, 1), got " + std::to_string(def.validFraction));
  CheckOutputWritable(def.outPath);

  const auto start = std::chrono::steady_clock::now();
  RecordSummary summary;
  data::Dataset dataset;
  dataset.envArgs = EnvArgsFor(env);
  RolloutOptions options;
  options.source = def.source;
  for (int i = 0; i < def.episodes; ++i) {
    dataset.episodes.emplace_back();
    const EpisodeResult result = RunEpisode(env, driver, EpisodeSeed(def.seed, i), options, &dataset.episodes.back());
    data::MakeSplit(dataset, def.validFraction, def.seed);

    const auto writeStart = std::chrono::steady_clock::now();
    if (i == 0) data::SaveDataset(def.outPath, dataset);
    else data::AppendLastEpisode(def.outPath, dataset);
    summary.writeSeconds += SecondsSince(writeStart);

    ++summary.episodes;
    summary.steps += result.length;
    summary.successes += result.metrics.success ? 1 : 0;
    summary.collisions += result.metrics.collision ? 1 : 0;
    summary.offRoad += result.metrics.offRoad ? 1 : 0;
    if (progress)
      progress(RecordProgress{summary.episodes, def.episodes, summary.steps, summary.successes, summary.collisions,
                              result});
  }
  // Appends leave the replaced split and totals as unused space; one last full write compacts the file.
  if (def.episodes > 1) {
    const auto writeStart = std::chrono::steady_clock::now();
    data::SaveDataset(def.outPath, dataset);
    summary.writeSeconds += SecondsSince(writeStart);
  }
  summary.seconds = SecondsSince(start);
  summary.fileBytes = static_cast<long>(std::filesystem::file_size(def.outPath));
  return summary;
}

}  // namespace learning::imitation
