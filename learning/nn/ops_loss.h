#pragma once
// Losses and log-densities. Per-sample results are (1, B) so heads can weight, mask or sum them;
// take MeanAll for a scalar loss.
#include <span>

#include "learning/nn/tape.h"

namespace learning::nn {

// mean((pred − target)²) over all elements → (1, 1). Both take gradients.
template <class T>
Var<T> Mse(Var<T> pred, Var<T> target);

// −log softmax(logits)[label] per column: logits (K, B), labels B values in [0, K) → (1, B).
template <class T>
Var<T> CrossEntropy(Var<T> logits, std::span<const int> labels);

// log N(x; mean, diag(exp(logStd))²) per column, summed over dimensions → (1, B).
// x, mean (d, B); logStd (d, B) or (d, 1) shared by all samples. All three take gradients.
template <class T>
Var<T> GaussianLogLikelihood(Var<T> x, Var<T> mean, Var<T> logStd);

// KL(N(mean1, σ1²) ‖ N(mean2, σ2²)) of diagonal Gaussians, summed over dimensions → (1, B).
// All four (d, B).
template <class T>
Var<T> KlDiagonalGaussians(Var<T> mean1, Var<T> logStd1, Var<T> mean2, Var<T> logStd2);

}  // namespace learning::nn
