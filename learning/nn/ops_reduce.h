#pragma once
// Reductions and normalised exponentials. Eigen's vocabulary: "colwise" reduces each column (over the rows,
// i.e. over features, giving (1, B)); "rowwise" reduces each row (over the batch, giving (d, 1)).
#include "learning/nn/tape.h"

namespace learning::nn {

// (r, c) → (1, 1).
template <class T>
Var<T> SumAll(Var<T> x);
template <class T>
Var<T> MeanAll(Var<T> x);
// (r, c) → (1, c): over the features of each sample.
template <class T>
Var<T> ColwiseSum(Var<T> x);
template <class T>
Var<T> ColwiseMean(Var<T> x);
// (r, c) → (r, 1): over the batch.
template <class T>
Var<T> RowwiseSum(Var<T> x);
template <class T>
Var<T> RowwiseMean(Var<T> x);

// Over the rows of each column (one distribution per sample): (K, B) → (K, B).
template <class T>
Var<T> Softmax(Var<T> x);
template <class T>
Var<T> LogSoftmax(Var<T> x);
// log Σ_k exp(x_k) of each column, stably: (K, B) → (1, B). Mixture likelihoods.
template <class T>
Var<T> LogSumExp(Var<T> x);

}  // namespace learning::nn
