#include "learning/nn/ops_loss.h"

#include <cmath>
#include <numbers>
#include <string>

namespace learning::nn {

namespace {

template <class T>
void RequireSameShape(const char* op, Var<T> a, Var<T> b) {
  if (a.Rows() != b.Rows() || a.Cols() != b.Cols())
    throw core::Error(std::string(op) + ": shapes differ (" + std::to_string(a.Rows()) + "x" +
                      std::to_string(a.Cols()) + " vs " + std::to_string(b.Rows()) + "x" + std::to_string(b.Cols()) +
                      ")");
}

template <class T>
void MseBackward(Tape<T>& tape, const Node<T>& node) {
  const MatMap<T> p = tape.ParentValue(node, 0);
  const MatMap<T> t = tape.ParentValue(node, 1);
  const T s = node.grad[0] * T(2) / static_cast<T>(p.size());
  if (tape.ParentHasGrad(node, 0)) tape.ParentGrad(node, 0) += s * (p - t);
  if (tape.ParentHasGrad(node, 1)) tape.ParentGrad(node, 1) -= s * (p - t);
}

// aux: softmax (K, B) then the labels (B).
template <class T>
void CrossEntropyBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  MatMap<T> gx = tape.ParentGrad(node, 0);
  const ConstMatMap<T> p(node.aux, gx.rows(), gx.cols());
  const T* labels = node.aux + gx.size();
  for (Eigen::Index j = 0; j < gx.cols(); ++j) {
    const T g = node.grad[j];
    gx.col(j) += g * p.col(j);
    gx(static_cast<Eigen::Index>(labels[j]), j) -= g;
  }
}

// aux: z = (x − mean)·exp(−logStd) (d, B). Loops over columns: the shared (d, 1) logStd is used per column.
template <class T>
void GaussianBackward(Tape<T>& tape, const Node<T>& node) {
  const MatMap<T> x = tape.ParentValue(node, 0);
  const MatMap<T> logStd = tape.ParentValue(node, 2);
  const Eigen::Index d = x.rows();
  const Eigen::Index b = x.cols();
  const bool shared = logStd.cols() == 1;
  const ConstMatMap<T> z(node.aux, d, b);
  const bool gx = tape.ParentHasGrad(node, 0);
  const bool gMean = tape.ParentHasGrad(node, 1);
  const bool gStd = tape.ParentHasGrad(node, 2);
  for (Eigen::Index j = 0; j < b; ++j) {
    const T g = node.grad[j];
    const Eigen::Index sj = shared ? 0 : j;
    // d/dx = −z/σ, d/dmean = z/σ, d/dlogStd = z² − 1 (per element, times the incoming gradient).
    if (gx || gMean) {
      const auto scaled = g * z.col(j).array() * (-logStd.col(sj).array()).exp();
      if (gx) tape.ParentGrad(node, 0).col(j).array() -= scaled;
      if (gMean) tape.ParentGrad(node, 1).col(j).array() += scaled;
    }
    if (gStd) tape.ParentGrad(node, 2).col(sj).array() += g * (z.col(j).array().square() - T(1));
  }
}

template <class T>
void KlBackward(Tape<T>& tape, const Node<T>& node) {
  const MatMap<T> m1 = tape.ParentValue(node, 0);
  const MatMap<T> s1 = tape.ParentValue(node, 1);
  const MatMap<T> m2 = tape.ParentValue(node, 2);
  const MatMap<T> s2 = tape.ParentValue(node, 3);
  bool has[4];
  for (int i = 0; i < 4; ++i) has[i] = tape.ParentHasGrad(node, i);
  for (Eigen::Index j = 0; j < m1.cols(); ++j) {
    const T g = node.grad[j];
    const auto inv2 = (T(-2) * s2.col(j).array()).exp();                     // 1/σ2²
    const auto ratio = (T(2) * (s1.col(j).array() - s2.col(j).array())).exp();  // σ1²/σ2²
    const auto diff = m1.col(j).array() - m2.col(j).array();
    if (has[0]) tape.ParentGrad(node, 0).col(j).array() += g * diff * inv2;
    if (has[1]) tape.ParentGrad(node, 1).col(j).array() += g * (ratio - T(1));
    if (has[2]) tape.ParentGrad(node, 2).col(j).array() -= g * diff * inv2;
    if (has[3]) tape.ParentGrad(node, 3).col(j).array() += g * (T(1) - ratio - diff.square() * inv2);
  }
}

}  // namespace

template <class T>
Var<T> Mse(Var<T> pred, Var<T> target) {
  RequireSameShape("Mse", pred, target);
  Tape<T>& tape = *pred.tape;
  Var<T> y = tape.NewNode(1, 1, {pred, target}, &MseBackward<T>);
  const MatMap<T> p = tape.Value(pred);
  tape.Value(y)(0, 0) = (p - tape.Value(target)).squaredNorm() / static_cast<T>(p.size());
  return y;
}

