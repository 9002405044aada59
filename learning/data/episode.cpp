#include "learning/data/episode.h"

#include "core/error.h"

namespace learning::data {

namespace {

void CheckColumns(const std::string& where, const char* field, long rows, long expectedRows, long cols, long steps) {
  if (rows != expectedRows || cols != steps)
    throw core::Error(where + ": \"" + field + "\" has shape (" + std::to_string(cols) + ", " + std::to_string(rows) +
                      "), expected (" + std::to_string(steps) + ", " + std::to_string(expectedRows) + ")");
}

template <typename Matrix>
void CheckFinite(const std::string& where, const std::string& field, const Matrix& values) {
  for (Eigen::Index c = 0; c < values.cols(); ++c)
    for (Eigen::Index r = 0; r < values.rows(); ++r)
      if (!std::isfinite(values(r, c)))
        throw core::Error(where + ": \"" + field + "\" holds a non-finite value at step " + std::to_string(c) +
                          ", entry " + std::to_string(r));
}

}  // namespace

int Episode::LabelledSteps() const {
  if (labelled.empty()) return Length();
  int count = 0;
  for (uint8_t flag : labelled) count += flag != 0 ? 1 : 0;
  return count;
}

void Episode::SetLabelled(int t, bool on) {
  ILD_CHECK(t >= 0 && t < Length(), "SetLabelled step in range");
  if (labelled.empty()) {
    if (on) return;
    labelled.assign(static_cast<size_t>(Length()), 1);
  }
  labelled[static_cast<size_t>(t)] = on ? 1 : 0;
}

Eigen::VectorXf Episode::NextObs(const std::string& key, int t) const {
  ILD_CHECK(t >= 0 && t < Length(), "NextObs step in range");
  if (t + 1 < Length()) return obs.at(key).col(t + 1);
  ILD_CHECK(ending.has_value(), "NextObs of the last step needs the episode's ending");
  return ending->obs.at(key);
}

Episode SliceEpisode(const Episode& episode, int begin, int end) {
  ILD_CHECK(0 <= begin && begin < end && end <= episode.Length(), "SliceEpisode range inside the episode");
  Episode s;
  const int n = end - begin;
  for (const auto& [key, m] : episode.obs) s.obs[key] = m.middleCols(begin, n);
  s.actions = episode.actions.middleCols(begin, n);
  s.labels = episode.labels.middleCols(begin, n);
  if (!episode.labelled.empty()) s.labelled.assign(episode.labelled.begin() + begin, episode.labelled.begin() + end);
  s.rewards = episode.rewards.segment(begin, n);
  s.dones.assign(episode.dones.begin() + begin, episode.dones.begin() + end);
  s.dones.back() = 1;
  if (end < episode.Length()) {
    s.ending = EpisodeEnding{};
    for (const auto& [key, m] : episode.obs) s.ending->obs[key] = m.col(end);
  } else {
    s.ending = episode.ending;
  }
  s.seed = episode.seed;
  s.source = episode.source;
  s.scenario = episode.scenario;
  s.success = episode.success;
  s.collision = episode.collision;
  s.metrics = episode.metrics;
  return s;
}

std::vector<Episode> SplitIntoRuns(const Episode& episode, const std::vector<uint8_t>& flags) {
  ILD_CHECK(static_cast<int>(flags.size()) == episode.Length(), "one flag per step");
  std::vector<Episode> runs;
  int t = 0;
  while (t < episode.Length()) {
    if (!flags[static_cast<size_t>(t)]) {
      ++t;
      continue;
    }
    int end = t;
    while (end < episode.Length() && flags[static_cast<size_t>(end)]) ++end;
    runs.push_back(SliceEpisode(episode, t, end));
    t = end;
  }
  return runs;
}

void ValidateEpisode(const Episode& episode, const std::map<std::string, int>& obsDims, const std::string& where) {
  const long steps = episode.Length();
  if (steps < 1) throw core::Error(where + ": episode has no steps");
  CheckColumns(where, "actions", episode.actions.rows(), kActionDim, episode.actions.cols(), steps);
  CheckColumns(where, "labels", episode.labels.rows(), kActionDim, episode.labels.cols(), steps);
  CheckColumns(where, "rewards", 1, 1, episode.rewards.size(), steps);
  CheckColumns(where, "dones", 1, 1, static_cast<long>(episode.dones.size()), steps);
  for (const auto& [key, dim] : obsDims) {
    auto it = episode.obs.find(key);
    if (it == episode.obs.end()) throw core::Error(where + ": missing observation \"obs/" + key + "\"");
    CheckColumns(where, ("obs/" + key).c_str(), it->second.rows(), dim, it->second.cols(), steps);
    CheckFinite(where, "obs/" + key, it->second);
  }
  for (const auto& entry : episode.obs)
    if (!obsDims.contains(entry.first))
      throw core::Error(where + ": observation \"obs/" + entry.first + "\" is not in the dataset's layout");
  CheckFinite(where, "actions", episode.actions);
  CheckFinite(where, "labels", episode.labels);
  CheckFinite(where, "rewards", episode.rewards);
  for (uint8_t done : episode.dones)
    if (done > 1) throw core::Error(where + ": \"dones\" must hold 0 or 1");
  if (!episode.labelled.empty()) {
    CheckColumns(where, "labelled", 1, 1, static_cast<long>(episode.labelled.size()), steps);
    for (size_t t = 0; t < episode.labelled.size(); ++t)
      if (episode.labelled[t] > 1)
        throw core::Error(where + ": \"labelled\" must hold 0 or 1 (step " + std::to_string(t) + " holds " +
                          std::to_string(episode.labelled[t]) + ")");
  }
  if (episode.ending) {
    for (const auto& [key, dim] : obsDims) {
      auto it = episode.ending->obs.find(key);
      if (it == episode.ending->obs.end()) throw core::Error(where + ": missing final observation \"" + key + "\"");
      CheckColumns(where, ("final_obs/" + key).c_str(), static_cast<long>(it->second.size()), dim, 1, 1);
      CheckFinite(where, "final_obs/" + key, it->second);
    }
    if (episode.ending->obs.size() != obsDims.size())
      throw core::Error(where + ": the final observation has keys that are not in the dataset's layout");
  }
  if (episode.source.empty()) throw core::Error(where + ": episode has no source");
  if (episode.scenario.empty()) throw core::Error(where + ": episode has no scenario");
}

}  // namespace learning::data
