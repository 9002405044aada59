#pragma once
// Broadcasting by tiling, shared by the elementwise ops (see ops_elementwise.h for the rule).
#include <string>

#include "learning/nn/tape.h"

namespace learning::nn {

// The output extent of one dimension: the larger of a and b, which the smaller must divide.
inline int BroadcastExtent(int a, int b, const char* op) {
  const int big = a > b ? a : b;
  const int small = a > b ? b : a;
  if (big % small != 0)
    throw core::Error(std::string(op) + ": cannot broadcast extents " + std::to_string(a) + " and " +
                      std::to_string(b) + " (the smaller must divide the larger)");
  return big;
}

// `source` tiled to (rows, cols) in tape scratch storage, or `source` itself when it already has that shape.
// Copies whole columns and segments: Eigen's replicate() with run-time factors computes a modulo per element,
// which made broadcasting several times slower than the arithmetic.
template <class T>
MatMap<T> Expanded(Tape<T>& tape, const MatMap<T>& source, int rows, int cols) {
  const Eigen::Index r = source.rows();
  const Eigen::Index c = source.cols();
  if (r == rows && c == cols) return source;
  MatMap<T> out(tape.Scratch(static_cast<std::ptrdiff_t>(rows) * cols), rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto column = source.col(j % c);
    if (r == 1)
      out.col(j).setConstant(column(0));
    else
      for (Eigen::Index i = 0; i < rows; i += r) out.col(j).segment(i, r) = column;
  }
  return out;
}

// target (r, c) += the sum of the (r, c) tiles of source (R, C).
template <class T>
void AccumulateTiled(MatMap<T> target, const MatMap<T>& source) {
  const Eigen::Index r = target.rows();
  const Eigen::Index c = target.cols();
  if (r == source.rows() && c == source.cols()) {
    target += source;
  } else if (c == 1 && r == source.rows()) {
    target += source.rowwise().sum();
  } else if (r == 1 && c == source.cols()) {
    target += source.colwise().sum();
  } else {
    for (Eigen::Index j = 0; j < source.cols(); j += c)
      for (Eigen::Index i = 0; i < source.rows(); i += r) target += source.block(i, j, r, c);
  }
}

}  // namespace learning::nn
