#include "learning/nn/ops_embedding.h"

#include <cmath>
#include <string>

namespace learning::nn {

namespace {

// aux: the indices (B values).
template <class T>
void LookupBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  MatMap<T> gTable = tape.ParentGrad(node, 0);
  for (int j = 0; j < node.cols; ++j) gTable.col(static_cast<Eigen::Index>(node.aux[j])) += g.col(j);
}

// iarg[0] = half; sarg[0] = log(maxPeriod).
template <class T>
void SinusoidalBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const int half = node.iarg[0];
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const ConstMatMap<T> y(node.value, node.rows, node.cols);
  MatMap<T> gt = tape.ParentGrad(node, 0);
  for (int k = 0; k < half; ++k) {
    const T omega = std::exp(-node.sarg[0] * static_cast<T>(k) / static_cast<T>(half));
    // d sin(tω)/dt = ω cos(tω); d cos(tω)/dt = −ω sin(tω).
    gt.row(0).array() += omega * (g.row(k).array() * y.row(half + k).array() - g.row(half + k).array() * y.row(k).array());
  }
}

template <class T>
void FillSinusoidal(const T* s, Eigen::Index count, int half, T logPeriod, MatMap<T> out) {
  for (int k = 0; k < half; ++k) {
    const T omega = std::exp(-logPeriod * static_cast<T>(k) / static_cast<T>(half));
    for (Eigen::Index j = 0; j < count; ++j) {
      out(k, j) = std::sin(s[j] * omega);
      out(half + k, j) = std::cos(s[j] * omega);
    }
  }
}

void CheckDim(int dim, const char* op) {
  if (dim <= 0 || dim % 2 != 0) throw core::Error(std::string(op) + ": dim must be positive and even, got " + std::to_string(dim));
}

}  // namespace

template <class T>
Var<T> EmbeddingLookup(Var<T> table, std::span<const int> indices) {
  const int count = table.Cols();
  if (indices.empty()) throw core::Error("EmbeddingLookup: no indices");
  for (int i : indices)
    if (i < 0 || i >= count)
      throw core::Error("EmbeddingLookup: index " + std::to_string(i) + " outside [0, " + std::to_string(count) + ")");
  Tape<T>& tape = *table.tape;
  const int b = static_cast<int>(indices.size());
  Var<T> y = tape.NewNode(table.Rows(), b, {table}, &LookupBackward<T>);
  T* aux = tape.AllocateAux(y, b);
  const MatMap<T> tv = tape.Value(table);
  MatMap<T> out = tape.Value(y);
  for (int j = 0; j < b; ++j) {
    out.col(j) = tv.col(indices[static_cast<size_t>(j)]);
    aux[j] = static_cast<T>(indices[static_cast<size_t>(j)]);
  }
  return y;
}

template <class T>
Var<T> SinusoidalEmbedding(Var<T> t, int dim, double maxPeriod) {
  CheckDim(dim, "SinusoidalEmbedding");
  if (t.Rows() != 1) throw core::Error("SinusoidalEmbedding: t must have one row, got " + std::to_string(t.Rows()));
  Tape<T>& tape = *t.tape;
  Var<T> y = tape.NewNode(dim, t.Cols(), {t}, &SinusoidalBackward<T>);
  Node<T>& node = tape.At(y.id);
  node.iarg[0] = dim / 2;
  node.sarg[0] = static_cast<T>(std::log(maxPeriod));
  FillSinusoidal<T>(tape.Value(t).data(), t.Cols(), dim / 2, node.sarg[0], tape.Value(y));
  return y;
}

template <class T>
Mat<T> SinusoidalTable(int dim, int count, double maxPeriod) {
  CheckDim(dim, "SinusoidalTable");
  Vec<T> positions = Vec<T>::LinSpaced(count, T(0), static_cast<T>(count - 1));
  Mat<T> table(dim, count);
  FillSinusoidal<T>(positions.data(), count, dim / 2, static_cast<T>(std::log(maxPeriod)),
                    MatMap<T>(table.data(), dim, count));
  return table;
}

#define ILD_INSTANTIATE_EMBEDDING(T)                                    \
  template Var<T> EmbeddingLookup(Var<T>, std::span<const int>);        \
  template Var<T> SinusoidalEmbedding(Var<T>, int, double);             \
  template Mat<T> SinusoidalTable(int, int, double);
ILD_INSTANTIATE_EMBEDDING(float)
ILD_INSTANTIATE_EMBEDDING(double)

}  // namespace learning::nn
