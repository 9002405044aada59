#include "app/gui/frame_stats.h"

#include <doctest/doctest.h>

TEST_CASE("Frame statistics: median and p99 by nearest rank, and the summary line") {
  app::FrameStats stats;
  CHECK(stats.Median() == 0.0);
  for (int i = 100; i >= 1; --i) stats.Add(static_cast<double>(i));
  CHECK(stats.Median() == doctest::Approx(50.0));
  CHECK(stats.P99() == doctest::Approx(99.0));
  CHECK(stats.Quantile(1.0) == doctest::Approx(100.0));
  CHECK(stats.Summary().rfind("frame_ms median 50.000 p99 99.000", 0) == 0);
}
