#include "app/gui/watch_run.h"

#include "core/error.h"

namespace app {

learning::imitation::RateEstimate WatchTally::Success() const {
  return learning::imitation::WilsonInterval(successes, episodes);
}

learning::imitation::RateEstimate WatchTally::Collision() const {
  return learning::imitation::WilsonInterval(collisions, episodes);
}

void WatchRun::Start(int episodes) {
  ILD_CHECK(episodes >= 1, "a watch run needs at least one episode");
  tally_ = {};
  tally_.running = true;
  tally_.target = episodes;
}

bool WatchRun::Add(const EpisodeReport& report) {
  if (!tally_.running) return false;
  if (!report.policyOnly) {
    ++tally_.skipped;
    return false;
  }
  ++tally_.episodes;
  if (report.metrics.success) ++tally_.successes;
  if (report.metrics.collision) ++tally_.collisions;
  tally_.lastSeed = report.seed;
  if (tally_.episodes < tally_.target) return false;
  tally_.running = false;
  return true;
}

}  // namespace app
