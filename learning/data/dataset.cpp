#include "learning/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/rng.h"

namespace learning::data {

int Dataset::TotalSteps() const {
  int total = 0;
  for (const Episode& episode : episodes) total += episode.Length();
  return total;
}

std::vector<int> Dataset::Indices(Split split) const {
  switch (split) {
    case Split::kTrain: return train;
    case Split::kValid: return valid;
    case Split::kAll: break;
  }
  std::vector<int> all(episodes.size());
  std::iota(all.begin(), all.end(), 0);
  return all;
}

void Dataset::Validate(const std::string& where) const {
  const std::map<std::string, int> dims = envArgs.ObsDims();
  if (envArgs.scenario.empty()) throw core::Error(where + ": dataset has no scenario in its env args");
  for (size_t i = 0; i < episodes.size(); ++i) {
    const std::string demo = where + ": demo_" + std::to_string(i);
    ValidateEpisode(episodes[i], dims, demo);
    if (episodes[i].scenario != envArgs.scenario)
      throw core::Error(demo + ": scenario \"" + episodes[i].scenario + "\" differs from the dataset's \"" +
                        envArgs.scenario + "\"");
  }
  std::vector<int> seen(episodes.size(), 0);
  for (const std::vector<int>* mask : {&train, &valid}) {
    const char* name = mask == &train ? "mask/train" : "mask/valid";
    for (int index : *mask) {
      if (index < 0 || index >= static_cast<int>(episodes.size()))
        throw core::Error(where + ": " + name + " names a demo that does not exist (index " + std::to_string(index) +
                          ")");
      if (seen[static_cast<size_t>(index)]++)
        throw core::Error(where + ": demo_" + std::to_string(index) + " appears twice in mask/train and mask/valid");
    }
  }
}

void MakeSplit(Dataset& dataset, double validFraction, uint64_t seed) {
  ILD_CHECK(validFraction >= 0.0 && validFraction < 1.0, "validation fraction in [0, 1)");
  const int count = static_cast<int>(dataset.episodes.size());
  std::vector<int> order(static_cast<size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  core::Rng rng(seed);
  for (int i = count - 1; i > 0; --i)  // Fisher-Yates
    std::swap(order[static_cast<size_t>(i)], order[rng.Below(static_cast<uint64_t>(i) + 1)]);
  const int validCount = std::min(static_cast<int>(std::lround(validFraction * count)), std::max(count - 1, 0));
  dataset.valid.assign(order.begin(), order.begin() + validCount);
  dataset.train.assign(order.begin() + validCount, order.end());
  std::sort(dataset.valid.begin(), dataset.valid.end());
  std::sort(dataset.train.begin(), dataset.train.end());
}

namespace {

// Appends the episodes of `from` selected by `keep` to `to`, carrying split memberships over.
template <typename Keep>
void AppendEpisodes(Dataset& to, const Dataset& from, Keep keep) {
  std::vector<int> membership(from.episodes.size(), 0);  // 1 train, 2 valid
  for (int index : from.train) membership[static_cast<size_t>(index)] = 1;
  for (int index : from.valid) membership[static_cast<size_t>(index)] = 2;
  for (size_t i = 0; i < from.episodes.size(); ++i) {
    if (!keep(from.episodes[i])) continue;
    const int newIndex = static_cast<int>(to.episodes.size());
    to.episodes.push_back(from.episodes[i]);
    if (membership[i] == 1) to.train.push_back(newIndex);
    if (membership[i] == 2) to.valid.push_back(newIndex);
  }
}

}  // namespace

Dataset FilterBySource(const Dataset& dataset, const std::string& source) {
  Dataset filtered;
  filtered.envArgs = dataset.envArgs;
  AppendEpisodes(filtered, dataset, [&](const Episode& episode) { return episode.source == source; });
  return filtered;
}

Dataset Concatenate(const Dataset& first, const Dataset& second) {
  const bool firstIsBlank = first.episodes.empty() && first.envArgs.scenario.empty();
  if (!firstIsBlank && !(first.envArgs == second.envArgs)) {
    std::string what = "observation layout";
    if (first.envArgs.scenario != second.envArgs.scenario)
      what = "scenario (\"" + first.envArgs.scenario + "\" vs \"" + second.envArgs.scenario + "\")";
    else if (first.envArgs.actionMode != second.envArgs.actionMode ||
             first.envArgs.actionNames != second.envArgs.actionNames)
      what = "action mode";
    else if (first.envArgs.controlRate != second.envArgs.controlRate)
      what = "control rate";
    throw core::Error("cannot concatenate datasets recorded with a different " + what);
  }
  Dataset joined;
  joined.envArgs = firstIsBlank ? second.envArgs : first.envArgs;
  const auto all = [](const Episode&) { return true; };
  AppendEpisodes(joined, first, all);
  AppendEpisodes(joined, second, all);
  return joined;
}

}  // namespace learning::data
