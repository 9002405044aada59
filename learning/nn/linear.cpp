#include "learning/nn/linear.h"

#include "learning/nn/ops_linalg.h"

namespace learning::nn {

template <class T>
Linear<T>::Linear(Parameters<T>& params, const std::string& name, const LinearDef& def, core::Rng& rng) : def_(def) {
  ILD_CHECK(def.inputs > 0 && def.outputs > 0, "Linear needs positive inputs and outputs");
  weight_ = params.Add(name + ".weight", def.outputs, def.inputs, true);
  Initialise(weight_.Value(), def.init, rng);
  if (def.bias) bias_ = params.Add(name + ".bias", def.outputs, 1, false);
}

template <class T>
Var<T> Linear<T>::Forward(Var<T> x) const {
  Tape<T>& tape = *x.tape;
  if (bias_.Valid()) return Affine(tape.Param(weight_), x, tape.Param(bias_));
  return Affine(tape.Param(weight_), x);
}

template class Linear<float>;
template class Linear<double>;

}  // namespace learning::nn
