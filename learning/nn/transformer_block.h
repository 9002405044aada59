#pragma once
// A pre-norm transformer block (GPT-2 style): x ← x + Attention(LayerNorm(x)); x ← x + MLP(LayerNorm(x)), the MLP
// being width → mlpRatio·width (GELU) → width. Pre-norm keeps the residual path an identity, which trains
// stably without warm-up tricks at these small sizes. Parameters under "<name>.ln1", ".attn", ".ln2", ".mlp".
#include <string>

#include "learning/nn/layer_norm.h"
#include "learning/nn/mlp.h"
#include "learning/nn/multi_head_self_attention.h"

namespace learning::nn {

struct TransformerBlockDef {
  int width = 64;
  int heads = 4;
  int mlpRatio = 4;
  bool causal = true;
};

template <class T>
class TransformerBlock {
 public:
  TransformerBlock() = default;
  TransformerBlock(Parameters<T>& params, const std::string& name, const TransformerBlockDef& def, core::Rng& rng);

  // x (width, seqLen·B) → (width, seqLen·B).
  Var<T> Forward(Var<T> x, int seqLen) const;

 private:
  LayerNorm<T> norm1_;
  MultiHeadSelfAttention<T> attention_;
  LayerNorm<T> norm2_;
  Mlp<T> mlp_;
};

extern template class TransformerBlock<float>;
extern template class TransformerBlock<double>;

}  // namespace learning::nn