template <class T>
Var<T> CrossEntropy(Var<T> logits, std::span<const int> labels) {
  const int k = logits.Rows();
  const int b = logits.Cols();
  if (static_cast<int>(labels.size()) != b)
    throw core::Error("CrossEntropy: " + std::to_string(labels.size()) + " labels for a batch of " + std::to_string(b));
  for (int label : labels)
    if (label < 0 || label >= k)
      throw core::Error("CrossEntropy: label " + std::to_string(label) + " outside [0, " + std::to_string(k) + ")");
  Tape<T>& tape = *logits.tape;
  Var<T> y = tape.NewNode(1, b, {logits}, &CrossEntropyBackward<T>);
  T* aux = tape.AllocateAux(y, static_cast<std::ptrdiff_t>(k) * b + b);
  MatMap<T> p(aux, k, b);
  const MatMap<T> x = tape.Value(logits);
  MatMap<T> out = tape.Value(y);
  for (int j = 0; j < b; ++j) {
    const T m = x.col(j).maxCoeff();
    p.col(j).array() = (x.col(j).array() - m).exp();
    const T sum = p.col(j).sum();
    p.col(j) /= sum;
    out(0, j) = m + std::log(sum) - x(labels[static_cast<size_t>(j)], j);
    aux[static_cast<std::ptrdiff_t>(k) * b + j] = static_cast<T>(labels[static_cast<size_t>(j)]);
  }
  return y;
}

template <class T>
Var<T> GaussianLogLikelihood(Var<T> x, Var<T> mean, Var<T> logStd) {
  RequireSameShape("GaussianLogLikelihood (x, mean)", x, mean);
  if (logStd.Rows() != x.Rows() || (logStd.Cols() != x.Cols() && logStd.Cols() != 1))
    throw core::Error("GaussianLogLikelihood: logStd must be " + std::to_string(x.Rows()) + "x" +
                      std::to_string(x.Cols()) + " or " + std::to_string(x.Rows()) + "x1");
  Tape<T>& tape = *x.tape;
  const int d = x.Rows();
  const int b = x.Cols();
  Var<T> y = tape.NewNode(1, b, {x, mean, logStd}, &GaussianBackward<T>);
  MatMap<T> z(tape.AllocateAux(y, static_cast<std::ptrdiff_t>(d) * b), d, b);
  const MatMap<T> xv = tape.Value(x);
  const MatMap<T> mv = tape.Value(mean);
  const MatMap<T> s = tape.Value(logStd);
  MatMap<T> out = tape.Value(y);
  const T halfLog2Pi = T(0.5) * std::log(T(2) * std::numbers::pi_v<T>);
  for (int j = 0; j < b; ++j) {
    const auto sj = s.col(s.cols() == 1 ? 0 : j).array();
    z.col(j).array() = (xv.col(j).array() - mv.col(j).array()) * (-sj).exp();
    out(0, j) = (T(-0.5) * z.col(j).array().square() - sj - halfLog2Pi).sum();
  }
  return y;
}

template <class T>
Var<T> KlDiagonalGaussians(Var<T> mean1, Var<T> logStd1, Var<T> mean2, Var<T> logStd2) {
  RequireSameShape("KlDiagonalGaussians (mean1, logStd1)", mean1, logStd1);
  RequireSameShape("KlDiagonalGaussians (mean1, mean2)", mean1, mean2);
  RequireSameShape("KlDiagonalGaussians (mean1, logStd2)", mean1, logStd2);
  Tape<T>& tape = *mean1.tape;
  Var<T> y = tape.NewNode(1, mean1.Cols(), {mean1, logStd1, mean2, logStd2}, &KlBackward<T>);
  const auto s1 = tape.Value(logStd1).array();
  const auto s2 = tape.Value(logStd2).array();
  const auto diff = tape.Value(mean1).array() - tape.Value(mean2).array();
  tape.Value(y) = (s2 - s1 + T(0.5) * ((T(2) * (s1 - s2)).exp() + diff.square() * (T(-2) * s2).exp()) - T(0.5))
                      .matrix()
                      .colwise()
                      .sum();
  return y;
}

#define ILD_INSTANTIATE_LOSS(T)                                                 \
  template Var<T> Mse(Var<T>, Var<T>);                                          \
  template Var<T> CrossEntropy(Var<T>, std::span<const int>);                   \
  template Var<T> GaussianLogLikelihood(Var<T>, Var<T>, Var<T>);                \
  template Var<T> KlDiagonalGaussians(Var<T>, Var<T>, Var<T>, Var<T>);
ILD_INSTANTIATE_LOSS(float)
ILD_INSTANTIATE_LOSS(double)

}  // namespace learning::nn
