#pragma once
// A set of recorded episodes from one environment, with a train/valid split (robomimic `mask/train`,
// `mask/valid`). Plain data plus the operations training and DAgger need: a deterministic split, filtering by
// source and concatenation. Files: see dataset_file.h.
#include <cstdint>
#include <string>
#include <vector>

#include "learning/data/env_args.h"
#include "learning/data/episode.h"

namespace learning::data {

enum class Split { kAll, kTrain, kValid };

struct Dataset {
  EnvArgs envArgs;
  std::vector<Episode> episodes;
  std::vector<int> train;  // episode indices, ascending
  std::vector<int> valid;  // episode indices, ascending; disjoint from train

  int TotalSteps() const;
  // The episode indices of a split (kAll: every episode in order).
  std::vector<int> Indices(Split split) const;
  // Shapes, values, split indices and env args agree (what Save requires and Load guarantees).
  // Throws core::Error starting with `where`.
  void Validate(const std::string& where) const;
};

// Assigns round(validFraction · N) episodes to `valid` and the rest to `train`, chosen by a shuffle seeded with
// `seed`: the same (N, fraction, seed) always gives the same split. Keeps at least one training episode.
void MakeSplit(Dataset& dataset, double validFraction, uint64_t seed);

// The episodes whose source equals `source`, in order, keeping each one's split membership.
Dataset FilterBySource(const Dataset& dataset, const std::string& source);

// `first` followed by `second` (split memberships kept). The two must share env args (same scenario,
// observation layout, rate and action mode); otherwise core::Error naming the difference.
Dataset Concatenate(const Dataset& first, const Dataset& second);

}  // namespace learning::data
