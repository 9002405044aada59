#include "learning/nn/ops_attention.h"

#include <cmath>
#include <string>

namespace learning::nn {

namespace {

// iarg: seqLen, heads, causal. sarg[0]: 1/√dh. aux: the attention weights, one (seqLen keys, seqLen queries)
// block per (sample, head), sample-major.
template <class T>
void AttentionBackward(Tape<T>& tape, const Node<T>& node) {
  const int n = node.iarg[0];
  const int heads = node.iarg[1];
  const int dh = node.rows / heads;
  const int samples = node.cols / n;
  const T scale = node.sarg[0];
  const MatMap<T> q = tape.ParentValue(node, 0);
  const MatMap<T> k = tape.ParentValue(node, 1);
  const MatMap<T> v = tape.ParentValue(node, 2);
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const bool gq = tape.ParentHasGrad(node, 0);
  const bool gk = tape.ParentHasGrad(node, 1);
  const bool gv = tape.ParentHasGrad(node, 2);
  MatMap<T> dP(tape.Scratch(static_cast<std::ptrdiff_t>(n) * n), n, n);
  for (int b = 0; b < samples; ++b) {
    for (int h = 0; h < heads; ++h) {
      const ConstMatMap<T> p(node.aux + (static_cast<std::ptrdiff_t>(b) * heads + h) * n * n, n, n);
      const auto gBlock = g.block(h * dh, b * n, dh, n);
      if (gv) tape.ParentGrad(node, 2).block(h * dh, b * n, dh, n).noalias() += gBlock * p.transpose();
      if (!gq && !gk) continue;
      dP.noalias() = v.block(h * dh, b * n, dh, n).transpose() * gBlock;
      // Softmax backward per query column, then the 1/√dh of the scores.
      for (int t = 0; t < n; ++t) {
        const T dot = dP.col(t).dot(p.col(t));
        dP.col(t).array() = scale * p.col(t).array() * (dP.col(t).array() - dot);
      }
      if (gq) tape.ParentGrad(node, 0).block(h * dh, b * n, dh, n).noalias() += k.block(h * dh, b * n, dh, n) * dP;
      if (gk)
        tape.ParentGrad(node, 1).block(h * dh, b * n, dh, n).noalias() +=
            q.block(h * dh, b * n, dh, n) * dP.transpose();
    }
  }
}

}  // namespace

template <class T>
Var<T> ScaledDotProductAttention(Var<T> q, Var<T> k, Var<T> v, int seqLen, int heads, bool causal) {
  const int d = q.Rows();
  const int cols = q.Cols();
  auto sameShape = [&](Var<T> x) { return x.Rows() == d && x.Cols() == cols; };
  if (!sameShape(k) || !sameShape(v))
    throw core::Error("ScaledDotProductAttention: q, k and v must have the same shape (q is " + std::to_string(d) +
                      "x" + std::to_string(cols) + ")");
  if (seqLen <= 0 || cols % seqLen != 0)
    throw core::Error("ScaledDotProductAttention: " + std::to_string(cols) + " columns are not a multiple of seqLen " +
                      std::to_string(seqLen));
  if (heads <= 0 || d % heads != 0)
    throw core::Error("ScaledDotProductAttention: width " + std::to_string(d) + " is not a multiple of heads " +
                      std::to_string(heads));
  Tape<T>& tape = *q.tape;
  const int n = seqLen;
  const int dh = d / heads;
  const int samples = cols / n;
  const T scale = T(1) / std::sqrt(static_cast<T>(dh));
  Var<T> y = tape.NewNode(d, cols, {q, k, v}, &AttentionBackward<T>);
  Node<T>& node = tape.At(y.id);
  node.iarg[0] = n;
  node.iarg[1] = heads;
  node.iarg[2] = causal ? 1 : 0;
  node.sarg[0] = scale;
  T* weights = tape.AllocateAux(y, static_cast<std::ptrdiff_t>(samples) * heads * n * n);
  const MatMap<T> qv = tape.Value(q);
  const MatMap<T> kv = tape.Value(k);
  const MatMap<T> vv = tape.Value(v);
  MatMap<T> out = tape.Value(y);
  for (int b = 0; b < samples; ++b) {
    for (int h = 0; h < heads; ++h) {
      MatMap<T> p(weights + (static_cast<std::ptrdiff_t>(b) * heads + h) * n * n, n, n);  // (keys, queries)
      p.noalias() = scale * (kv.block(h * dh, b * n, dh, n).transpose() * qv.block(h * dh, b * n, dh, n));
      for (int t = 0; t < n; ++t) {
        const int visible = causal ? t + 1 : n;
        auto column = p.col(t).head(visible).array();
        column = (column - column.maxCoeff()).exp();
        column /= column.sum();
        if (visible < n) p.col(t).tail(n - visible).setZero();
      }
      out.block(h * dh, b * n, dh, n).noalias() = vv.block(h * dh, b * n, dh, n) * p;
    }
  }
  return y;
}

template Var<float> ScaledDotProductAttention(Var<float>, Var<float>, Var<float>, int, int, bool);
template Var<double> ScaledDotProductAttention(Var<double>, Var<double>, Var<double>, int, int, bool);

}  // namespace learning::nn
