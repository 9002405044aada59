#include <doctest/doctest.h>

#include "core/error.h"
#include "learning/policies/chunk_executor.h"

using namespace learning::policies;

namespace {
// A chunk whose action k is (base + k, −(base + k)).
Eigen::VectorXf Ramp(int chunk, float base) {
  Eigen::VectorXf c(2 * chunk);
  for (int k = 0; k < chunk; ++k) {
    c(2 * k) = base + static_cast<float>(k);
    c(2 * k + 1) = -(base + static_cast<float>(k));
  }
  return c;
}
}  // namespace

TEST_CASE("ChunkExecutor: plays the first h of H actions, then asks again") {
  ChunkExecutor executor(4, 3, false, 0.0);
  CHECK(executor.NeedsPlan());
  executor.Push(Ramp(4, 10.f));
  for (int k = 0; k < 3; ++k) {
    CHECK_FALSE(executor.NeedsPlan());
    const Eigen::Vector2f a = executor.Next();
    CHECK(a(0) == 10.f + static_cast<float>(k));
    CHECK(a(1) == -(10.f + static_cast<float>(k)));
  }
  CHECK(executor.NeedsPlan());
  executor.Push(Ramp(4, 20.f));
  CHECK(executor.Next()(0) == 20.f);
  executor.Reset();
  CHECK(executor.NeedsPlan());
  CHECK_THROWS_AS(executor.Push(Ramp(3, 0.f)), core::Error);
}

TEST_CASE("ChunkExecutor: temporal ensembling averages the overlapping predictions for each step") {
  ChunkExecutor executor(3, 1, true, 0.0);  // m = 0: plain average
  // Chunks predicted at steps 0, 1, 2: chunk s predicts value 100·s + t for absolute step t ≥ s.
  for (int step = 0; step < 3; ++step) {
    CHECK(executor.NeedsPlan());
    Eigen::VectorXf c(6);
    for (int k = 0; k < 3; ++k) c(2 * k) = c(2 * k + 1) = 100.f * step + static_cast<float>(step + k);
    executor.Push(c);
    const Eigen::Vector2f a = executor.Next();
    // Step t averages chunks s = 0..t: mean(100·s) + t.
    float expected = 0.f;
    for (int s = 0; s <= step; ++s) expected += 100.f * s;
    expected = expected / static_cast<float>(step + 1) + static_cast<float>(step);
    CHECK(a(0) == doctest::Approx(expected));
  }
  // At step 3 the chunk from step 0 has expired (H = 3): only chunks 1, 2, 3 remain.
  Eigen::VectorXf c(6);
  for (int k = 0; k < 3; ++k) c(2 * k) = c(2 * k + 1) = 300.f + static_cast<float>(3 + k);
  executor.Push(c);
  CHECK(executor.Next()(0) == doctest::Approx((100.f + 200.f + 300.f) / 3.f + 3.f));
}

TEST_CASE("ChunkExecutor: a positive decay weighs the oldest prediction most") {
  ChunkExecutor executor(2, 1, true, 1.0);
  Eigen::VectorXf first(4), second(4);
  first << 0.f, 0.f, 0.f, 0.f;
  second << 1.f, 1.f, 1.f, 1.f;
  executor.Push(first);
  executor.Next();
  executor.Push(second);
  const float a = executor.Next()(0);  // weights 1 (oldest, value 0) and e^−1 (newest, value 1)
  CHECK(a == doctest::Approx(std::exp(-1.0) / (1.0 + std::exp(-1.0))));
}
