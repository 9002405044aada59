#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("losses pass the gradient check") {
  core::Rng rng(31);
  const std::vector<int> labels = {0, 3, 1, 2, 3};
  auto ce = GradCheck({RandomMatrix(4, 5, rng)}, [&](Tape<double>&, const std::vector<Var<double>>& in) {
    return CrossEntropy(in[0], std::span<const int>(labels));
  });
  CHECK_MESSAGE(ce.relativeError < kGradTolerance, ce.worst);
  auto mse = GradCheck({RandomMatrix(2, 5, rng), RandomMatrix(2, 5, rng)},
                       [](Tape<double>&, const std::vector<Var<double>>& in) { return Mse(in[0], in[1]); });
  CHECK_MESSAGE(mse.relativeError < kGradTolerance, mse.worst);
  for (int shared = 0; shared < 2; ++shared) {
    CAPTURE(shared);
    auto gauss = GradCheck({RandomMatrix(3, 4, rng), RandomMatrix(3, 4, rng), RandomMatrix(3, shared ? 1 : 4, rng, 0.5)},
                           [](Tape<double>&, const std::vector<Var<double>>& in) {
                             return GaussianLogLikelihood(in[0], in[1], in[2]);
                           });
    CHECK_MESSAGE(gauss.relativeError < kGradTolerance, gauss.worst);
    CHECK_MESSAGE(gauss.smallestGradNorm > 1e-3, gauss.quietest);
  }
  auto kl = GradCheck({RandomMatrix(3, 4, rng), RandomMatrix(3, 4, rng, 0.5), RandomMatrix(3, 4, rng),
                       RandomMatrix(3, 4, rng, 0.5)},
                      [](Tape<double>&, const std::vector<Var<double>>& in) {
                        return KlDiagonalGaussians(in[0], in[1], in[2], in[3]);
                      });
  CHECK_MESSAGE(kl.relativeError < kGradTolerance, kl.worst);
  CHECK_MESSAGE(kl.smallestGradNorm > 1e-3, kl.quietest);
}

TEST_CASE("losses compute their formulas") {
  Tape<double> tape;
  MatD logits(3, 2);
  logits << 1, 0, 2, 0, 3, 0;
  const std::vector<int> labels = {2, 1};
  const MatD ce = CrossEntropy(tape.Input(logits), std::span<const int>(labels)).Value();
  CHECK(ce(0, 0) == doctest::Approx(std::log(std::exp(1) + std::exp(2) + std::exp(3)) - 3.0));
  CHECK(ce(0, 1) == doctest::Approx(std::log(3.0)));
  const std::vector<int> bad = {0, 3};
  CHECK_THROWS_AS(CrossEntropy(tape.Input(logits), std::span<const int>(bad)), core::Error);

  // One-dimensional Gaussian: log N(1; 0, e²) = −½(1/e)² − 1 − ½ log 2π.
  MatD x(1, 1), mean(1, 1), logStd(1, 1);
  x << 1.0;
  mean << 0.0;
  logStd << 1.0;
  const double ll = GaussianLogLikelihood(tape.Input(x), tape.Input(mean), tape.Input(logStd)).Item();
  CHECK(ll == doctest::Approx(-0.5 * std::exp(-2.0) - 1.0 - 0.5 * std::log(2.0 * std::numbers::pi)));

  // KL(N(1, 1) ‖ N(0, 1)) = ½; KL of a distribution to itself = 0.
  MatD zero = MatD::Zero(1, 1), one = MatD::Ones(1, 1);
  CHECK(KlDiagonalGaussians(tape.Input(one), tape.Input(zero), tape.Input(zero), tape.Input(zero)).Item() ==
        doctest::Approx(0.5));
  CHECK(KlDiagonalGaussians(tape.Input(one), tape.Input(one), tape.Input(one), tape.Input(one)).Item() ==
        doctest::Approx(0.0));
}

}  // namespace
}  // namespace learning::nn
