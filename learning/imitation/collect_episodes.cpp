#include "learning/imitation/collect_episodes.h"

#include <algorithm>
#include <optional>

#include "core/error.h"
#include "learning/imitation/parallel_for.h"

namespace learning::imitation {

std::vector<CollectedEpisode> CollectEpisodes(const EnvFactory& makeEnv, const DriverFactory& makeDriver,
                                              const CollectDef& def, const EpisodeFinish& finish,
                                              std::stop_token cancel) {
  if (def.episodes < 1) throw core::Error("collect: episodes must be >= 1, got " + std::to_string(def.episodes));
  if (def.threads < 1) throw core::Error("collect: threads must be >= 1, got " + std::to_string(def.threads));
  const int threads = std::min(def.threads, def.episodes);
  WorkerEnvs workers = MakeWorkerEnvs(makeEnv, makeDriver, threads);
  RolloutOptions options;
  options.source = def.source;
  options.maxSteps = def.maxSteps;
  std::vector<std::optional<CollectedEpisode>> slots(static_cast<size_t>(def.episodes));
  ParallelFor(
      def.episodes, threads,
      [&](int worker, int index) {
        CollectedEpisode c;
        sim::Driver& driver = *workers.drivers[static_cast<size_t>(worker)];
        c.result = RunEpisode(workers.envs[static_cast<size_t>(worker)], driver, EpisodeSeed(def.seed, index), options,
                              &c.episode);
        if (finish) finish(index, driver, c);
        slots[static_cast<size_t>(index)] = std::move(c);
      },
      cancel);
  std::vector<CollectedEpisode> out;
  out.reserve(slots.size());
  for (std::optional<CollectedEpisode>& slot : slots)
    if (slot) out.push_back(std::move(*slot));
  return out;
}

data::Dataset MakeDataset(const sim::Env& env, std::vector<data::Episode> episodes, double validFraction,
                          uint64_t seed) {
  data::Dataset dataset;
  dataset.envArgs = EnvArgsFor(env);
  dataset.episodes = std::move(episodes);
  data::MakeSplit(dataset, validFraction, seed);
  return dataset;
}

}  // namespace learning::imitation
