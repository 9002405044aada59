#pragma once
// Scaled dot-product attention (Vaswani et al. 2017) over sequences laid out as `seqLen` adjacent columns per
// sample: q, k, v are (heads·dh, seqLen·B); column b·seqLen + t is position t of sample b. For each sample and
// head, the weights of query t over keys s are softmax_s(k_s·q_t / √dh), restricted to s ≤ t when `causal`
// (a position sees only itself and the past), and the output at t is Σ_s weight·v_s. Output (heads·dh, seqLen·B).
#include "learning/nn/tape.h"

namespace learning::nn {

template <class T>
Var<T> ScaledDotProductAttention(Var<T> q, Var<T> k, Var<T> v, int seqLen, int heads, bool causal);

}  // namespace learning::nn
