#include <doctest/doctest.h>

#include "learning/nn/embedding.h"
#include "learning/nn/layer_norm.h"
#include "learning/nn/transformer_block.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

// Small but complete: every parameter of every sub-module is perturbed.
TEST_CASE("LayerNorm, MultiHeadSelfAttention and TransformerBlock pass the gradient check") {
  core::Rng rng(91);
  const int width = 8, seqLen = 3, samples = 2;
  {
    Parameters<double> params;
    LayerNorm<double> norm(params, "ln", width);
    params.Value(0) = RandomMatrix(width, 1, rng);  // away from the ones/zeros start
    params.Value(1) = RandomMatrix(width, 1, rng);
    auto result = GradCheck({RandomMatrix(width, samples, rng)},
                            [&](Tape<double>&, const std::vector<Var<double>>& in) { return norm.Forward(in[0]); },
                            &params);
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  }
  {
    Parameters<double> params;
    MultiHeadSelfAttention<double> attention(params, "attn", MultiHeadSelfAttentionDef{width, 2, true}, rng);
    auto result = GradCheck({RandomMatrix(width, seqLen * samples, rng)},
                            [&](Tape<double>&, const std::vector<Var<double>>& in) {
                              return attention.Forward(in[0], seqLen);
                            },
                            &params);
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  }
  {
    Parameters<double> params;
    TransformerBlock<double> block(params, "block", TransformerBlockDef{width, 2, 2, true}, rng);
    LearnedPositionalEmbedding<double> positions(params, "pos", width, seqLen, rng);
    for (int i = 0; i < params.Count(); ++i)  // random norms and biases so no gradient is trivially symmetric
      if (!params.Decays(i)) params.Value(i) = RandomMatrix(params.Rows(i), params.Cols(i), rng, 0.5);
    auto result = GradCheck({RandomMatrix(width, seqLen * samples, rng)},
                            [&](Tape<double>&, const std::vector<Var<double>>& in) {
                              return block.Forward(positions.Forward(in[0]), seqLen);
                            },
                            &params);
    CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
    CHECK_MESSAGE(result.smallestGradNorm > 1e-4, result.quietest);
    CHECK(params.Find("block.attn.qkv.weight") >= 0);
    CHECK(params.Find("block.mlp.1.bias") >= 0);
  }
}

TEST_CASE("Embedding looks up its table") {
  core::Rng rng(92);
  Parameters<double> params;
  Embedding<double> embedding(params, "emb", 3, 5, rng);
  Tape<double> tape;
  const std::vector<int> indices = {4, 1};
  const Mat<double> e = embedding.Forward(tape, indices).Value();
  CHECK(e.col(0) == params.Value(0).col(4));
  CHECK(e.col(1) == params.Value(0).col(1));
  CHECK(params.Value(0).norm() > 0.0);
}

}  // namespace
}  // namespace learning::nn
