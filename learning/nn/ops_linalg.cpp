#include "learning/nn/ops_linalg.h"

#include <string>

namespace learning::nn {

namespace {

std::string ShapeText(int rows, int cols) { return std::to_string(rows) + "x" + std::to_string(cols); }

template <class T>
std::string ShapeText(Var<T> v) {
  return ShapeText(v.Rows(), v.Cols());
}

template <class T>
[[noreturn]] void ShapeError(const char* op, Var<T> a, Var<T> b) {
  throw core::Error(std::string(op) + ": incompatible shapes " + ShapeText(a) + " and " + ShapeText(b));
}

template <class T>
void MatmulBackward(Tape<T>& tape, const Node<T>& node) {
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  if (tape.ParentHasGrad(node, 0)) tape.ParentGrad(node, 0).noalias() += g * tape.ParentValue(node, 1).transpose();
  if (tape.ParentHasGrad(node, 1)) tape.ParentGrad(node, 1).noalias() += tape.ParentValue(node, 0).transpose() * g;
}

template <class T>
void AffineBackward(Tape<T>& tape, const Node<T>& node) {
  MatmulBackward(tape, node);
  if (node.numParents > 2 && tape.ParentHasGrad(node, 2))
    tape.ParentGrad(node, 2) += ConstMatMap<T>(node.grad, node.rows, node.cols).rowwise().sum();
}

template <class T>
void TransposeBackward(Tape<T>& tape, const Node<T>& node) {
  if (tape.ParentHasGrad(node, 0))
    tape.ParentGrad(node, 0) += ConstMatMap<T>(node.grad, node.rows, node.cols).transpose();
}

template <class T>
void ReshapeBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  MatMap<T> gx = tape.ParentGrad(node, 0);
  gx += ConstMatMap<T>(node.grad, gx.rows(), gx.cols());
}

// iarg[0] = 0 for rows, 1 for columns.
template <class T>
void ConcatBackward(Tape<T>& tape, const Node<T>& node) {
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const bool byRows = node.iarg[0] == 0;
  int offset = 0;
  for (int i = 0; i < node.numParents; ++i) {
    const int extent = byRows ? tape.At(node.parents[i]).rows : tape.At(node.parents[i]).cols;
    if (tape.ParentHasGrad(node, i)) {
      if (byRows)
        tape.ParentGrad(node, i) += g.middleRows(offset, extent);
      else
        tape.ParentGrad(node, i) += g.middleCols(offset, extent);
    }
    offset += extent;
  }
}

// iarg[0] = 0 for rows, 1 for columns; iarg[1] = start.
template <class T>
void SliceBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  MatMap<T> gx = tape.ParentGrad(node, 0);
  if (node.iarg[0] == 0)
    gx.middleRows(node.iarg[1], node.rows) += g;
  else
    gx.middleCols(node.iarg[1], node.cols) += g;
}

constexpr size_t kMaxParents = 4;

template <class T>
Var<T> Concat(const std::vector<Var<T>>& parts, bool byRows) {
  const char* op = byRows ? "ConcatRows" : "ConcatCols";
  if (parts.empty()) throw core::Error(std::string(op) + ": nothing to concatenate");
  if (parts.size() == 1) return parts[0];
  if (parts.size() > kMaxParents) {
    // A node holds at most four parents: join the first four, then the rest onto it.
    std::vector<Var<T>> rest{Concat(std::vector<Var<T>>(parts.begin(), parts.begin() + kMaxParents), byRows)};
    rest.insert(rest.end(), parts.begin() + kMaxParents, parts.end());
    return Concat(rest, byRows);
  }
  int total = 0;
  for (const Var<T>& p : parts) {
    if (byRows ? p.Cols() != parts[0].Cols() : p.Rows() != parts[0].Rows()) ShapeError(op, parts[0], p);
    total += byRows ? p.Rows() : p.Cols();
  }
  Tape<T>& tape = *parts[0].tape;
  const int rows = byRows ? total : parts[0].Rows();
  const int cols = byRows ? parts[0].Cols() : total;
  Var<T> y = tape.NewNode(rows, cols, std::span<const Var<T>>(parts), &ConcatBackward<T>);
  tape.At(y.id).iarg[0] = byRows ? 0 : 1;
  MatMap<T> out = tape.Value(y);
  int offset = 0;
  for (const Var<T>& p : parts) {
    if (byRows) {
      out.middleRows(offset, p.Rows()) = tape.Value(p);
      offset += p.Rows();
    } else {
      out.middleCols(offset, p.Cols()) = tape.Value(p);
      offset += p.Cols();
    }
  }
  return y;
}

