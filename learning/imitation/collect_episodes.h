#pragma once
// Episodes collected in memory on a pool of threads (one Env and one driver per thread), for DAgger's on-policy
// rollouts and the lessons' demonstrations. Episode i uses EpisodeSeed(seed, i) — the recording derivation, so
// the same seed gives the same episodes as `ildrive record`, and none of them is a held-out evaluation seed.
// Results are kept by index: any thread count gives the same episodes.
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/rollout.h"

namespace learning::imitation {

struct CollectDef {
  int episodes = 10;    // ≥ 1
  uint64_t seed = 0;    // episode i uses EpisodeSeed(seed, i)
  int threads = 1;      // ≥ 1
  long maxSteps = 0;    // per episode (0: the scenario's limit)
  std::string source;   // recorded source; empty: the driver's
};

struct CollectedEpisode {
  data::Episode episode;
  EpisodeResult result;
};

// Called on the worker right after episode `index` ends, with the driver that drove it (per-episode driver
// state such as takeover flags is still there) and the recorded episode; writes only to per-index slots.
using EpisodeFinish = std::function<void(int index, sim::Driver& driver, CollectedEpisode& collected)>;

// core::Error for a bad def; the first exception of an episode stops the run and is rethrown. Cancelled runs
// return the finished episodes in index order.
std::vector<CollectedEpisode> CollectEpisodes(const EnvFactory& makeEnv, const DriverFactory& makeDriver,
                                              const CollectDef& def, const EpisodeFinish& finish = {},
                                              std::stop_token cancel = {});

// A dataset of `episodes` with `env`'s arguments and a split of validFraction drawn from `seed`.
data::Dataset MakeDataset(const sim::Env& env, std::vector<data::Episode> episodes, double validFraction,
                          uint64_t seed);

}  // namespace learning::imitation
