// `ildrive bench train`: how fast learning/nn trains and acts, against the plain-GEMM ceiling.
//
// The reference MLP (64 → 256 → 256 → 2, ReLU, batch 256, MSE, Adam) trains on the autodiff tape; the same
// eight matrix products a training step needs (three forward, three weight gradients, two input gradients)
// are timed with plain Eigen as the ceiling. Each is timed in several interleaved rounds and the best round
// counts, so a busy machine affects both alike. Figures: mlp.train_steps_per_s, mlp.gflops (useful FLOPs of
// those products per second of whole training steps), gemm.gflops, mlp.gemm_share, mlp.infer_us (batch-1
// forward on a gradient-free tape), and a pre-norm transformer block (history 8, width 64, 4 heads, batch 256)
// forward + backward.
#include <vector>

#include "app/cli/bench_command.h"
#include "app/cli/bench_timing.h"
#include "learning/nn/adam.h"
#include "learning/nn/mlp.h"
#include "learning/nn/ops.h"
#include "learning/nn/transformer_block.h"

namespace app {

namespace {

namespace nn = learning::nn;

constexpr int kBatch = 256;
constexpr int kInputs = 64;
constexpr int kHidden = 256;
constexpr int kOutputs = 2;
constexpr int kRounds = 7;
constexpr int kTrainStepsPerRound = 100;
constexpr int kInferCallsPerRound = 2000;
constexpr int kHistory = 8;
constexpr int kWidth = 64;
constexpr int kHeads = 4;
constexpr int kTransformerStepsPerRound = 10;

nn::Mat<float> RandomNormal(int rows, int cols, core::Rng& rng) {
  nn::Mat<float> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.Normal());
  return m;
}

// Multiply-adds ×2 of the eight products of one training step of the reference MLP.
double TrainStepFlops() {
  const double forward = 2.0 * kBatch * (kInputs * kHidden + kHidden * kHidden + kHidden * kOutputs);
  const double inputGrads = 2.0 * kBatch * (kHidden * kHidden + kHidden * kOutputs);
  return 2.0 * forward + inputGrads;
}

// The ceiling: the same products with plain Eigen matrices, no tape, no elementwise work.
double PlainGemmSecondsPerStep(core::Rng& rng, int steps) {
  using M = Eigen::MatrixXf;
  const M x = RandomNormal(kInputs, kBatch, rng), w1 = RandomNormal(kHidden, kInputs, rng),
          w2 = RandomNormal(kHidden, kHidden, rng), w3 = RandomNormal(kOutputs, kHidden, rng),
          g3 = RandomNormal(kOutputs, kBatch, rng);
  M h1(kHidden, kBatch), h2(kHidden, kBatch), out(kOutputs, kBatch), g2(kHidden, kBatch), g1(kHidden, kBatch);
  M gw1 = M::Zero(kHidden, kInputs), gw2 = M::Zero(kHidden, kHidden), gw3 = M::Zero(kOutputs, kHidden);
  double seconds = BestSecondsPerCall(kRounds, steps, [&] {
    h1.noalias() = w1 * x;
    h2.noalias() = w2 * h1;
    out.noalias() = w3 * h2;
    gw3.noalias() += g3 * h2.transpose();
    g2.noalias() = w3.transpose() * g3;
    gw2.noalias() += g2 * h1.transpose();
    g1.noalias() = w2.transpose() * g2;
    gw1.noalias() += g1 * x.transpose();
  });
  // Keep the results observable so no product is optimised away.
  if (!(gw1.allFinite() && gw2.allFinite() && gw3.allFinite() && out.allFinite())) seconds = -seconds;
  return seconds;
}

}  // namespace

Figures RunTrainBench() {
  core::Rng rng(20261125);
  nn::Parameters<float> params;
  nn::Mlp<float> mlp(params, "mlp", nn::MlpDef{kInputs, {kHidden, kHidden}, kOutputs, nn::Activation::kRelu}, rng);
  nn::Adam<float> adam(params, nn::AdamDef{1e-3});
  const nn::Mat<float> x = RandomNormal(kInputs, kBatch, rng);
  const nn::Mat<float> y = RandomNormal(kOutputs, kBatch, rng);
  nn::Tape<float> tape;
  auto trainStep = [&] {
    tape.Clear();
    adam.ZeroGrad();
    tape.Backward(nn::Mse(mlp.Forward(tape.Input(x)), tape.Input(y)));
    adam.Step();
  };

  nn::Tape<float> actTape;
  actTape.SetGradEnabled(false);
  const nn::Mat<float> observation = RandomNormal(kInputs, 1, rng);
  float actionSum = 0.f;
  auto act = [&] {
    actTape.Clear();
    actionSum += mlp.Forward(actTape.Input(observation)).Value()(0, 0);
  };

  nn::Parameters<float> blockParams;
  nn::TransformerBlock<float> block(blockParams, "block", nn::TransformerBlockDef{kWidth, kHeads, 4, true}, rng);
  const nn::Mat<float> history = RandomNormal(kWidth, kHistory * kBatch, rng);
  nn::Tape<float> blockTape;
  auto blockStep = [&] {
    blockTape.Clear();
    blockParams.ZeroGrad();
    blockTape.Backward(nn::MeanAll(nn::Square(block.Forward(blockTape.Input(history), kHistory))));
  };

  // Warm up (first-touch of the tapes' arenas, caches), then interleave the measurements.
  for (int i = 0; i < 20; ++i) trainStep();
  for (int i = 0; i < 100; ++i) act();
  blockStep();
  double trainSeconds = 1e30, gemmSeconds = 1e30, inferSeconds = 1e30, blockSeconds = 1e30;
  for (int pass = 0; pass < 2; ++pass) {
    trainSeconds = std::min(trainSeconds, BestSecondsPerCall(kRounds, kTrainStepsPerRound, trainStep));
    gemmSeconds = std::min(gemmSeconds, PlainGemmSecondsPerStep(rng, kTrainStepsPerRound));
    inferSeconds = std::min(inferSeconds, BestSecondsPerCall(kRounds, kInferCallsPerRound, act));
    blockSeconds = std::min(blockSeconds, BestSecondsPerCall(kRounds, kTransformerStepsPerRound, blockStep));
  }
  if (gemmSeconds < 0 || !std::isfinite(actionSum)) throw core::Error("bench train: a result was not finite");

  const double flops = TrainStepFlops();
  Figures figures;
  figures.Add("mlp.train_steps_per_s", 1.0 / trainSeconds);
  figures.Add("mlp.gflops", flops / trainSeconds * 1e-9);
  figures.Add("gemm.gflops", flops / gemmSeconds * 1e-9);
  figures.Add("mlp.gemm_share", gemmSeconds / trainSeconds);
  figures.Add("mlp.infer_us", inferSeconds * 1e6);
  figures.Add("transformer.fwd_bwd_ms", blockSeconds * 1e3);
  figures.Add("transformer.samples_per_s", kBatch / blockSeconds);
  return figures;
}

}  // namespace app
