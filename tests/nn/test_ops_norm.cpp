#include <doctest/doctest.h>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("layer normalisation passes the gradient check") {
  core::Rng rng(61);
  auto result = GradCheck({RandomMatrix(5, 4, rng, 2.0), RandomMatrix(5, 1, rng), RandomMatrix(5, 1, rng)},
                          [](Tape<double>&, const std::vector<Var<double>>& in) {
                            return LayerNormalize(in[0], in[1], in[2]);
                          });
  CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
}

TEST_CASE("layer normalisation gives zero mean and unit variance per sample") {
  core::Rng rng(62);
  Tape<double> tape;
  const MatD y = LayerNormalize(tape.Input(RandomMatrix(6, 3, rng, 5.0)), tape.Input(MatD::Ones(6, 1)),
                                tape.Input(MatD::Zero(6, 1)), 0.0)
                     .Value();
  for (int j = 0; j < 3; ++j) {
    CHECK(y.col(j).mean() == doctest::Approx(0.0).epsilon(1e-12));
    CHECK(y.col(j).squaredNorm() / 6.0 == doctest::Approx(1.0));
  }
  CHECK_THROWS_AS(LayerNormalize(tape.Input(MatD::Ones(6, 3)), tape.Input(MatD::Ones(5, 1)),
                                 tape.Input(MatD::Zero(6, 1))),
                  core::Error);
}

}  // namespace
}  // namespace learning::nn
