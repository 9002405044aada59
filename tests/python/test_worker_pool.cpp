// The VectorEnv's worker pool: every index runs exactly once per Run on any thread count, runs follow each other
// without a stale index or a lost wake-up, and the exception of the lowest failing index reaches the caller.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "python/src/worker_pool.h"

using ildrive_py::WorkerPool;

TEST_CASE("WorkerPool: every index runs exactly once per run, for 1 to 4 threads and many runs in a row") {
  for (int threads = 1; threads <= 4; ++threads) {
    WorkerPool pool(threads);
    CHECK(pool.Threads() == threads);
    std::vector<int> hits(37, 0);
    for (int run = 0; run < 300; ++run) {
      const int count = 1 + run % 37;  // counts of 1 run on the caller alone
      pool.Run(count, [&](int i) { hits[static_cast<size_t>(i)] += 1; });
    }
    // Index i ran once in every run whose count exceeded i.
    for (int i = 0; i < 37; ++i) {
      int expected = 0;
      for (int run = 0; run < 300; ++run) expected += (1 + run % 37) > i ? 1 : 0;
      CHECK_MESSAGE(hits[static_cast<size_t>(i)] == expected, "threads ", threads, " index ", i);
    }
  }
}

TEST_CASE("WorkerPool: the lowest failing index's exception is rethrown, and the pool keeps working after it") {
  WorkerPool pool(3);
  std::atomic<int> ran{0};
  try {
    pool.Run(64, [&](int i) {
      ran.fetch_add(1);
      if (i % 10 == 7) throw std::runtime_error("index " + std::to_string(i));
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "index 7");
  }
  CHECK(ran.load() == 64);  // a failure does not stop the other indices (each writes its own row)
  std::vector<int> out(16, 0);
  pool.Run(16, [&](int i) { out[static_cast<size_t>(i)] = i * i; });
  for (int i = 0; i < 16; ++i) CHECK(out[static_cast<size_t>(i)] == i * i);
}

TEST_CASE("WorkerPool: a pool destroyed right after its runs, or never run, joins its threads") {
  for (int k = 0; k < 20; ++k) {
    WorkerPool idle(4);
    WorkerPool used(4);
    std::atomic<long> sum{0};
    used.Run(8, [&](int i) { sum.fetch_add(i); });
    CHECK(sum.load() == 28);
  }
}
