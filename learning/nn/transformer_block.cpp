#include "learning/nn/transformer_block.h"

namespace learning::nn {

template <class T>
TransformerBlock<T>::TransformerBlock(Parameters<T>& params, const std::string& name, const TransformerBlockDef& def,
                                      core::Rng& rng)
    : norm1_(params, name + ".ln1", def.width),
      attention_(params, name + ".attn", MultiHeadSelfAttentionDef{def.width, def.heads, def.causal}, rng),
      norm2_(params, name + ".ln2", def.width),
      mlp_(params, name + ".mlp",
           MlpDef{def.width, {def.mlpRatio * def.width}, def.width, Activation::kGelu, Activation::kNone,
                  Init::kXavierUniform},
           rng) {}

template <class T>
Var<T> TransformerBlock<T>::Forward(Var<T> x, int seqLen) const {
  x = Add(x, attention_.Forward(norm1_.Forward(x), seqLen));
  return Add(x, mlp_.Forward(norm2_.Forward(x)));
}

template class TransformerBlock<float>;
template class TransformerBlock<double>;

}  // namespace learning::nn
