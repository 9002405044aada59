#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/linear.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("Linear passes the gradient check (weights, bias and input)") {
  core::Rng rng(41);
  Parameters<double> params;
  Linear<double> layer(params, "fc", LinearDef{4, 3}, rng);
  layer.Bias().Value() = RandomMatrix(3, 1, rng);
  auto result = GradCheck({RandomMatrix(4, 6, rng)},
                          [&](Tape<double>&, const std::vector<Var<double>>& in) { return layer.Forward(in[0]); }, &params);
  CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  CHECK_MESSAGE(result.smallestGradNorm > 1e-3, result.quietest);
  CHECK(params.Find("fc.weight") == 0);
  CHECK(params.Find("fc.bias") == 1);
}

TEST_CASE("initialisers draw with the stated scale") {
  core::Rng rng(42);
  Parameters<double> params;
  ParamRef<double> kaiming = params.Add("k", 200, 100);
  ParamRef<double> xavier = params.Add("x", 200, 100);
  Initialise(kaiming.Value(), Init::kKaimingUniform, rng);
  Initialise(xavier.Value(), Init::kXavierNormal, rng);
  auto stddev = [](const MatMap<double>& m) { return std::sqrt(m.squaredNorm() / static_cast<double>(m.size())); };
  CHECK(stddev(kaiming.Value()) == doctest::Approx(std::sqrt(2.0 / 100.0)).epsilon(0.03));
  CHECK(stddev(xavier.Value()) == doctest::Approx(std::sqrt(2.0 / 300.0)).epsilon(0.03));
  CHECK(kaiming.Value().cwiseAbs().maxCoeff() <= std::sqrt(6.0 / 100.0));
}

}  // namespace
}  // namespace learning::nn
