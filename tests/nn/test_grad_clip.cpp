#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/grad_clip.h"

namespace learning::nn {
namespace {

TEST_CASE("clipping by global norm matches the formula") {
  Parameters<double> params;
  ParamRef<double> a = params.Add("a", 2, 1);
  ParamRef<double> b = params.Add("b", 1, 1);
  a.Grad() << 3.0, 0.0;
  b.Grad() << 4.0;  // global norm 5
  CHECK(GlobalGradNorm(params) == doctest::Approx(5.0));

  CHECK(ClipGradNorm(params, 10.0) == doctest::Approx(5.0));  // under the limit: unchanged
  CHECK(a.Grad()(0, 0) == 3.0);

  CHECK(ClipGradNorm(params, 1.0) == doctest::Approx(5.0));
  const double factor = 1.0 / (5.0 + 1e-6);
  CHECK(a.Grad()(0, 0) == doctest::Approx(3.0 * factor));
  CHECK(b.Grad()(0, 0) == doctest::Approx(4.0 * factor));
  CHECK(GlobalGradNorm(params) == doctest::Approx(1.0).epsilon(1e-6));
}

}  // namespace
}  // namespace learning::nn
