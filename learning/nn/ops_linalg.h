#pragma once
// Matrix products and shape ops. Shape mismatches throw core::Error naming the op and both shapes.
#include <vector>

#include "learning/nn/tape.h"

namespace learning::nn {

// a (m, k) · b (k, n) → (m, n).
template <class T>
Var<T> Matmul(Var<T> a, Var<T> b);
// w (m, k) · x (k, n) + bias (m, 1) broadcast over columns → (m, n). One node: the Linear layer's op.
template <class T>
Var<T> Affine(Var<T> w, Var<T> x, Var<T> bias);
// w (m, k) · x (k, n) without a bias.
template <class T>
Var<T> Affine(Var<T> w, Var<T> x);
// (m, n) → (n, m).
template <class T>
Var<T> Transpose(Var<T> x);
// Column-major reinterpretation, e.g. n frames of (d, n·B) → (d·n, B) (frame stacking). Same element count.
template <class T>
Var<T> Reshape(Var<T> x, int rows, int cols);

// Stack along rows (features): all parts have the same column count.
template <class T>
Var<T> ConcatRows(const std::vector<Var<T>>& parts);
// Rows [start, start + count).
template <class T>
Var<T> SliceRows(Var<T> x, int start, int count);
// Join along columns (batch): all parts have the same row count.
template <class T>
Var<T> ConcatCols(const std::vector<Var<T>>& parts);
// Columns [start, start + count).
template <class T>
Var<T> SliceCols(Var<T> x, int start, int count);

}  // namespace learning::nn
