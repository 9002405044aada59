#include "learning/nn/ops_norm.h"

#include <cmath>
#include <string>

namespace learning::nn {

namespace {

// aux: mean (1, B) then 1/σ (1, B).
template <class T>
void LayerNormBackward(Tape<T>& tape, const Node<T>& node) {
  const MatMap<T> x = tape.ParentValue(node, 0);
  const MatMap<T> gain = tape.ParentValue(node, 1);
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  const Eigen::Index d = x.rows();
  const Eigen::Index b = x.cols();
  const T* mean = node.aux;
  const T* rstd = node.aux + b;
  const bool gx = tape.ParentHasGrad(node, 0);
  const bool gGain = tape.ParentHasGrad(node, 1);
  const bool gBias = tape.ParentHasGrad(node, 2);
  T* xhat = tape.Scratch(d);
  T* gxhat = tape.Scratch(d);
  for (Eigen::Index j = 0; j < b; ++j) {
    Eigen::Map<Vec<T>> xh(xhat, d), gh(gxhat, d);
    xh = (x.col(j).array() - mean[j]) * rstd[j];
    if (gGain) tape.ParentGrad(node, 1).col(0).array() += g.col(j).array() * xh.array();
    if (gBias) tape.ParentGrad(node, 2).col(0) += g.col(j);
    if (gx) {
      gh = g.col(j).cwiseProduct(gain.col(0));
      const T meanG = gh.mean();
      const T meanGx = gh.dot(xh) / static_cast<T>(d);
      tape.ParentGrad(node, 0).col(j).array() += rstd[j] * (gh.array() - meanG - xh.array() * meanGx);
    }
  }
}

}  // namespace

template <class T>
Var<T> LayerNormalize(Var<T> x, Var<T> gain, Var<T> bias, double eps) {
  const int d = x.Rows();
  const int b = x.Cols();
  if (gain.Rows() != d || gain.Cols() != 1 || bias.Rows() != d || bias.Cols() != 1)
    throw core::Error("LayerNorm: gain and bias must be " + std::to_string(d) + "x1 for input " + std::to_string(d) +
                      "x" + std::to_string(b));
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(d, b, {x, gain, bias}, &LayerNormBackward<T>);
  T* aux = tape.AllocateAux(y, 2 * static_cast<std::ptrdiff_t>(b));
  const MatMap<T> xv = tape.Value(x);
  const auto gv = tape.Value(gain).col(0).array();
  const auto bv = tape.Value(bias).col(0).array();
  MatMap<T> out = tape.Value(y);
  for (int j = 0; j < b; ++j) {
    const T mean = xv.col(j).mean();
    const T var = (xv.col(j).array() - mean).square().mean();
    const T rstd = T(1) / std::sqrt(var + static_cast<T>(eps));
    aux[j] = mean;
    aux[b + j] = rstd;
    out.col(j).array() = (xv.col(j).array() - mean) * rstd * gv + bv;
  }
  return y;
}

template Var<float> LayerNormalize(Var<float>, Var<float>, Var<float>, double);
template Var<double> LayerNormalize(Var<double>, Var<double>, Var<double>, double);

}  // namespace learning::nn
