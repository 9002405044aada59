#include "learning/nn/layer_norm.h"

namespace learning::nn {

template <class T>
LayerNorm<T>::LayerNorm(Parameters<T>& params, const std::string& name, int features, double eps)
    : eps_(eps) {
  gain_ = params.Add(name + ".gain", features, 1, false);
  gain_.Value().setOnes();
  bias_ = params.Add(name + ".bias", features, 1, false);
}

template <class T>
Var<T> LayerNorm<T>::Forward(Var<T> x) const {
  Tape<T>& tape = *x.tape;
  return LayerNormalize(x, tape.Param(gain_), tape.Param(bias_), eps_);
}

template class LayerNorm<float>;
template class LayerNorm<double>;

}  // namespace learning::nn
