#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/ops.h"
#include "learning/nn/parameters.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("a cleared tape reuses its storage and reproduces the same values") {
  core::Rng rng(1);
  const MatD x = RandomMatrix(16, 300, rng);  // large enough to need more than the first arena block
  Tape<double> tape;
  std::ptrdiff_t capacity = 0;
  double first = 0.0;
  for (int step = 0; step < 4; ++step) {
    tape.Clear();
    Var<double> v = tape.Variable(x);
    Var<double> loss = MeanAll(Square(Tanh(v) * v));
    tape.Backward(loss);
    if (step == 0) first = loss.Item();
    CHECK(loss.Item() == first);
    if (step == 1) capacity = tape.ArenaCapacity();
    if (step > 1) CHECK(tape.ArenaCapacity() == capacity);
  }
}

TEST_CASE("parameter gradients land in the store and accumulate until ZeroGrad") {
  Parameters<double> params;
  ParamRef<double> w = params.Add("w", 2, 1);
  w.Value() << 1.0, 2.0;
  Tape<double> tape;
  for (int pass = 0; pass < 2; ++pass) {
    tape.Clear();
    tape.Backward(SumAll(Square(tape.Param(w))));
  }
  CHECK(w.Grad()(0, 0) == doctest::Approx(4.0));  // 2·(2·w) over two passes
  CHECK(w.Grad()(1, 0) == doctest::Approx(8.0));
  params.ZeroGrad();
  CHECK(w.Grad().norm() == 0.0);
}

TEST_CASE("a branch the loss does not use gets a zero gradient, a second backward starts afresh") {
  Tape<double> tape;
  MatD x(1, 2);
  x << 1.0, -2.0;
  Var<double> v = tape.Variable(x);
  Var<double> unused = Exp(v);  // takes gradients, but the loss below does not depend on it
  Var<double> loss = SumAll(Square(v));
  tape.Backward(loss);
  CHECK(unused.Grad().norm() == 0.0);
  CHECK(v.Grad()(0, 1) == doctest::Approx(-4.0));
  tape.Backward(SumAll(unused));  // d/dv Σ exp(v) = exp(v), not added to the previous pass
  CHECK(v.Grad()(0, 0) == doctest::Approx(std::exp(1.0)));
  CHECK(v.Grad()(0, 1) == doctest::Approx(std::exp(-2.0)));
}

TEST_CASE("with gradients disabled the tape records values only") {
  Parameters<double> params;
  ParamRef<double> w = params.Add("w", 1, 1);
  w.Value()(0, 0) = 3.0;
  Tape<double> tape;
  tape.SetGradEnabled(false);
  Var<double> y = Square(tape.Param(w));
  CHECK(y.Item() == doctest::Approx(9.0));
  CHECK_FALSE(tape.HasGrad(y.id));
  tape.SetGradEnabled(true);
  tape.Clear();
  CHECK(tape.HasGrad(Square(tape.Param(w)).id));
  CHECK_FALSE(tape.HasGrad(Square(tape.Input(MatD::Ones(1, 1))).id));  // constants carry no gradient
}

TEST_CASE("parameters have a flat, aligned layout and unique names") {
  Parameters<float> params;
  params.Add("a", 3, 3);
  params.Add("b", 5, 1, false);
  CHECK(params.Count() == 2);
  CHECK(params.NumScalars() == 14);
  CHECK(params.Offset(1) % 16 == 0);
  CHECK(params.Find("b") == 1);
  CHECK(params.Find("c") == -1);
  CHECK_FALSE(params.Decays(1));
  CHECK(params.Value(1).data() == params.FlatValues().data() + params.Offset(1));
}

}  // namespace
}  // namespace learning::nn
