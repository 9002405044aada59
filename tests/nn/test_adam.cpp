#include <doctest/doctest.h>

#include <cmath>

#include "learning/nn/adam.h"

namespace learning::nn {
namespace {

// Three steps of Adam/AdamW on two tensors with fixed gradients, against the formulas written out by hand.
void CheckAgainstHand(double weightDecay) {
  Parameters<double> params;
  ParamRef<double> w = params.Add("w", 2, 1, true);
  ParamRef<double> b = params.Add("b", 1, 1, false);
  w.Value() << 0.5, -1.0;
  b.Value() << 2.0;
  const AdamDef def{0.1, 0.8, 0.9, 1e-3, weightDecay};
  Adam<double> adam(params, def);

  double p[3] = {0.5, -1.0, 2.0}, m[3] = {0, 0, 0}, v[3] = {0, 0, 0};
  const bool decays[3] = {true, true, false};
  const double grads[3][3] = {{0.3, -0.2, 1.0}, {0.1, 0.4, -0.5}, {-0.2, 0.0, 0.25}};
  for (int t = 1; t <= 3; ++t) {
    w.Grad() << grads[t - 1][0], grads[t - 1][1];
    b.Grad() << grads[t - 1][2];
    adam.Step();
    for (int i = 0; i < 3; ++i) {
      const double g = grads[t - 1][i];
      if (decays[i]) p[i] -= def.learningRate * weightDecay * p[i];
      m[i] = def.beta1 * m[i] + (1 - def.beta1) * g;
      v[i] = def.beta2 * v[i] + (1 - def.beta2) * g * g;
      const double mHat = m[i] / (1 - std::pow(def.beta1, t));
      const double vHat = v[i] / (1 - std::pow(def.beta2, t));
      p[i] -= def.learningRate * mHat / (std::sqrt(vHat) + def.epsilon);
    }
    CHECK(adam.StepCount() == t);
    CHECK(w.Value()(0, 0) == doctest::Approx(p[0]).epsilon(1e-12));
    CHECK(w.Value()(1, 0) == doctest::Approx(p[1]).epsilon(1e-12));
    CHECK(b.Value()(0, 0) == doctest::Approx(p[2]).epsilon(1e-12));
  }
}

TEST_CASE("Adam matches a step computed by hand") { CheckAgainstHand(0.0); }

TEST_CASE("AdamW matches a step computed by hand and decays only decaying tensors") {
  CheckAgainstHand(0.5);
  // With zero gradients only the decoupled decay moves the weights.
  Parameters<double> params;
  ParamRef<double> w = params.Add("w", 1, 1, true);
  ParamRef<double> b = params.Add("b", 1, 1, false);
  w.Value() << 1.0;
  b.Value() << 1.0;
  Adam<double> adamw(params, AdamDef{0.1, 0.9, 0.999, 1e-8, 0.01});
  adamw.Step();
  CHECK(w.Value()(0, 0) == doctest::Approx(1.0 - 0.1 * 0.01));
  CHECK(b.Value()(0, 0) == 1.0);
}

}  // namespace
}  // namespace learning::nn