template <class T>
Var<T> Slice(Var<T> x, int start, int count, bool byRows) {
  const int extent = byRows ? x.Rows() : x.Cols();
  if (start < 0 || count <= 0 || start + count > extent)
    throw core::Error(std::string(byRows ? "SliceRows" : "SliceCols") + ": range [" + std::to_string(start) + ", " +
                      std::to_string(start + count) + ") outside " + ShapeText(x));
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(byRows ? count : x.Rows(), byRows ? x.Cols() : count, {x}, &SliceBackward<T>);
  tape.At(y.id).iarg[0] = byRows ? 0 : 1;
  tape.At(y.id).iarg[1] = start;
  if (byRows)
    tape.Value(y) = tape.Value(x).middleRows(start, count);
  else
    tape.Value(y) = tape.Value(x).middleCols(start, count);
  return y;
}

}  // namespace

template <class T>
Var<T> Matmul(Var<T> a, Var<T> b) {
  if (a.Cols() != b.Rows()) ShapeError("Matmul", a, b);
  Tape<T>& tape = *a.tape;
  Var<T> y = tape.NewNode(a.Rows(), b.Cols(), {a, b}, &MatmulBackward<T>);
  tape.Value(y).noalias() = tape.Value(a) * tape.Value(b);
  return y;
}

template <class T>
Var<T> Affine(Var<T> w, Var<T> x, Var<T> bias) {
  if (w.Cols() != x.Rows()) ShapeError("Affine", w, x);
  if (bias.Rows() != w.Rows() || bias.Cols() != 1) ShapeError("Affine (bias)", w, bias);
  Tape<T>& tape = *w.tape;
  Var<T> y = tape.NewNode(w.Rows(), x.Cols(), {w, x, bias}, &AffineBackward<T>);
  MatMap<T> out = tape.Value(y);
  const MatMap<T> b = tape.Value(bias);
  for (Eigen::Index j = 0; j < out.cols(); ++j) out.col(j) = b.col(0);  // not replicate(): see broadcast.h
  out.noalias() += tape.Value(w) * tape.Value(x);
  return y;
}

template <class T>
Var<T> Affine(Var<T> w, Var<T> x) {
  return Matmul(w, x);
}

template <class T>
Var<T> Transpose(Var<T> x) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Cols(), x.Rows(), {x}, &TransposeBackward<T>);
  tape.Value(y) = tape.Value(x).transpose();
  return y;
}

template <class T>
Var<T> Reshape(Var<T> x, int rows, int cols) {
  if (rows <= 0 || cols <= 0 || static_cast<long>(rows) * cols != static_cast<long>(x.Rows()) * x.Cols())
    throw core::Error("Reshape: cannot reshape " + ShapeText(x) + " to " + ShapeText(rows, cols));
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(rows, cols, {x}, &ReshapeBackward<T>);
  MatMap<T> src = tape.Value(x);
  tape.Value(y) = ConstMatMap<T>(src.data(), rows, cols);
  return y;
}

template <class T>
Var<T> ConcatRows(const std::vector<Var<T>>& parts) {
  return Concat(parts, true);
}
template <class T>
Var<T> SliceRows(Var<T> x, int start, int count) {
  return Slice(x, start, count, true);
}
template <class T>
Var<T> ConcatCols(const std::vector<Var<T>>& parts) {
  return Concat(parts, false);
}
template <class T>
Var<T> SliceCols(Var<T> x, int start, int count) {
  return Slice(x, start, count, false);
}

#define ILD_INSTANTIATE_LINALG(T)                                  \
  template Var<T> Matmul(Var<T>, Var<T>);                          \
  template Var<T> Affine(Var<T>, Var<T>, Var<T>);                  \
  template Var<T> Affine(Var<T>, Var<T>);                          \
  template Var<T> Transpose(Var<T>);                               \
  template Var<T> Reshape(Var<T>, int, int);                       \
  template Var<T> ConcatRows(const std::vector<Var<T>>&);          \
  template Var<T> SliceRows(Var<T>, int, int);                     \
  template Var<T> ConcatCols(const std::vector<Var<T>>&);          \
  template Var<T> SliceCols(Var<T>, int, int);
ILD_INSTANTIATE_LINALG(float)
ILD_INSTANTIATE_LINALG(double)

}  // namespace learning::nn
