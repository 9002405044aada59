#pragma once
// Layer normalisation (Ba, Kiros & Hinton 2016) over the features of each sample (the module: layer_norm.h):
// y = gain ⊙ (x − mean(x)) / √(var(x) + eps) + bias, with mean and (biased) variance over the rows of each column.
#include "learning/nn/tape.h"

namespace learning::nn {

// x (d, B), gain (d, 1), bias (d, 1) → (d, B).
template <class T>
Var<T> LayerNormalize(Var<T> x, Var<T> gain, Var<T> bias, double eps = 1e-5);

}  // namespace learning::nn
