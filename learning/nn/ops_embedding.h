#pragma once
// Embeddings: a learned lookup table, and the sinusoidal features of Vaswani et al. 2017 for positions and for
// the continuous time t of flow matching. Sinusoidal features of a scalar s, for dim = 2·half:
//   row k < half: sin(s·ω_k), row half + k: cos(s·ω_k), ω_k = maxPeriod^(−k/half).
#include <span>

#include "learning/nn/tape.h"

namespace learning::nn {

// Columns of table (d, N) picked by indices (B values in [0, N)) → (d, B). The table takes the gradient.
template <class T>
Var<T> EmbeddingLookup(Var<T> table, std::span<const int> indices);

// Sinusoidal features of t (1, B) → (dim, B); dim even. Differentiable in t.
template <class T>
Var<T> SinusoidalEmbedding(Var<T> t, int dim, double maxPeriod = 10000.0);

// The same features for positions 0 … count−1 as a constant table (dim, count), e.g. to add to a sequence
// of `count` positions with broadcasting: Add(x (dim, count·B), tape.Input(table)).
template <class T>
Mat<T> SinusoidalTable(int dim, int count, double maxPeriod = 10000.0);

}  // namespace learning::nn
