#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "learning/nn/adam.h"
#include "learning/nn/mlp.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("MLP passes the gradient check for every activation") {
  for (Activation activation : {Activation::kRelu, Activation::kGelu, Activation::kTanh, Activation::kSigmoid}) {
    CAPTURE(static_cast<int>(activation));  // the order of the list: relu, gelu, tanh, sigmoid
    core::Rng rng(51);
    Parameters<double> params;
    Mlp<double> mlp(params, "mlp", MlpDef{3, {5, 4}, 2, activation, Activation::kTanh}, rng);
    // Random biases: with zero biases a sample whose hidden units are all off puts the next ReLU exactly on its
    // kink (pre-activation 0), where the one-sided derivative and the central difference rightly disagree.
    for (const Linear<double>& layer : mlp.Layers()) layer.Bias().Value() = RandomMatrix(layer.Outputs(), 1, rng, 0.5);
    auto result = GradCheck({RandomMatrix(3, 4, rng)},
                            [&](Tape<double>&, const std::vector<Var<double>>& in) { return mlp.Forward(in[0]); },
                            &params);
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
    CHECK(params.Count() == 6);
  }
}

// The target: y = sin(2·x1)·cos(x2) on [−1.5, 1.5]², variance ≈ 0.2.
Mat<float> Target(const Mat<float>& x) {
  return ((2.f * x.row(0).array()).sin() * x.row(1).array().cos()).matrix();
}

struct FitResult {
  Vec<float> weights;
  double testMse = 0.0;
};

FitResult Fit(uint64_t seed, int steps) {
  core::Rng rng(seed);
  core::Rng dataRng(99);  // same data for every seed
  Mat<float> train(2, 512);
  for (Eigen::Index i = 0; i < train.size(); ++i) train.data()[i] = static_cast<float>(dataRng.Uniform(-1.5, 1.5));
  Mat<float> test(2, 512);
  for (Eigen::Index i = 0; i < test.size(); ++i) test.data()[i] = static_cast<float>(dataRng.Uniform(-1.5, 1.5));
  const Mat<float> trainY = Target(train), testY = Target(test);

  Parameters<float> params;
  Mlp<float> mlp(params, "mlp", MlpDef{2, {64, 64}, 1, Activation::kTanh}, rng);
  Adam<float> adam(params, AdamDef{3e-3});
  Tape<float> tape;
  for (int step = 0; step < steps; ++step) {
    tape.Clear();
    adam.ZeroGrad();
    tape.Backward(Mse(mlp.Forward(tape.Input(train)), tape.Input(trainY)));
    adam.Step();
  }
  tape.Clear();
  tape.SetGradEnabled(false);
  FitResult result;
  result.testMse = Mse(mlp.Forward(tape.Input(test)), tape.Input(testY)).Item();
  result.weights = params.FlatValues();
  return result;
}

TEST_CASE("an MLP fits a known nonlinear function") {
  const FitResult fit = Fit(1, 3000);
  MESSAGE("held-out MSE " << fit.testMse);
  // The target's variance is about 0.2; a fitted net gets the held-out error three orders of magnitude lower.
  CHECK(fit.testMse < 2e-4);
}

TEST_CASE("training is bit-for-bit deterministic for a seed") {
  const FitResult a = Fit(5, 60);
  const FitResult b = Fit(5, 60);
  const FitResult c = Fit(6, 60);
  CHECK(a.weights.size() == b.weights.size());
  CHECK(std::memcmp(a.weights.data(), b.weights.data(), sizeof(float) * static_cast<size_t>(a.weights.size())) == 0);
  CHECK(a.weights != c.weights);
}

}  // namespace
}  // namespace learning::nn
