#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("reductions pass the gradient check") {
  core::Rng rng(21);
  Var<double> (*ops[])(Var<double>) = {&SumAll<double>,     &MeanAll<double>,    &ColwiseSum<double>,
                                       &ColwiseMean<double>, &RowwiseSum<double>, &RowwiseMean<double>};
  const char* names[] = {"SumAll", "MeanAll", "ColwiseSum", "ColwiseMean", "RowwiseSum", "RowwiseMean"};
  for (int i = 0; i < 6; ++i) {
    auto* op = ops[i];
    CAPTURE(names[i]);
    auto result = GradCheck({RandomMatrix(3, 5, rng)}, [op](Tape<double>&, const std::vector<Var<double>>& in) {
      return op(Square(in[0]));
    });
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
    CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
  }
}

TEST_CASE("reductions have the documented shapes and values") {
  Tape<double> tape;
  MatD x(2, 3);
  x << 1, 2, 3, 4, 5, 6;
  Var<double> v = tape.Input(x);
  CHECK(ColwiseSum(v).Value() == (MatD(1, 3) << 5, 7, 9).finished());
  CHECK(RowwiseMean(v).Value() == (MatD(2, 1) << 2, 5).finished());
  CHECK(MeanAll(v).Item() == doctest::Approx(3.5));
}

TEST_CASE("softmax, log-softmax and logsumexp pass the gradient check") {
  core::Rng rng(22);
  Var<double> (*ops[])(Var<double>) = {&Softmax<double>, &LogSoftmax<double>, &LogSumExp<double>};
  const char* names[] = {"Softmax", "LogSoftmax", "LogSumExp"};
  for (int i = 0; i < 3; ++i) {
    auto* op = ops[i];
    CAPTURE(names[i]);
    auto result = GradCheck({RandomMatrix(4, 3, rng, 2.0)},
                            [op](Tape<double>&, const std::vector<Var<double>>& in) { return op(in[0]); });
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
    CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
  }
}

TEST_CASE("softmax family is consistent and stable for large logits") {
  Tape<double> tape;
  MatD x(3, 2);
  x << 1000, -5, 1001, 0, 999, 5;
  Var<double> v = tape.Input(x);
  const MatD p = Softmax(v).Value();
  const MatD logP = LogSoftmax(v).Value();
  const MatD lse = LogSumExp(v).Value();
  CHECK(p.colwise().sum().isApprox(MatD::Ones(1, 2)));
  CHECK((p.array().log() - logP.array()).abs().maxCoeff() < 1e-12);
  CHECK(lse(0, 0) == doctest::Approx(1001.0 + std::log(1.0 + std::exp(-1.0) + std::exp(-2.0))));
  CHECK(std::isfinite(lse(0, 1)));
}

}  // namespace
}  // namespace learning::nn
