#include "app/gui/watch_run.h"

#include <doctest/doctest.h>

namespace {

app::EpisodeReport Report(uint64_t seed, bool success, bool collision, bool policyOnly = true) {
  app::EpisodeReport report;
  report.seed = seed;
  report.metrics.success = success;
  report.metrics.collision = collision;
  report.policyOnly = policyOnly;
  return report;
}

}  // namespace

TEST_CASE("A watch run counts the policy's episodes, its rates are Wilson intervals, and it stops at N") {
  app::WatchRun watch;
  CHECK_FALSE(watch.Add(Report(1, true, false)));  // not running: ignored
  CHECK(watch.Tally().episodes == 0);

  watch.Start(4);
  CHECK(watch.Running());
  CHECK_FALSE(watch.Add(Report(10, true, false)));
  CHECK_FALSE(watch.Add(Report(11, false, true)));
  CHECK_FALSE(watch.Add(Report(12, true, false, false)));  // the person took the wheel: not counted
  CHECK_FALSE(watch.Add(Report(13, false, false)));
  CHECK(watch.Add(Report(14, true, false)));  // the 4th of the policy's: complete
  CHECK_FALSE(watch.Running());
  CHECK_FALSE(watch.Add(Report(15, true, false)));  // after the end: ignored

  const app::WatchTally& t = watch.Tally();
  CHECK(t.target == 4);
  CHECK(t.episodes == 4);
  CHECK(t.successes == 2);
  CHECK(t.collisions == 1);
  CHECK(t.skipped == 1);
  CHECK(t.lastSeed == 14);
  learning::imitation::RateEstimate expected = learning::imitation::WilsonInterval(2, 4);
  CHECK(t.Success().rate == doctest::Approx(0.5));
  CHECK(t.Success().low == doctest::Approx(expected.low));
  CHECK(t.Success().high == doctest::Approx(expected.high));
  CHECK(t.Collision().rate == doctest::Approx(0.25));

  watch.Start(2);  // a fresh run starts from zero
  CHECK(watch.Tally().episodes == 0);
  watch.Add(Report(20, true, false));
  watch.Stop();
  CHECK_FALSE(watch.Running());
  CHECK(watch.Tally().episodes == 1);  // the tally stays on show
}
