#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

void CheckUnary(const char* name, Var<double> (*op)(Var<double>), bool positiveInput) {
  core::Rng rng(7);
  MatD x = RandomMatrix(3, 5, rng);
  if (positiveInput) x = x.array().exp();
  auto result = GradCheck({x}, [&](Tape<double>&, const std::vector<Var<double>>& in) { return op(in[0]); });
  INFO(name);
  CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
}

TEST_CASE("unary ops pass the gradient check") {
  CheckUnary("Relu", &Relu<double>, false);
  CheckUnary("Gelu", &Gelu<double>, false);
  CheckUnary("Tanh", &Tanh<double>, false);
  CheckUnary("Sigmoid", &Sigmoid<double>, false);
  CheckUnary("Exp", &Exp<double>, false);
  CheckUnary("Log", &Log<double>, true);
  CheckUnary("Softplus", &Softplus<double>, false);
  CheckUnary("Square", &Square<double>, false);
  CheckUnary("Sqrt", &Sqrt<double>, true);
}

TEST_CASE("unary ops compute their formulas") {
  Tape<double> tape;
  MatD x(1, 4);
  x << -2.0, -0.5, 0.5, 40.0;
  Var<double> v = tape.Input(x);
  const MatD gelu = Gelu(v).Value();
  const MatD softplus = Softplus(v).Value();
  const MatD relu = Relu(v).Value();
  for (int j = 0; j < 4; ++j) {
    const double a = x(0, j);
    CHECK(relu(0, j) == doctest::Approx(std::max(a, 0.0)));
    CHECK(softplus(0, j) == doctest::Approx(std::log1p(std::exp(a))).epsilon(1e-12));
    const double tanhArg = std::sqrt(2.0 / M_PI) * (a + 0.044715 * a * a * a);
    CHECK(gelu(0, j) == doctest::Approx(0.5 * a * (1.0 + std::tanh(tanhArg))));
  }
  // Stable for large arguments.
  MatD big(1, 1);
  big << 1000.0;
  CHECK(Softplus(tape.Input(big)).Item() == doctest::Approx(1000.0));
}

TEST_CASE("scalar ops and operators pass the gradient check") {
  core::Rng rng(8);
  auto result = GradCheck({RandomMatrix(4, 3, rng), RandomMatrix(4, 3, rng)},
                          [](Tape<double>&, const std::vector<Var<double>>& in) {
                            return (in[0] * 2.5 + 1.0) - (-in[1]) * in[0] + 0.5 * in[1] - 3.0;
                          });
  CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
}

TEST_CASE("broadcasting binary ops pass the gradient check") {
  core::Rng rng(9);
  struct Case {
    int ar, ac, br, bc;
  };
  const Case cases[] = {{3, 4, 3, 4}, {3, 4, 3, 1}, {3, 4, 1, 4}, {3, 4, 1, 1}, {3, 1, 3, 4}, {3, 8, 3, 4}, {6, 4, 3, 4}};
  for (const Case& c : cases) {
    for (int op = 0; op < 4; ++op) {
      MatD a = RandomMatrix(c.ar, c.ac, rng);
      MatD b = RandomMatrix(c.br, c.bc, rng);
      if (op == 3) b = b.array().abs() + 0.5;  // keep the divisor away from zero
      auto result = GradCheck({a, b}, [op](Tape<double>&, const std::vector<Var<double>>& in) {
        switch (op) {
          case 0: return Add(in[0], in[1]);
          case 1: return Sub(in[0], in[1]);
          case 2: return Mul(in[0], in[1]);
          default: return Div(in[0], in[1]);
        }
      });
      INFO("shapes " << c.ar << "x" << c.ac << " and " << c.br << "x" << c.bc << ", op " << op);
      CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
      CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
    }
  }
}

TEST_CASE("broadcasting tiles the smaller operand") {
  Tape<double> tape;
  MatD a = MatD::Zero(2, 4);
  MatD b(2, 2);
  b << 1, 3, 2, 4;  // columns (1,2) and (3,4)
  const MatD y = Add(tape.Input(a), tape.Input(b)).Value();
  CHECK(y(0, 2) == 1.0);
  CHECK(y(1, 3) == 4.0);
  CHECK_THROWS_AS(Add(tape.Input(MatD::Zero(2, 3)), tape.Input(b)), core::Error);
}

TEST_CASE("a value used twice accumulates both gradients") {
  Tape<double> tape;
  MatD x(1, 1);
  x << 3.0;
  Var<double> v = tape.Variable(x);
  tape.Backward(SumAll(v * v + v));
  CHECK(v.Grad()(0, 0) == doctest::Approx(7.0));
}

}  // namespace
}  // namespace learning::nn
