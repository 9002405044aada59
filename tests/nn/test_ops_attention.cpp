#include <doctest/doctest.h>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("scaled dot-product attention passes the gradient check, causal or not") {
  for (bool causal : {true, false}) {
    CAPTURE(causal);
    core::Rng rng(71);
    const int width = 6, seqLen = 4, samples = 2, heads = 2;
    auto result = GradCheck(
        {RandomMatrix(width, seqLen * samples, rng), RandomMatrix(width, seqLen * samples, rng),
         RandomMatrix(width, seqLen * samples, rng)},
        [&](Tape<double>&, const std::vector<Var<double>>& in) {
          return ScaledDotProductAttention(in[0], in[1], in[2], seqLen, heads, causal);
        });
    INFO("causal " << causal);
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
    CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
  }
}

TEST_CASE("attention matches the formula and the causal mask hides the future") {
  core::Rng rng(72);
  const int width = 4, seqLen = 3, samples = 2, heads = 2, dh = 2;
  MatD q = RandomMatrix(width, seqLen * samples, rng), k = RandomMatrix(width, seqLen * samples, rng),
       v = RandomMatrix(width, seqLen * samples, rng);
  Tape<double> tape;
  const MatD y = ScaledDotProductAttention(tape.Input(q), tape.Input(k), tape.Input(v), seqLen, heads, true).Value();
  // Sample 1, head 1, query position 1 attends to positions 0 and 1 only.
  const int b = 1, h = 1, t = 1;
  double w[2], sum = 0.0;
  for (int s = 0; s <= t; ++s) {
    w[s] = std::exp(q.col(b * seqLen + t).segment(h * dh, dh).dot(k.col(b * seqLen + s).segment(h * dh, dh)) /
                    std::sqrt(2.0));
    sum += w[s];
  }
  const Eigen::VectorXd expected =
      (w[0] * v.block(h * dh, b * seqLen, dh, 1) + w[1] * v.block(h * dh, b * seqLen + 1, dh, 1)) / sum;
  CHECK((y.block(h * dh, b * seqLen + t, dh, 1) - expected).norm() < 1e-12);

  // Changing the last position of sample 0 leaves sample 0's earlier outputs and all of sample 1 unchanged.
  k.col(seqLen - 1).array() += 1.0;
  v.col(seqLen - 1).array() += 1.0;
  const MatD y2 = ScaledDotProductAttention(tape.Input(q), tape.Input(k), tape.Input(v), seqLen, heads, true).Value();
  CHECK((y2.leftCols(seqLen - 1) - y.leftCols(seqLen - 1)).norm() == 0.0);
  CHECK((y2.rightCols(seqLen) - y.rightCols(seqLen)).norm() == 0.0);
  CHECK((y2.col(seqLen - 1) - y.col(seqLen - 1)).norm() > 1e-3);
  CHECK_THROWS_AS(ScaledDotProductAttention(tape.Input(q), tape.Input(k), tape.Input(v), 4, heads, true), core::Error);
}

}  // namespace
}  // namespace learning::nn
