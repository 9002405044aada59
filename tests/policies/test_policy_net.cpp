// Gradient checks of every registered head's loss (through each encoder) in double precision: central
// differences over the observation input and every parameter tensor, relative error below nn's bound.
#include <doctest/doctest.h>

#include "learning/policies/policy_net.h"
#include "learning/policies/policy_registry.h"
#include "tests/nn/grad_check.h"

using namespace learning::policies;
namespace nn = learning::nn;
namespace nt = learning::nn::testing;

namespace {

// Tiny sizes: every head option small so the check (two evaluations per scalar) stays fast.
PolicyConfig TinyConfig(const PolicyEntry& entry, const std::string& encoder) {
  PolicyConfig c = entry.defaults;
  c.encoder = ParseEncoderKind(encoder);
  c.history = encoder == "mlp" ? 1 : 2;
  c.chunk = 2;
  c.execute = 1;
  c.width = 6;
  c.depth = 1;
  c.attentionHeads = 2;
  c.bins = 5;
  c.binEmbedding = 3;
  c.mixtures = 2;
  c.flowLayers = 2;
  c.flowNoise = 0.0;  // the noise is a constant shift of the input here; zero keeps the check about the flow
  c.flowSteps = 3;
  c.diffusionSteps = 4;
  c.ddimSteps = 2;
  c.latentDim = 2;
  c.seed = 21;
  return c;
}

}  // namespace

TEST_CASE("PolicyNet: every head's loss passes a double-precision gradient check through every encoder") {
  const int frameDim = 3;
  for (const PolicyEntry& entry : PolicyRegistry()) {
    for (const std::string encoder : {"mlp", "stack", "transformer"}) {
      CAPTURE(entry.name);
      CAPTURE(encoder);
      const PolicyConfig config = TinyConfig(entry, encoder);
      PolicyNet<double> net(config, frameDim);
      const int batch = 3;
      core::Rng rng(5);
      nt::MatD obs = nt::RandomMatrix(net.InputDim(), batch, rng);
      nt::MatD actions = nt::RandomMatrix(net.ActionDim(), batch, rng, 0.4);
      const nt::GradCheckResult result = nt::GradCheck(
          {obs},
          [&](nn::Tape<double>&, const std::vector<nn::Var<double>>& leaves) {
            core::Rng noise(77);  // the same training noise in every evaluation
            return net.Loss(leaves[0], actions, noise);
          },
          &net.Params());
      CHECK_MESSAGE(result.relativeError < nt::kGradTolerance, result.worst);
      CHECK_MESSAGE(result.smallestGradNorm > 1e-9, result.quietest);  // every tensor takes part in the loss
    }
  }
}

TEST_CASE("PolicyNet: float and double builds of one config hold the same initial weights") {
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    PolicyNet<float> f(TinyConfig(entry, "mlp"), 3);
    PolicyNet<double> d(TinyConfig(entry, "mlp"), 3);
    REQUIRE(f.Params().Count() == d.Params().Count());
    for (int i = 0; i < f.Params().Count(); ++i)
      CHECK((f.Params().Value(i).cast<double>() - d.Params().Value(i)).cwiseAbs().maxCoeff() < 1e-6);
  }
}
