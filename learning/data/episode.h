#pragma once
// One recorded episode: per-step observations, the executed action, the label, whether that label is real, reward
// and done flag, plus who drove it, the seed that reproduces it and how it ended. Each matrix holds one column per
// step, so a (dim × T) column-major Eigen matrix is byte for byte the row-major (T × dim) HDF5 dataset of the
// robomimic layout.
#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace learning::data {

inline constexpr int kActionDim = 2;  // every action is {steer, accel} or {target lateral, target speed}

// What the environment returned after an episode's last step: the observation that follows it (the last step's
// next_obs) and whether the episode terminated there (collision, off road, goal, stall) rather than being cut
// (time limit, a step budget, the end of a DAgger takeover segment).
struct EpisodeEnding {
  std::map<std::string, Eigen::VectorXf> obs;  // key → (dim)
  bool terminated = false;
};

struct Episode {
  std::map<std::string, Eigen::MatrixXf> obs;  // key → (dim, T)
  Eigen::MatrixXf actions;                     // (2, T) executed
  Eigen::MatrixXf labels;                      // (2, T) what the labeller said
  // (T) 1 where `labels` holds a real label, 0 where the labeller gave none (DAgger with a person's corrections:
  // the person approved by pressing nothing); unlabelled steps are kept for history and replay but never trained
  // on. Empty means every step is labelled (demonstrations, and files written before the mask existed).
  std::vector<uint8_t> labelled;
  Eigen::VectorXf rewards;                     // (T)
  std::vector<uint8_t> dones;                  // (T) 1 on the final step
  // Unknown (empty) for files written before ildrive stored next_obs; every recorder fills it.
  std::optional<EpisodeEnding> ending;

  uint64_t seed = 0;        // the Env::Reset seed that reproduces the episode
  std::string source;       // "human" | "expert" | "noisy-expert" | "dagger" | …
  std::string scenario;     // scenario name
  bool success = false;     // outcome, listed by the app and `ildrive info`
  bool collision = false;
  std::map<std::string, double> metrics;  // every other episode metric by name (progress, meanSpeed, …)

  int Length() const { return static_cast<int>(actions.cols()); }
  bool IsLabelled(int t) const { return labelled.empty() || labelled[static_cast<size_t>(t)] != 0; }
  int LabelledSteps() const;
  // Sets step t's flag, first spelling out the implicit all-ones mask.
  void SetLabelled(int t, bool on);
  // The observation after step t (obs at t + 1, or the ending's after the last step); the ending must be known
  // for the last step.
  Eigen::VectorXf NextObs(const std::string& key, int t) const;
};

// Steps [begin, end) as an episode of their own, the last one marked done. Its ending is the observation at `end`
// (not terminated) when the slice stops early, else the episode's own ending.
Episode SliceEpisode(const Episode& episode, int begin, int end);

// Each maximal run of steps whose flag is non-zero, as an episode of its own (SliceEpisode), in order.
std::vector<Episode> SplitIntoRuns(const Episode& episode, const std::vector<uint8_t>& flags);

// Shape and value checks shared by saving and loading: every per-step field has Length() columns, actions and
// labels have 2 rows, obs keys match `obsDims`, all values are finite, `labelled` is empty or has one 0/1 flag per
// step, a known ending has every key at its width with finite values. Throws core::Error starting with `where`.
void ValidateEpisode(const Episode& episode, const std::map<std::string, int>& obsDims, const std::string& where);

}  // namespace learning::data
