#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("embedding lookup and sinusoidal features pass the gradient check") {
  core::Rng rng(81);
  const std::vector<int> indices = {2, 0, 2, 3};  // index 2 twice: its gradient accumulates
  auto lookup = GradCheck({RandomMatrix(3, 4, rng)}, [&](Tape<double>&, const std::vector<Var<double>>& in) {
    return EmbeddingLookup(in[0], std::span<const int>(indices));
  });
  CHECK_MESSAGE(lookup.relativeError < kGradTolerance, lookup.worst);
  auto sinusoidal = GradCheck({RandomMatrix(1, 5, rng)}, [](Tape<double>&, const std::vector<Var<double>>& in) {
    return SinusoidalEmbedding(in[0], 8, 100.0);
  });
  CHECK_MESSAGE(sinusoidal.relativeError < kGradTolerance, sinusoidal.worst);
  CHECK_MESSAGE(sinusoidal.smallestGradNorm > 1e-3, sinusoidal.quietest);
}

TEST_CASE("sinusoidal features follow the formula and the table matches the op") {
  Tape<double> tape;
  MatD t(1, 2);
  t << 0.0, 3.0;
  const MatD e = SinusoidalEmbedding(tape.Input(t), 4, 100.0).Value();
  CHECK(e(0, 0) == 0.0);
  CHECK(e(2, 0) == 1.0);
  CHECK(e(1, 1) == doctest::Approx(std::sin(3.0 * std::pow(100.0, -0.5))));
  CHECK(e(3, 1) == doctest::Approx(std::cos(3.0 * std::pow(100.0, -0.5))));
  const MatD table = SinusoidalTable<double>(4, 4, 100.0);
  CHECK((table.col(3) - e.col(1)).norm() < 1e-12);
  CHECK_THROWS_AS(SinusoidalTable<double>(3, 2), core::Error);
  const std::vector<int> bad = {4};
  CHECK_THROWS_AS(EmbeddingLookup(tape.Input(MatD::Zero(2, 4)), std::span<const int>(bad)), core::Error);
}

}  // namespace
}  // namespace learning::nn
