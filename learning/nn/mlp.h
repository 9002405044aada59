#pragma once
// A multilayer perceptron: Linear → activation for each hidden width, then a Linear output layer
// (optionally followed by outputActivation). Layers are named "<name>.0", "<name>.1", ….
#include <string>
#include <vector>

#include "learning/nn/linear.h"
#include "learning/nn/ops_elementwise.h"

namespace learning::nn {

struct MlpDef {
  int inputs = 0;
  std::vector<int> hidden;  // widths of the hidden layers, may be empty (a single Linear)
  int outputs = 0;
  Activation activation = Activation::kRelu;
  Activation outputActivation = Activation::kNone;
  Init init = Init::kKaimingUniform;
};

template <class T>
class Mlp {
 public:
  Mlp() = default;
  Mlp(Parameters<T>& params, const std::string& name, const MlpDef& def, core::Rng& rng);

  // x (inputs, B) → (outputs, B).
  Var<T> Forward(Var<T> x) const;

  int Inputs() const { return def_.inputs; }
  int Outputs() const { return def_.outputs; }
  const std::vector<Linear<T>>& Layers() const { return layers_; }

 private:
  MlpDef def_;
  std::vector<Linear<T>> layers_;
};

extern template class Mlp<float>;
extern template class Mlp<double>;

}  // namespace learning::nn
