#pragma once
// Records demonstrations: N episodes of one scenario with one driver into a dataset file, flushed after every
// finished episode (the first episode writes the file, later ones are appended atomically, and a final
// rewrite compacts it), so an interrupted recording leaves the previous file intact or a valid file with every
// finished episode. Episode i uses EpisodeSeed(seed, i): the same seed records the same file.
#include <cstdint>
#include <functional>
#include <string>

#include "learning/data/dataset.h"
#include "learning/imitation/rollout.h"
#include "sim/driver.h"
#include "sim/env.h"

namespace learning::imitation {

struct RecordDef {
  std::string outPath;        // the dataset file (HDF5), replaced atomically
  int episodes = 10;          // ≥ 1
  uint64_t seed = 0;          // base seed; episode i uses EpisodeSeed(seed, i)
  double validFraction = 0.1; // share of episodes in mask/valid, chosen with `seed`
  std::string source;         // recorded source ("expert", "noisy-expert", …); empty: driver.Source()
};

struct RecordProgress {
  int episodesDone = 0;
  int episodesTotal = 0;
  long steps = 0;
  int successes = 0;
  int collisions = 0;
  const EpisodeResult& last;  // the episode just finished (and written)
};

struct RecordSummary {
  int episodes = 0;
  long steps = 0;
  int successes = 0;
  int collisions = 0;
  int offRoad = 0;
  double seconds = 0.0;       // [s] wall time, all included
  double writeSeconds = 0.0;  // [s] of that spent writing the file
  long fileBytes = 0;
};

// Throws core::Error naming the path when a file cannot be created there (checked before any work).
void CheckOutputWritable(const std::string& path);

// Validates `def` (core::Error), checks the output path, then records. `progress` (may be empty) is called after
// each episode is written; an exception from it stops the recording with the file holding every finished episode.
RecordSummary RecordDemos(sim::Env& env, sim::Driver& driver, const RecordDef& def,
                          const std::function<void(const RecordProgress&)>& progress);

}  // namespace learning::imitation
