#include "learning/nn/mlp.h"

namespace learning::nn {

template <class T>
Mlp<T>::Mlp(Parameters<T>& params, const std::string& name, const MlpDef& def, core::Rng& rng) : def_(def) {
  int width = def.inputs;
  std::vector<int> outs = def.hidden;
  outs.push_back(def.outputs);
  for (size_t i = 0; i < outs.size(); ++i) {
    layers_.emplace_back(params, name + "." + std::to_string(i), LinearDef{width, outs[i], true, def.init}, rng);
    width = outs[i];
  }
}

template <class T>
Var<T> Mlp<T>::Forward(Var<T> x) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    x = layers_[i].Forward(x);
    x = Activate(x, i + 1 < layers_.size() ? def_.activation : def_.outputActivation);
  }
  return x;
}

template class Mlp<float>;
template class Mlp<double>;

}  // namespace learning::nn
