#include "learning/nn/ops_reduce.h"

namespace learning::nn {

namespace {

enum ReduceKind { kAll = 0, kColwise = 1, kRowwise = 2 };

// iarg[0] = ReduceKind; sarg[0] = 1 for sums, 1/n for means.
template <class T>
void ReduceBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  MatMap<T> gx = tape.ParentGrad(node, 0);
  const T s = node.sarg[0];
  switch (node.iarg[0]) {
    case kAll: gx.array() += s * g(0, 0); break;
    case kColwise:
      for (Eigen::Index j = 0; j < gx.cols(); ++j) gx.col(j).array() += s * g(0, j);
      break;
    default:
      for (Eigen::Index j = 0; j < gx.cols(); ++j) gx.col(j) += s * g.col(0);
      break;
  }
}

template <class T>
Var<T> Reduce(Var<T> x, ReduceKind kind, bool mean) {
  Tape<T>& tape = *x.tape;
  const int rows = kind == kRowwise ? x.Rows() : 1;
  const int cols = kind == kColwise ? x.Cols() : 1;
  Var<T> y = tape.NewNode(rows, cols, {x}, &ReduceBackward<T>);
  const MatMap<T> v = tape.Value(x);
  const Eigen::Index n = kind == kAll ? v.size() : kind == kColwise ? v.rows() : v.cols();
  const T s = mean ? T(1) / static_cast<T>(n) : T(1);
  tape.At(y.id).iarg[0] = kind;
  tape.At(y.id).sarg[0] = s;
  MatMap<T> out = tape.Value(y);
  switch (kind) {
    case kAll: out(0, 0) = s * v.sum(); break;
    case kColwise: out = s * v.colwise().sum(); break;
    default: out = s * v.rowwise().sum(); break;
  }
  return y;
}

// Column-wise log Σ exp into lse (1, c), stably.
template <class T>
void ColumnLogSumExp(const MatMap<T>& x, MatMap<T> lse) {
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const T m = x.col(j).maxCoeff();
    lse(0, j) = m + std::log((x.col(j).array() - m).exp().sum());
  }
}

template <class T>
void SoftmaxBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const ConstMatMap<T> y(node.value, node.rows, node.cols);
  MatMap<T> gx = tape.ParentGrad(node, 0);
  for (Eigen::Index j = 0; j < y.cols(); ++j) {
    const T dot = g.col(j).dot(y.col(j));
    gx.col(j).array() += y.col(j).array() * (g.col(j).array() - dot);
  }
}

template <class T>
void LogSoftmaxBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const ConstMatMap<T> y(node.value, node.rows, node.cols);
  MatMap<T> gx = tape.ParentGrad(node, 0);
  for (Eigen::Index j = 0; j < y.cols(); ++j) gx.col(j).array() += g.col(j).array() - y.col(j).array().exp() * g.col(j).sum();
}

template <class T>
void LogSumExpBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const ConstMatMap<T> y(node.value, node.rows, node.cols);
  const MatMap<T> x = tape.ParentValue(node, 0);
  MatMap<T> gx = tape.ParentGrad(node, 0);
  for (Eigen::Index j = 0; j < x.cols(); ++j) gx.col(j).array() += g(0, j) * (x.col(j).array() - y(0, j)).exp();
}

}  // namespace

template <class T>
Var<T> SumAll(Var<T> x) {
  return Reduce(x, kAll, false);
}
template <class T>
Var<T> MeanAll(Var<T> x) {
  return Reduce(x, kAll, true);
}
template <class T>
Var<T> ColwiseSum(Var<T> x) {
  return Reduce(x, kColwise, false);
}
template <class T>
Var<T> ColwiseMean(Var<T> x) {
  return Reduce(x, kColwise, true);
}
template <class T>
Var<T> RowwiseSum(Var<T> x) {
  return Reduce(x, kRowwise, false);
}
template <class T>
Var<T> RowwiseMean(Var<T> x) {
  return Reduce(x, kRowwise, true);
}

template <class T>
Var<T> Softmax(Var<T> x) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Rows(), x.Cols(), {x}, &SoftmaxBackward<T>);
  const MatMap<T> v = tape.Value(x);
  MatMap<T> out = tape.Value(y);
  for (Eigen::Index j = 0; j < v.cols(); ++j) {
    out.col(j).array() = (v.col(j).array() - v.col(j).maxCoeff()).exp();
    out.col(j) /= out.col(j).sum();
  }
  return y;
}

template <class T>
Var<T> LogSoftmax(Var<T> x) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Rows(), x.Cols(), {x}, &LogSoftmaxBackward<T>);
  const MatMap<T> v = tape.Value(x);
  MatMap<T> lse(tape.Scratch(v.cols()), 1, v.cols());
  ColumnLogSumExp<T>(v, lse);
  MatMap<T> out = tape.Value(y);
  for (Eigen::Index j = 0; j < v.cols(); ++j) out.col(j).array() = v.col(j).array() - lse(0, j);
  return y;
}

template <class T>
Var<T> LogSumExp(Var<T> x) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(1, x.Cols(), {x}, &LogSumExpBackward<T>);
  ColumnLogSumExp<T>(tape.Value(x), tape.Value(y));
  return y;
}

#define ILD_INSTANTIATE_REDUCE(T)    \
  template Var<T> SumAll(Var<T>);    \
  template Var<T> MeanAll(Var<T>);   \
  template Var<T> ColwiseSum(Var<T>);  \
  template Var<T> ColwiseMean(Var<T>); \
  template Var<T> RowwiseSum(Var<T>);  \
  template Var<T> RowwiseMean(Var<T>); \
  template Var<T> Softmax(Var<T>);   \
  template Var<T> LogSoftmax(Var<T>); \
  template Var<T> LogSumExp(Var<T>);
ILD_INSTANTIATE_REDUCE(float)
ILD_INSTANTIATE_REDUCE(double)

}  // namespace learning::nn
