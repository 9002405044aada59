#include "learning/nn/multi_head_self_attention.h"

#include "learning/nn/ops_attention.h"
#include "learning/nn/ops_linalg.h"

namespace learning::nn {

template <class T>
MultiHeadSelfAttention<T>::MultiHeadSelfAttention(Parameters<T>& params, const std::string& name,
                                                  const MultiHeadSelfAttentionDef& def, core::Rng& rng)
    : def_(def) {
  ILD_CHECK(def.width > 0 && def.heads > 0 && def.width % def.heads == 0, "width must be a multiple of heads");
  qkv_ = Linear<T>(params, name + ".qkv", LinearDef{def.width, 3 * def.width, true, Init::kXavierUniform}, rng);
  out_ = Linear<T>(params, name + ".out", LinearDef{def.width, def.width, true, Init::kXavierUniform}, rng);
}

template <class T>
Var<T> MultiHeadSelfAttention<T>::Forward(Var<T> x, int seqLen) const {
  const int w = def_.width;
  Var<T> qkv = qkv_.Forward(x);  // (3·width, seqLen·B)
  Var<T> attended = ScaledDotProductAttention(SliceRows(qkv, 0, w), SliceRows(qkv, w, w), SliceRows(qkv, 2 * w, w),
                                              seqLen, def_.heads, def_.causal);
  return out_.Forward(attended);
}

template class MultiHeadSelfAttention<float>;
template class MultiHeadSelfAttention<double>;

}  // namespace learning::nn
