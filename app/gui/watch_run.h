#pragma once
// Watch: the policy drives N episodes in a row, each starting from a fresh seed, and the window keeps a running
// tally (episodes, successes, collisions) with Wilson 95% intervals (learning/imitation/statistics.h), so "does
// the clone drive?" is answered with a rate and its uncertainty rather than one lucky episode. An episode in which
// the person took the wheel, or another driver drove, is not the policy's: it is counted apart, not in the rates.
#include <cstdint>

#include "app/gui/intents.h"
#include "learning/imitation/statistics.h"
#include "sim/step_result.h"

namespace app {

// One finished episode, as the Session reports it.
struct EpisodeReport {
  uint64_t seed = 0;
  sim::EpisodeMetrics metrics;
  bool policyOnly = false;  // the policy drove every control step, with no takeover
};

struct WatchTally {
  bool running = false;
  int target = 0;       // N episodes asked for
  int episodes = 0;     // the policy's episodes counted so far
  int successes = 0;
  int collisions = 0;
  int skipped = 0;      // finished episodes that were not the policy's alone
  uint64_t lastSeed = 0;

  learning::imitation::RateEstimate Success() const;
  learning::imitation::RateEstimate Collision() const;
};

class WatchRun {
 public:
  // Starts counting a fresh run of `episodes` ≥ 1 (the caller resets the episode and lets the policy drive).
  void Start(int episodes);
  // Stops counting; the tally stays on show.
  void Stop() { tally_.running = false; }
  // Counts a finished episode while running. Returns true when it completed the run (which then stops).
  bool Add(const EpisodeReport& report);
  const WatchTally& Tally() const { return tally_; }
  bool Running() const { return tally_.running; }

 private:
  WatchTally tally_;
};

}  // namespace app
