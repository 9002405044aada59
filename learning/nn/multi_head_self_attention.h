#pragma once
// Multi-head self-attention over sequences laid out as seqLen adjacent columns per sample (ops_attention.h):
// one Linear projects x to queries, keys and values at once ("<name>.qkv", width → 3·width), attention runs per
// head, and "<name>.out" projects the heads back (width → width). Causal by default: position t attends to
// positions ≤ t, so the last position of a history summarises it without seeing the future.
#include <string>

#include "learning/nn/linear.h"

namespace learning::nn {

struct MultiHeadSelfAttentionDef {
  int width = 64;  // model width, a multiple of heads
  int heads = 4;
  bool causal = true;
};

template <class T>
class MultiHeadSelfAttention {
 public:
  MultiHeadSelfAttention() = default;
  MultiHeadSelfAttention(Parameters<T>& params, const std::string& name, const MultiHeadSelfAttentionDef& def,
                         core::Rng& rng);

  // x (width, seqLen·B) → (width, seqLen·B).
  Var<T> Forward(Var<T> x, int seqLen) const;

 private:
  MultiHeadSelfAttentionDef def_;
  Linear<T> qkv_;
  Linear<T> out_;
};

extern template class MultiHeadSelfAttention<float>;
extern template class MultiHeadSelfAttention<double>;

}  // namespace learning::nn
